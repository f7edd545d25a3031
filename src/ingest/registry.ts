/** Media type → extractor. Adding a format means adding its extractor here (see STYLE.md). */

import type { Extractor } from './extractor.js'
import { ZipExtractor } from './extractors/archive/zip-extractor.js'
import { DocxExtractor } from './extractors/docx/docx-extractor.js'
import { EmlExtractor } from './extractors/email/eml-extractor.js'
import { HtmlExtractor } from './extractors/html/html-extractor.js'
import { PdfExtractor } from './extractors/pdf/pdf-extractor.js'
import { TextExtractor } from './extractors/text/text-extractor.js'

const text = new TextExtractor()

const extractors: Record<string, Extractor> = {
  'application/pdf': new PdfExtractor(),
  'text/html': new HtmlExtractor(),
  'application/xhtml+xml': new HtmlExtractor(),
  'text/plain': text,
  'text/csv': text,
  'text/tab-separated-values': text,
  'text/markdown': text,
  'application/json': text,
  'application/xml': text,
  'text/xml': text,
  'text/calendar': text,
  'text/vcard': text,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': new DocxExtractor(),
  'message/rfc822': new EmlExtractor(),
  'application/zip': new ZipExtractor(),
}

/** The extractor for a media type, or null when the format is not supported yet. */
export function extractorFor(mediaType: string): Extractor | null {
  return extractors[mediaType] ?? null
}

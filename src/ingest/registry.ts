/** Media type → extractor. Each format family lists its media types in its folder's index.ts;
 *  adding a family means adding its list here (see STYLE.md). */

import type { Extractor } from './extractor.js'
import { archiveExtractors } from './extractors/archive/index.js'
import { docxExtractors } from './extractors/docx/index.js'
import { emailExtractors } from './extractors/email/index.js'
import { htmlExtractors } from './extractors/html/index.js'
import { imageExtractors } from './extractors/image/index.js'
import { officeExtractors } from './extractors/office/index.js'
import { pdfExtractors } from './extractors/pdf/index.js'
import { textExtractors } from './extractors/text/index.js'

const extractors: Readonly<Record<string, Extractor>> = {
  ...textExtractors,
  ...htmlExtractors,
  ...pdfExtractors,
  ...docxExtractors,
  ...officeExtractors,
  ...emailExtractors,
  ...archiveExtractors,
  ...imageExtractors,
}

/** The extractor for a media type, or null when the format is not supported yet. */
export function extractorFor(mediaType: string): Extractor | null {
  return Object.hasOwn(extractors, mediaType) ? (extractors[mediaType] ?? null) : null
}

/** Every media type some extractor reads. */
export function supportedMediaTypes(): string[] {
  return Object.keys(extractors).sort()
}

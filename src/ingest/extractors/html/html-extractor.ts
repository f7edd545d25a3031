/** Reads HTML pages: finds the charset (BOM, then `<meta>` in the first 4 KB, then detection),
 *  and keeps the page's readable text, title and head metadata. Scripts are dropped, never run. */

import { DaleelError } from '../../../domain/index.js'
import type { ExtractionInput, ExtractionResult, Extractor } from '../../extractor.js'
import { decodeText, encodingFromBom } from '../text/decode-text.js'
import { limitText } from '../text/limit-text.js'
import { findXmlEncoding } from '../text/text-extractor.js'
import { htmlToText } from './html-to-text.js'

// Matches `<meta charset="…">` and `<meta http-equiv=Content-Type content="text/html;
// charset=…">`, including Word's unquoted `charset = iso-8859-6` with spaces (fixture: corpus
// tika/testHTMLNoisyMetaEncoding_3.html).
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/iu

/** The charset a page declares in its first 4 KB (`<meta>` or XML declaration), if any. */
export function findHtmlCharset(bytes: Uint8Array): string | undefined {
  if (encodingFromBom(bytes) !== null) return undefined
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096))
    .toString('latin1')
    // A charset mentioned inside a comment is not a declaration.
    .replace(/<!--[\s\S]*?-->/gu, '')
  return META_CHARSET.exec(head)?.[1] ?? findXmlEncoding(bytes)
}

/** Turns an HTML page into a document with its visible text; method 'markup'. */
export class HtmlExtractor implements Extractor {
  readonly name = 'html'

  extract(input: ExtractionInput): Promise<ExtractionResult> {
    return new Promise((resolve) => resolve(readHtml(input)))
  }
}

function readHtml(input: ExtractionInput): ExtractionResult {
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  const decoded = decodeText(input.bytes, findHtmlCharset(input.bytes), input.mediaType)
  const page = htmlToText(decoded.text)
  // The title is part of what a reader sees, so it leads the text and phrase searches that
  // run from the title into the first line find the page (corpus: ingest-file/doc.html).
  const full =
    page.title !== null && page.text !== page.title && !page.text.startsWith(`${page.title}\n`)
      ? `${page.title}\n\n${page.text}`
      : page.text
  const { text, warnings } = limitText(full, input.limits)
  return {
    text,
    title: page.title,
    metadata: page.metadata,
    encoding: decoded.encoding,
    method: 'markup',
    children: [],
    warnings,
  }
}

/** Reads plain-text files (.txt, .csv, .xml, source code, …): chooses the encoding, strips a
 *  BOM and keeps the text as it is. Markup is not interpreted here; HTML has its own extractor. */

import { DaleelError } from '../../../domain/index.js'
import type { ExtractionInput, ExtractionResult, Extractor } from '../../extractor.js'
import { decodeText } from './decode-text.js'
import { limitText } from './limit-text.js'

// `<?xml version="1.0" encoding="windows-1255"?>`: RSS feeds and other XML saved as text declare
// their charset in the first line (fixture: corpus charsets/chardet/windows-1255-hebrew/*.xml).
const XML_DECLARATION = /^<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/u

/** The charset an XML declaration at the start of the bytes names, if any. */
export function findXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, 256),
  ).toString('latin1')
  return XML_DECLARATION.exec(head)?.[1]
}

/** Turns a plain-text file into a document whose text is the decoded file. */
export class TextExtractor implements Extractor {
  readonly name = 'text'

  extract(input: ExtractionInput): Promise<ExtractionResult> {
    // The executor turns a synchronous throw into a rejected promise, as callers expect.
    return new Promise((resolve) => resolve(readText(input)))
  }
}

function readText(input: ExtractionInput): ExtractionResult {
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  const decoded = decodeText(input.bytes, findXmlEncoding(input.bytes), input.mediaType)
  const { text, warnings } = limitText(decoded.text, input.limits)
  return {
    text,
    title: null,
    metadata: {},
    encoding: decoded.encoding,
    method: 'text',
    children: [],
    warnings,
  }
}

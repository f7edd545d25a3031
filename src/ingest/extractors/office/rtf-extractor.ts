/** Reads RTF files (.rtf, and .doc files that are really RTF): text and \info metadata come
 *  from our own reader, `rtfToText`, because no package decodes \ansicpg, \fcharset, \'hh and
 *  \uN the way Hebrew and Arabic government documents need. */

import { DaleelError } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { toWarning } from '../text/to-warning.js'
import { rtfToText } from './rtf-to-text.js'

/** True when the bytes open like RTF (`{\rtf`, after an optional BOM or white space). */
export function looksLikeRtf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString('latin1')
    .replace(/^(?:\u00ef\u00bb\u00bf|\s)+/u, '')
  return head.startsWith('{\\rtf')
}

/** Turns an RTF file into a document with its text and properties. */
export class RtfExtractor implements Extractor {
  readonly name = 'rtf'

  extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    const { bytes, limits } = input
    if (bytes.length === 0) return Promise.reject(new DaleelError('FILE_EMPTY'))
    if (!looksLikeRtf(bytes)) return Promise.reject(new DaleelError('FILE_CORRUPT'))
    options.signal?.throwIfAborted()
    const result = rtfToText(bytes, {
      maxChars: limits.maxTextChars,
      onProgress: options.onProgress,
    })
    const title = typeof result.metadata.title === 'string' ? result.metadata.title : null
    return Promise.resolve({
      text: result.text,
      title,
      metadata: result.metadata,
      encoding: result.encoding,
      method: 'markup',
      children: [],
      warnings: result.truncated ? [toWarning('TEXT_TRUNCATED')] : [],
    })
  }
}

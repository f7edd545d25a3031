/** Keeps a document's text within `limits.maxTextChars`, so one huge file cannot fill the
 *  store; what is cut off is reported as a TEXT_TRUNCATED warning. */

import type { Warning } from '../../../domain/index.js'
import type { ExtractionLimits } from '../../extractor.js'
import { toWarning } from './to-warning.js'

/** The text cut to the character limit, with a warning when anything was cut. */
export function limitText(
  text: string,
  limits: Pick<ExtractionLimits, 'maxTextChars'>,
): { text: string; warnings: Warning[] } {
  if (text.length <= limits.maxTextChars) return { text, warnings: [] }
  let end = limits.maxTextChars
  // Never cut a surrogate pair in half: the stored text must stay well-formed UTF-16.
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return { text: text.slice(0, end), warnings: [toWarning('TEXT_TRUNCATED')] }
}

/** Builds the warnings extractors attach to a document they could read in part. The wording
 *  comes from the error catalogue, so a warning reads like the failure it stands in for. */

import { errorMessages, fillTemplate } from '../../../domain/index.js'
import type { ErrorCode, Warning } from '../../../domain/index.js'

/**
 * A warning with the catalogue message for `code`, optionally naming the member it is about.
 *
 * @example toWarning('FILE_ENCRYPTED', {}, 'secret.txt')
 * // → { code: 'FILE_ENCRYPTED', message: 'secret.txt: The file is encrypted and no password given to `index --password-file` opens it.' }
 */
export function toWarning(
  code: ErrorCode,
  params: Record<string, string | number> = {},
  subject?: string,
): Warning {
  const message = fillTemplate(errorMessages[code], params)
  return { code, message: subject === undefined ? message : `${subject}: ${message}` }
}

/** The contract's exit codes: 0 done (recorded failures included), 1 runtime error,
 *  2 bad arguments or an unusable store. */

import type { ErrorCode } from '../domain/index.js'

export const exitCodes = { done: 0, runtimeError: 1, badArguments: 2 } as const

const argumentCodes: ReadonlySet<ErrorCode> = new Set([
  'QUERY_SYNTAX',
  'QUERY_EMPTY',
  'QUERY_FIELD_UNKNOWN',
  'QUERY_FIELD_VALUE',
  'STORE_UNUSABLE',
  'STORE_ENGINE_UNKNOWN',
  'INPUT_NOT_FOUND',
  'ARGUMENT_INVALID',
  'DOCUMENT_NOT_FOUND',
  'CITE_RANGE',
  'USER_NOT_FOUND',
])

/** The exit code for an expected error. */
export function exitCodeFor(code: ErrorCode): number {
  return argumentCodes.has(code) ? exitCodes.badArguments : exitCodes.runtimeError
}

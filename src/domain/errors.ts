/** The one catalogue of error codes and the messages users see for them. Failure records,
 *  API error responses and CLI messages all take their wording from here. */

const messages = {
  FILE_CORRUPT: 'The file is damaged and could not be read.',
  FILE_EMPTY: 'The file is empty.',
  FILE_ENCRYPTED:
    'The file is encrypted and no password given to `index --password-file` opens it.',
  FILE_TOO_LARGE: 'The file is larger than the limit of {limit} bytes.',
  FILE_UNREADABLE: 'The file could not be opened: {detail}.',
  FORMAT_UNSUPPORTED: 'Files of this kind ({mediaType}) cannot be read yet.',
  CONVERTER_MISSING: 'Reading {format} files needs {tool}, which is not installed.',
  EXTRACT_TIMEOUT: 'Reading the file took longer than {seconds} s and was stopped.',
  EXTRACT_MEMORY: 'Reading the file needed more than {megabytes} MB of memory and was stopped.',
  EXTRACT_FAILED: 'The file could not be read because of an internal error.',
  ARCHIVE_TOO_DEEP: 'The archive is nested more than {depth} levels deep.',
  ARCHIVE_BOMB: 'The archive expands to more than its safe limit ({detail}).',
  ARCHIVE_UNSAFE_PATH: 'An archive member has an unsafe name: {name}.',
  TEXT_TRUNCATED: 'Only part of the file could be read.',
  PAGE_UNREADABLE: 'Page {page} could not be read.',
  PAGE_NO_TEXT: 'Page {page} has no text layer; it needs OCR.',
  QUERY_SYNTAX: 'The query could not be read near “{near}”.',
  QUERY_EMPTY: 'The query is empty.',
  QUERY_FIELD_UNKNOWN: 'The field “{field}” is not known. Known fields: {known}.',
  QUERY_FIELD_VALUE: 'The value “{value}” is not valid for {field}.',
  DOCUMENT_NOT_FOUND: 'No document has the id or path “{id}”.',
  DOCUMENT_NO_ORIGINAL: 'The original of document {id} is not in the store.',
  STORE_UNUSABLE: 'The store at {location} cannot be used: {detail}.',
  STORE_ENGINE_UNKNOWN: 'The store “{location}” is not a folder or a postgres:// address.',
  INPUT_NOT_FOUND: 'The path {path} does not exist.',
  ARGUMENT_INVALID: 'The argument {name} is not valid: {detail}.',
  CITE_RANGE:
    'The passage {offset}:{length} lies outside the text of document {id} ({size} characters).',
  USER_NOT_FOUND: 'No user is called “{name}”.',
  AUTH_REQUIRED: 'Sign in first: this server requires an account.',
  LOGIN_FAILED: 'The name or the password is wrong.',
  LOGIN_THROTTLED: 'Too many sign-in attempts; wait {seconds} s and try again.',
  CSRF_INVALID: 'The request did not carry this session’s CSRF token.',
  FORBIDDEN: 'Your role on this collection does not allow this ({needed} needed).',
  AUDIT_BROKEN: 'The audit log has been altered: {count} problem(s).',
} as const

/** Every code Daleel can report, for failures and for refused requests. */
export type ErrorCode = keyof typeof messages
type Params = Record<string, string | number>

/** The catalogue as a read-only map, for docs checks and API descriptions. */
export const errorMessages: Readonly<Record<ErrorCode, string>> = messages

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function fillTemplate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** An error we expected and can explain; `message` is written for the user. */
export class DaleelError extends Error {
  override readonly name = 'DaleelError'
  constructor(
    readonly code: ErrorCode,
    readonly params: Params = {},
    options?: { cause?: unknown },
  ) {
    super(fillTemplate(messages[code], params), options)
  }
}

/** True when `code` is one of the catalogue's codes (e.g. read back from a store). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(messages, code)
}

/** The records every layer shares: documents, their pages and passages, failures and warnings. */

/** Short names of document types, as `type:` filters and facets show them. */
export type DocumentType =
  | 'text'
  | 'html'
  | 'pdf'
  | 'docx'
  | 'email'
  | 'zip'
  | 'other'
  | (string & {})

/** A span of the raw text that belongs to one page (1-based), as offsets into the text. */
export interface PageSpan {
  readonly page: number
  readonly start: number
  readonly end: number
}

/** A problem that did not stop a file from being read, e.g. one unreadable page. */
export interface Warning {
  readonly code: string
  readonly message: string
  readonly page?: number
}

/** Metadata values as extractors report them; dates are ISO 8601 strings. */
export type MetadataValue = string | number | boolean | readonly string[] | null
export type Metadata = Record<string, MetadataValue>

/** A stored document: one file, or one item inside a container. */
export interface DocumentRecord {
  readonly id: string
  readonly path: string
  readonly parent: string | null
  readonly collection: string
  readonly type: DocumentType
  readonly mediaType: string
  readonly sha256: string
  readonly size: number
  readonly title: string | null
  readonly lang: string | null
  readonly langs: readonly string[]
  readonly encoding: string | null
  readonly method: string
  readonly metadata: Metadata
  readonly warnings: readonly Warning[]
  readonly pageCount: number | null
  readonly textLength: number
  readonly indexedAt: string
  readonly modified: string | null
}

/** A passage: a stretch of a document's raw text, on one page, in one language. */
export interface Passage {
  readonly start: number
  readonly end: number
  readonly page: number | null
  readonly lang: string | null
}

/** A file or container member that could not be read, with the reason. */
export interface FailureRecord {
  readonly path: string
  readonly code: string
  readonly reason: string
  readonly sha256: string | null
  readonly size: number | null
  readonly collection: string
}

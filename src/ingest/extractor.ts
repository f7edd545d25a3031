/** The contract between the pipeline and format extractors. An extractor turns the bytes of one
 *  file into raw text (logical order, real letters), pages, metadata and child items; it never
 *  sees the store, and it reports a file it cannot read by throwing a `DaleelError`. */

import type { Metadata, PageSpan, Warning } from '../domain/index.js'

/** What an extractor is given: the bytes of one file and what is known about it. */
export interface ExtractionInput {
  readonly bytes: Uint8Array
  /** The item's own name (last path segment), e.g. `report.pdf`; a hint, never trusted alone. */
  readonly name: string
  /** The media type the registry chose for these bytes. */
  readonly mediaType: string
  readonly limits: ExtractionLimits
  /** Whether pages and images are read by OCR: when there is no usable text (default), always, or never. */
  readonly ocr?: OcrMode
  /** The file's path on disk when it is an input file (not a container member): lets a reader
   *  find the other volumes of a multi-volume archive beside it. Null inside containers. */
  readonly sourcePath?: string | null
  /** Passwords to try, in order, on an encrypted file (PDF, Office, zip, 7z, rar); the same
   *  list is handed to every item inside a container. A file none of them opens is still
   *  FILE_ENCRYPTED. Never logged or stored. */
  readonly passwords?: readonly string[]
}

export type OcrMode = 'auto' | 'always' | 'never'

/** Options of one extraction run. */
export interface ExtractOptions {
  readonly signal?: AbortSignal
  /** Call this while long work goes on (each page, each member): the sandbox's time limit is
   *  on silence, so a 500-page scan that keeps reporting is not stopped. */
  readonly onProgress?: () => void
}

/** Caps that keep hostile files from exhausting the machine. */
export interface ExtractionLimits {
  /** Largest total of bytes a container may expand to. */
  readonly maxExpandedBytes: number
  /** Largest single member of a container. */
  readonly maxMemberBytes: number
  /** Largest ratio of expanded to compressed size for a container member. */
  readonly maxCompressionRatio: number
  /** Most members a container may have. */
  readonly maxMembers: number
  /** Most characters of text kept for one document. */
  readonly maxTextChars: number
}

export const defaultLimits: ExtractionLimits = {
  maxExpandedBytes: 2 * 1024 ** 3,
  maxMemberBytes: 512 * 1024 ** 2,
  maxCompressionRatio: 200,
  maxMembers: 100_000,
  maxTextChars: 50_000_000,
}

/** An item found inside a container: an archive member or a mail attachment. */
export interface ChildItem {
  /** Path inside the container, `/`-separated, already decoded to Unicode. */
  readonly name: string
  readonly bytes: Uint8Array
  readonly modified?: string
}

/** How the text was obtained, shown to users. */
export type ExtractionMethod = 'text' | 'text-layer' | 'ocr' | 'markup' | 'container' | 'none'

/** Everything an extractor found in one file. */
export interface ExtractionResult {
  /** Raw text in logical order; the store keeps it unchanged and every offset refers to it. */
  readonly text: string
  /** For paged formats: which span of `text` is on which page, in order, covering the text. */
  readonly pages?: readonly PageSpan[]
  readonly title?: string | null
  /** Format metadata: author, created, modified (ISO 8601), mail headers, … */
  readonly metadata: Metadata
  /** The character encoding the text was decoded from, where that was a choice. */
  readonly encoding?: string | null
  readonly method: ExtractionMethod
  readonly children: readonly ChildItem[]
  readonly warnings: readonly Warning[]
  /** Per-page details such as OCR confidence, in page order. */
  readonly pageInfo?: readonly { page: number; method: ExtractionMethod; confidence?: number }[]
}

/** One format family's reader. */
export interface Extractor {
  readonly name: string
  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult>
}

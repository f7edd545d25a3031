/** The Store interface: everything the rest of Daleel knows about storage. Engines (SQLite now,
 *  PostgreSQL later) implement it; `store.contract.ts` states the behaviour they all show. */

import type {
  DocumentRecord,
  EntityRecord,
  EntityType,
  FailureRecord,
  MentionRecord,
  Passage,
} from '../domain/index.js'

/** A passage with its analysed terms, ready to index. `stems` and `words` are space-separated
 *  and have the same number of tokens, so positions agree between the two. */
export interface IndexedPassage extends Passage {
  readonly stems: string
  readonly words: string
}

/** One document as the pipeline hands it to the store. */
export interface StoredDocument {
  readonly doc: DocumentRecord
  readonly text: string
  readonly passages: readonly IndexedPassage[]
  readonly titleStems: string
  readonly mentions: readonly MentionRecord[]
}

/** What the store remembers of an input file, to skip it when nothing changed. */
export interface FileState {
  readonly collection: string
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
  readonly sha256: string
}

/** An analysed query, engine-neutral: the search service builds it, each engine compiles it. */
export type StoreQuery =
  | {
      readonly kind: 'match'
      /** Stemmed terms of a word or phrase, in order. */
      readonly terms: readonly string[]
      /** Normalised unstemmed forms, same length as terms. */
      readonly forms: readonly string[]
      /** Max distance for a proximity query, null for an exact phrase or a single word. */
      readonly slop: number | null
      /** True when the last form is a prefix (`pref*`). */
      readonly prefix: boolean
      /** Where to look: the body and title (default) or the title only. */
      readonly scope: 'all' | 'title'
    }
  | {
      readonly kind: 'filter'
      readonly field: FilterField
      readonly value: string
      readonly prefix?: boolean
    }
  | {
      readonly kind: 'range'
      readonly field: 'date'
      readonly from: string | null
      readonly to: string | null
    }
  | { readonly kind: 'and' | 'or'; readonly children: readonly StoreQuery[] }
  | { readonly kind: 'not'; readonly child: StoreQuery }
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }

export type FilterField =
  | 'lang'
  | 'type'
  | 'path'
  | 'collection'
  | 'id'
  | 'parent'
  | 'from'
  | 'to'
  | 'subject'
  | 'tag'
  | 'entity'

export interface StoreSearchOptions {
  readonly limit: number
  readonly offset: number
  readonly facets: boolean
}

export interface StoreHit {
  readonly doc: DocumentRecord
  readonly score: number
}

export interface Facets {
  readonly lang: Record<string, number>
  readonly type: Record<string, number>
}

export interface StoreSearchResult {
  readonly total: number
  readonly hits: readonly StoreHit[]
  readonly facets: Facets | null
}

/** A passage located in the raw text, with its database identity for highlighting. */
export interface StoredPassage extends Passage {
  readonly index: number
}

export interface StoreStatus {
  readonly documents: number
  readonly failed: number
  readonly byType: Record<string, number>
  readonly byLanguage: Record<string, number>
  readonly storeBytes: number
  readonly originals: number
}

export interface CheckProblem {
  readonly kind: string
  readonly detail: string
}

export interface Store {
  /** Where the store lives, as the user named it. */
  readonly location: string
  getFileState(collection: string, path: string): FileState | null
  /** Records an input file's new size and date when its content did not change. */
  touchFile(file: FileState): void
  /** The failure codes recorded for an input file and everything inside it. */
  failureCodes(collection: string, path: string): string[]
  /** Replaces everything stored for one input file (its documents and failures) in one step. */
  replaceFile(
    file: FileState,
    documents: readonly StoredDocument[],
    failures: readonly FailureRecord[],
  ): void
  /** Keeps an original's bytes once, under its SHA-256. */
  putOriginal(sha256: string, bytes: Uint8Array): Promise<void>
  readOriginal(sha256: string): Promise<Uint8Array>
  getDocument(idOrPath: string): DocumentRecord | null
  getText(id: string): string
  getPassages(id: string): StoredPassage[]
  getChildren(id: string): DocumentRecord[]
  listDocuments(): Iterable<DocumentRecord>
  listFailures(): Iterable<FailureRecord>
  search(query: StoreQuery, options: StoreSearchOptions): StoreSearchResult
  /** The passage of a document that best matches the query, or null when none matches. */
  bestPassage(id: string, query: StoreQuery): StoredPassage | null
  /** Entities with their mention and document counts, most mentioned first. */
  listEntities(options: { type?: EntityType; id?: string }): EntityRecord[]
  /** The mentions in one document, in text order. */
  getMentions(id: string): MentionRecord[]
  /** Replaces a document's language and mentions after `daleel analyze`. */
  updateAnalysis(
    id: string,
    analysis: {
      lang: string | null
      langs: readonly string[]
      passageLangs: readonly (string | null)[]
      mentions: readonly MentionRecord[]
    },
  ): void
  status(): Promise<StoreStatus>
  check(): Promise<CheckProblem[]>
  close(): void
}

/** The Store interface: everything the rest of Daleel knows about storage. Engines (SQLite, the
 *  embedded default, and PostgreSQL for a team server) implement it; `store.contract.ts` states
 *  the behaviour they all show. Every call is asynchronous, so a networked engine fits as well as
 *  the embedded one. */

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
  /** Documents with a note whose text contains the value. */
  | 'note'

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
  /** Hits per month of the document's date (`YYYY-MM`), oldest first. */
  readonly date: Record<string, number>
  readonly tag: Record<string, number>
  /** The entities most mentioned by the hits, per type (at most 10 each), most documents first. */
  readonly entity: Partial<Record<EntityType, readonly EntityFacet[]>>
}

export interface EntityFacet {
  readonly normalized: string
  readonly value: string
  /** Number of hits that mention it. */
  readonly docs: number
}

/** Identifies one entity across documents. */
export interface EntityKey {
  readonly type: EntityType
  readonly normalized: string
}

/** One mention with the document it is in. */
export interface EntityMentionHit {
  readonly doc: Pick<DocumentRecord, 'id' | 'path' | 'title' | 'type' | 'lang'>
  readonly mention: MentionRecord
}

/** An entity that appears in documents together with another one. */
export interface CoOccurrence extends EntityRecord {
  /** Documents that mention both. */
  readonly shared: number
}

/** A dated mention (an entity of type `date`) placed on the collection's timeline. */
export interface TimelinePoint {
  /** ISO 8601, as precise as the text was (`2024-01-08`, `2024-01`, `2024`). */
  readonly date: string
  readonly doc: Pick<DocumentRecord, 'id' | 'path' | 'title' | 'type' | 'lang'>
  readonly mention: MentionRecord
}

/** Mail traffic between two addresses, from the messages' from/to/cc metadata. */
export interface Correspondence {
  readonly from: string
  readonly to: string
  readonly messages: number
}

/** A note anchored to a passage of a document's raw text. */
export interface NoteRecord {
  readonly id: string
  readonly docId: string
  readonly start: number
  readonly end: number
  /** The anchored text, exactly `text.slice(start, end)` when the note was written. */
  readonly quote: string
  readonly text: string
  readonly author: string | null
  readonly createdAt: string
}

export interface NewNote {
  readonly docId: string
  readonly start: number
  readonly end: number
  readonly text: string
  readonly author: string | null
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
  getFileState(collection: string, path: string): Promise<FileState | null>
  /** Records an input file's new size and date when its content did not change. */
  touchFile(file: FileState): Promise<void>
  /** The failure codes recorded for an input file and everything inside it. */
  failureCodes(collection: string, path: string): Promise<string[]>
  /** Replaces everything stored for one input file (its documents and failures) in one step.
   *  Tags and notes of a document that comes back with the same id are kept. */
  replaceFile(
    file: FileState,
    documents: readonly StoredDocument[],
    failures: readonly FailureRecord[],
  ): Promise<void>
  /** Keeps an original's bytes once, under its SHA-256. */
  putOriginal(sha256: string, bytes: Uint8Array): Promise<void>
  readOriginal(sha256: string): Promise<Uint8Array>
  getDocument(idOrPath: string): Promise<DocumentRecord | null>
  getText(id: string): Promise<string>
  /** `getText(id).slice(start, end)`, without reading a long text whole when the engine can
   *  help it (snippets need one passage of a book). */
  getTextSlice(id: string, start: number, end: number): Promise<string>
  getPassages(id: string): Promise<StoredPassage[]>
  getChildren(id: string): Promise<DocumentRecord[]>
  listDocuments(): AsyncIterable<DocumentRecord>
  listFailures(): AsyncIterable<FailureRecord>
  /** Collections with their document counts, by name. */
  listCollections(): Promise<{ name: string; documents: number }[]>
  search(query: StoreQuery, options: StoreSearchOptions): Promise<StoreSearchResult>
  /** The passage of a document that best matches the query, or null when none matches. */
  bestPassage(id: string, query: StoreQuery): Promise<StoredPassage | null>
  /** Every passage of a document that matches the query, in text order (for hit navigation). */
  matchingPassages(id: string, query: StoreQuery): Promise<StoredPassage[]>
  /** Entities with their mention and document counts, most mentioned first. `collections`
   *  limits the count to documents of those collections. */
  listEntities(options: {
    type?: EntityType
    id?: string
    collections?: readonly string[]
    limit?: number
  }): Promise<EntityRecord[]>
  /** The mentions in one document, in text order. */
  getMentions(id: string): Promise<MentionRecord[]>
  /** Every mention of one entity, by document path then offset. */
  entityMentions(
    entity: EntityKey,
    options: { limit: number; offset: number; collections?: readonly string[] },
  ): Promise<{ total: number; mentions: EntityMentionHit[] }>
  /** Entities that share documents with this one, most shared documents first. */
  coOccurring(
    entity: EntityKey,
    options: { limit: number; collections?: readonly string[] },
  ): Promise<CoOccurrence[]>
  /** Dated mentions in date order; with `entity`, only in the documents that mention it. */
  timeline(options: {
    entity?: EntityKey
    limit: number
    collections?: readonly string[]
  }): Promise<TimelinePoint[]>
  /** Who wrote to whom, from e-mail metadata, most messages first. */
  correspondence(options: {
    limit: number
    collections?: readonly string[]
  }): Promise<Correspondence[]>
  /** Replaces a document's language and mentions after `daleel analyze`. */
  updateAnalysis(
    id: string,
    analysis: {
      lang: string | null
      langs: readonly string[]
      passageLangs: readonly (string | null)[]
      mentions: readonly MentionRecord[]
    },
  ): Promise<void>
  getTags(id: string): Promise<string[]>
  /** Adds a tag (trimmed, case kept) to a document; adding it twice keeps one. */
  addTag(id: string, tag: string): Promise<void>
  removeTag(id: string, tag: string): Promise<void>
  /** Tags with the number of documents that carry them, most used first. */
  listTags(options?: { collections?: readonly string[] }): Promise<{ tag: string; docs: number }[]>
  addNote(note: NewNote): Promise<NoteRecord>
  /** Notes, newest first; with `docId` those of one document; with `query` those whose text
   *  or quote contains it (case-insensitive). */
  listNotes(options: {
    docId?: string
    query?: string
    collections?: readonly string[]
  }): Promise<NoteRecord[]>
  deleteNote(id: string): Promise<boolean>
  status(): Promise<StoreStatus>
  check(): Promise<CheckProblem[]>
  close(): Promise<void>
}

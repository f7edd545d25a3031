/** What both SQL engines share between their rows and the Store's records: the document, passage
 *  and mention columns, how a row becomes a record, and the rules every engine applies the same
 *  way (the date a `date:` filter compares, the size of the entity facets). */

import type { DocumentRecord, EntityType, Metadata } from '../domain/index.js'
import type { EntityMentionHit, Facets, StoredPassage } from './store.js'

/** A documents row with its JSON columns already parsed. */
export interface DocumentRow {
  num: number
  id: string
  path: string
  parent_id: string | null
  collection: string
  type: string
  media_type: string
  sha256: string
  size: number
  title: string | null
  lang: string | null
  langs: string[]
  encoding: string | null
  method: string
  metadata: Metadata
  warnings: DocumentRecord['warnings']
  page_count: number | null
  text_length: number
  indexed_at: string
  modified: string | null
}

export function toDocument(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    path: row.path,
    parent: row.parent_id,
    collection: row.collection,
    type: row.type,
    mediaType: row.media_type,
    sha256: row.sha256,
    size: row.size,
    title: row.title,
    lang: row.lang,
    langs: row.langs,
    encoding: row.encoding,
    method: row.method,
    metadata: row.metadata,
    warnings: row.warnings,
    pageCount: row.page_count,
    textLength: row.text_length,
    indexedAt: row.indexed_at,
    modified: row.modified,
  }
}

export interface PassageRow {
  ordinal: number
  start: number
  end: number
  page: number | null
  lang: string | null
}

export function toPassage(row: PassageRow): StoredPassage {
  return { index: row.ordinal, start: row.start, end: row.end, page: row.page, lang: row.lang }
}

/** Mention columns (alias `m`) and the summary of their document (alias `d`). */
export const mentionColumns =
  'm.type, m.normalized, m.value, m.start_at AS start, m.end_at AS "end", m.page'
export const docSummaryColumns =
  'd.id AS doc_id, d.path AS doc_path, d.title AS doc_title, d.type AS doc_type, d.lang AS doc_lang'

export interface MentionJoinRow {
  type: EntityType
  normalized: string
  value: string
  start: number
  end: number
  page: number | null
  doc_id: string
  doc_path: string
  doc_title: string | null
  doc_type: string
  doc_lang: string | null
}

export function toMentionHit(row: MentionJoinRow): EntityMentionHit {
  return {
    doc: {
      id: row.doc_id,
      path: row.doc_path,
      title: row.doc_title,
      type: row.doc_type,
      lang: row.doc_lang,
    },
    mention: {
      type: row.type,
      normalized: row.normalized,
      value: row.value,
      start: row.start,
      end: row.end,
      page: row.page,
    },
  }
}

/** How many entities of each type the facets list. */
export const entityFacetSize = 10

export function emptyFacets(): Facets {
  return { lang: {}, type: {}, date: {}, tag: {}, entity: {} }
}

/** The date a `date:` filter compares against: the document's own date, else its file date. */
export function documentDate(metadata: Metadata, modified: string | null): string | null {
  for (const key of ['date', 'created', 'modified']) {
    const value = metadata[key]
    if (typeof value === 'string' && /^\d{4}/u.test(value)) return value
  }
  return modified
}

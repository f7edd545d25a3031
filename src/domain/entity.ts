/** Entities and their mentions: who, what, how much and when, tied to exact passages. */

/** The kinds of entity the contract lists. */
export const entityTypes = [
  'person',
  'organization',
  'location',
  'money',
  'date',
  'email',
  'phone',
  'iban',
  'url',
  'identifier',
  // Beyond the contract's list: percentages and quantities with units ("64 ضعفًا", "19,000 ساعة").
  'quantity',
] as const

export type EntityType = (typeof entityTypes)[number]

/** One occurrence of an entity in a document's raw text. */
export interface MentionRecord {
  readonly type: EntityType
  /** The surface text, exactly `text.slice(start, end)`. */
  readonly value: string
  /** What makes mentions one entity across documents, e.g. `10000000 USD`, `2024-01`. */
  readonly normalized: string
  readonly start: number
  readonly end: number
  readonly page: number | null
}

/** An entity with its counts, as `daleel entities` lists it. */
export interface EntityRecord {
  readonly type: EntityType
  /** The most common surface form. */
  readonly value: string
  readonly normalized: string
  /** Number of mentions. */
  readonly count: number
  /** Number of documents that mention it. */
  readonly docs: number
}

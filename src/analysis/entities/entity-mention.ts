/** The shape of an entity mention, as the rest of Daleel stores and shows it. */

/** The entity types of the contract (`daleel entities --type`). */
export type EntityType =
  | 'person'
  | 'organization'
  | 'location'
  | 'money'
  | 'date'
  | 'email'
  | 'phone'
  | 'iban'
  | 'url'
  | 'identifier'

/** One mention of an entity in a raw text. */
export interface EntityMention {
  type: EntityType
  /** Exactly `text.slice(start, end)`: the raw surface. */
  value: string
  /** The value that makes one entity across documents (docs/entities.md lists the rules). */
  normalized: string
  /** UTF-16 offset of the mention in the raw text (inclusive). */
  start: number
  /** UTF-16 offset of the end of the mention in the raw text (exclusive). */
  end: number
  /** Dates only: how precise the date is. */
  precision?: 'day' | 'month' | 'year'
  /** Dates only: the ends of a range ("from March to June 2024"). */
  range?: { from: string; to: string }
}

/** Options of `findEntities`. */
export interface FindEntitiesOptions {
  /** ISO 639-1 code of the text's language, when known: it helps infer phone countries. */
  lang?: string | null
  /**
   * Countries (ISO 3166-1 alpha-2) of the document the text is part of, most important first:
   * `findCountries(wholeDocument)`. They settle an ambiguous currency (دينار) or a national
   * phone number when the text itself names no country; ingest runs findEntities passage by
   * passage, and the country is often named in another passage.
   */
  countries?: readonly string[]
}

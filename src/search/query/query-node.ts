/** The tree a search query becomes. The parser builds it from what the user typed; the search
 *  service analyses its words with the same analyser as the documents and runs it. */

/** One node of a parsed query; words keep their typed form because analysis happens later. */
export type QueryNode =
  | { kind: 'term'; text: string; prefix: boolean }
  | { kind: 'phrase'; text: string; slop: number | null }
  | {
      kind: 'field'
      field: string
      value: string
      range?: { from: string | null; to: string | null }
      prefix?: boolean
    }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'all' }

/** The filters `name:value` understands unless the caller gives its own list. */
export const defaultFields = [
  'lang',
  'type',
  'path',
  'entity',
  'date',
  'title',
  'collection',
  'tag',
  'note',
  'from',
  'to',
  'subject',
  'id',
  'parent',
] as const

/** Options of `parseQuery`: `fields` lists the names that `name:value` treats as filters. */
export interface ParseQueryOptions {
  readonly fields?: readonly string[]
}

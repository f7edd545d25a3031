/** Splits an engine-neutral StoreQuery the way the SQLite engine does (so both rank the same
 *  queries): text leaves become an FTS5-shaped expression tree that drives and ranks the search,
 *  everything else becomes a parameterised SQL condition over `documents d`. Match leaves that
 *  must sit inside SQL (e.g. `word OR path:x`) are resolved to document sets first and passed as
 *  arrays. */

import type { FilterField, StoreQuery } from '../store.js'
import { ftsTokens, STEMS, TITLE, WORDS, type Phrase, type TextNode } from './fts-match.js'

type Match = Extract<StoreQuery, { kind: 'match' }>

export interface SearchPlan {
  /** The expression that drives and ranks the search, or null to scan documents in path order. */
  readonly text: TextNode | null
  /** Conditions every hit must meet besides `text` (AND). */
  readonly conditions: readonly StoreQuery[]
  /** True when the query can match nothing. */
  readonly empty: boolean
}

/** The plan for a query, following the SQLite engine's buildSearchPlan step for step. */
export function buildSearchPlan(query: StoreQuery): SearchPlan {
  if (query.kind === 'none') return { text: null, conditions: [], empty: true }
  const whole = textExpression(query, 'doc')
  if (whole) return { text: numbered(whole), conditions: [], empty: false }
  if (query.kind === 'and') {
    const textual: TextNode[] = []
    const negated: TextNode[] = []
    const rest: StoreQuery[] = []
    for (const child of query.children) {
      const expression = child.kind === 'not' ? null : textExpression(child, 'doc')
      const negative = child.kind === 'not' ? textExpression(child.child, 'doc') : null
      if (expression) textual.push(expression)
      else if (negative) negated.push(negative)
      else rest.push(child)
    }
    if (textual.length > 0) {
      return { text: numbered(andNot(textual, negated)), conditions: rest, empty: false }
    }
  }
  return { text: null, conditions: [query], empty: false }
}

/** The expression over passages for the query's positive text, to pick passages for snippets. */
export function passageExpression(query: StoreQuery): TextNode | null {
  const leaves = positiveMatches(query).filter((leaf) => leaf.scope === 'all')
  const parts = leaves.map((leaf) => matchExpression(leaf, 'passage'))
  if (parts.length === 0) return null
  return numbered(parts.length === 1 ? parts[0]! : { kind: 'or', children: parts })
}

/** The expression of one match leaf on the document index, for a leaf that sits inside SQL. */
export function leafExpression(match: Match): TextNode {
  return numbered(matchExpression(match, 'doc'))
}

function positiveMatches(query: StoreQuery): Match[] {
  switch (query.kind) {
    case 'match':
      return [query]
    case 'and':
    case 'or':
      return query.children.flatMap(positiveMatches)
    default:
      return []
  }
}

/** `(P1) AND (P2) NOT (N1) NOT (N2)` as FTS5 parses it: NOT binds tighter than AND and groups
 *  to the left, so the NOTs wrap the last positive part: P1 AND ((P2 NOT N1) NOT N2). */
function andNot(positive: TextNode[], negative: TextNode[]): TextNode {
  let tail = positive[positive.length - 1]!
  for (const right of negative) tail = { kind: 'not', left: tail, right }
  return positive.length === 1 ? tail : { kind: 'and', children: [...positive.slice(0, -1), tail] }
}

function textExpression(query: StoreQuery, table: 'doc' | 'passage'): TextNode | null {
  switch (query.kind) {
    case 'match':
      return matchExpression(query, table)
    case 'or': {
      const parts = query.children.map((child) => textExpression(child, table))
      return parts.every((part): part is TextNode => part !== null)
        ? { kind: 'or', children: parts }
        : null
    }
    case 'and': {
      const positive: TextNode[] = []
      const negative: TextNode[] = []
      for (const child of query.children) {
        const part =
          child.kind === 'not' ? textExpression(child.child, table) : textExpression(child, table)
        if (part === null) return null
        ;(child.kind === 'not' ? negative : positive).push(part)
      }
      if (positive.length === 0) return null
      return andNot(positive, negative)
    }
    default:
      return null
  }
}

function phrase(tokens: string[], prefix: boolean, columns: number[]): Phrase {
  return { index: -1, tokens, prefix, columns }
}

/** One word or phrase: the stems (and title) for recall, the exact forms to rank exact spellings
 *  higher; a prefix looks at the exact forms. Mirrors the SQLite engine's matchExpression. */
function matchExpression(match: Match, table: 'doc' | 'passage'): TextNode {
  const stemColumns =
    table === 'passage' ? [STEMS] : match.scope === 'title' ? [TITLE] : [STEMS, TITLE]
  const either = (onStems: TextNode, onWords: () => TextNode): TextNode =>
    match.scope === 'title' ? onStems : { kind: 'or', children: [onStems, onWords()] }
  if (match.prefix) {
    const stemsPrefix = [...match.terms.slice(0, -1), ...match.forms.slice(-1)]
    return either(
      { kind: 'phrase', phrase: phrase(ftsTokens(stemsPrefix.join(' ')), true, stemColumns) },
      () => ({ kind: 'phrase', phrase: phrase(ftsTokens(match.forms.join(' ')), true, [WORDS]) }),
    )
  }
  if (match.slop !== null && match.terms.length > 1) {
    const near = (tokens: readonly string[], columns: number[]): TextNode => ({
      kind: 'near',
      phrases: tokens.map((token) => phrase(ftsTokens(token), false, columns)),
      distance: match.slop ?? 0,
    })
    return either(near(match.terms, stemColumns), () => near(match.forms, [WORDS]))
  }
  return either(
    { kind: 'phrase', phrase: phrase(ftsTokens(match.terms.join(' ')), false, stemColumns) },
    () => ({ kind: 'phrase', phrase: phrase(ftsTokens(match.forms.join(' ')), false, [WORDS]) }),
  )
}

/** Numbers the phrases in the order the SQLite engine writes them into the FTS5 expression. */
function numbered(node: TextNode): TextNode {
  let next = 0
  const renumber = (p: Phrase): Phrase => ({ ...p, index: next++ })
  const visit = (n: TextNode): TextNode => {
    switch (n.kind) {
      case 'phrase':
        return { kind: 'phrase', phrase: renumber(n.phrase) }
      case 'near':
        return { kind: 'near', phrases: n.phrases.map(renumber), distance: n.distance }
      case 'and':
      case 'or':
        return { kind: n.kind, children: n.children.map(visit) }
      case 'not': {
        const left = visit(n.left)
        return { kind: 'not', left, right: visit(n.right) }
      }
    }
  }
  return visit(node)
}

/** A parameterised SQL condition and its values. */
export class SqlParams {
  readonly values: unknown[] = []
  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

const metadataFields: Partial<Record<FilterField, string>> = {
  from: 'from',
  to: 'to',
  subject: 'subject',
}

/** The SQL condition for a query over `documents d`; `docsOf` gives the documents a match leaf
 *  holds (resolved beforehand). */
export function sqlCondition(
  query: StoreQuery,
  params: SqlParams,
  docsOf: (match: Match) => readonly number[],
): string {
  switch (query.kind) {
    case 'match':
      return `d.num = ANY(${params.add(docsOf(query))}::bigint[])`
    case 'and':
    case 'or': {
      const parts = query.children.map((child) => `(${sqlCondition(child, params, docsOf)})`)
      return parts.join(query.kind === 'and' ? ' AND ' : ' OR ')
    }
    case 'not':
      return `NOT (${sqlCondition(query.child, params, docsOf)})`
    case 'all':
      return 'TRUE'
    case 'none':
      return 'FALSE'
    case 'range': {
      const parts = ['d.date IS NOT NULL']
      if (query.from) parts.push(`d.date >= ${params.add(query.from)}`)
      // '2024-06' must include every day of June: compare against the end of that prefix.
      if (query.to) parts.push(`d.date <= ${params.add(`${query.to}\uffff`)}`)
      return parts.join(' AND ')
    }
    case 'filter':
      return filterCondition(query.field, query.value, query.prefix ?? false, params)
  }
}

/** Every match leaf that `sqlCondition` will need resolved. */
export function matchLeaves(queries: readonly StoreQuery[]): Match[] {
  const out: Match[] = []
  const visit = (q: StoreQuery): void => {
    if (q.kind === 'match') out.push(q)
    else if (q.kind === 'and' || q.kind === 'or') q.children.forEach(visit)
    else if (q.kind === 'not') visit(q.child)
  }
  queries.forEach(visit)
  return out
}

// SQLite's LIKE ignores the case of ASCII letters only; so do these.
const likeAscii = (column: string, pattern: string): string =>
  `daleel_ascii_lower(${column}) LIKE daleel_ascii_lower(${pattern})`

function filterCondition(
  field: FilterField,
  value: string,
  prefix: boolean,
  params: SqlParams,
): string {
  const key = metadataFields[field]
  if (key) {
    return `strpos(daleel_ascii_lower(coalesce(d.metadata ->> ${params.add(key)}, '')), daleel_ascii_lower(${params.add(value)})) > 0`
  }
  switch (field) {
    case 'path':
      return prefix
        ? likeAscii('d.path', params.add(`${escapeLike(value)}%`))
        : `strpos(d.path, ${params.add(value)}) > 0`
    case 'tag':
      return prefix
        ? `d.id IN (SELECT doc_id FROM tags WHERE ${likeAscii('tag', params.add(`${escapeLike(value)}%`))})`
        : `d.id IN (SELECT doc_id FROM tags WHERE tag = ${params.add(value)})`
    case 'note': {
      const needle = `daleel_ascii_lower(${params.add(value)})`
      return `d.id IN (SELECT doc_id FROM notes WHERE strpos(daleel_ascii_lower(text), ${needle}) > 0 OR strpos(daleel_ascii_lower(quote), ${needle}) > 0)`
    }
    case 'entity':
      // `entity:` names an entity by its normalised value or by how it is written; a prefix
      // (`entity:2024*`) takes every value that starts so.
      return prefix
        ? `d.num IN (SELECT doc_num FROM mentions WHERE ${likeAscii('normalized', params.add(`${escapeLike(value)}%`))})`
        : `d.num IN (SELECT doc_num FROM mentions WHERE normalized = ${params.add(value)} OR normalized = daleel_ascii_lower(${params.add(value)}) OR value = ${params.add(value)})`
    case 'parent':
      return `d.parent_id = ${params.add(value)}`
    case 'lang':
    case 'type':
    case 'collection':
    case 'id':
      return prefix
        ? likeAscii(`d.${field}`, params.add(`${escapeLike(value)}%`))
        : `d.${field} = ${params.add(value)}`
    default:
      return 'FALSE'
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/gu, (c) => `\\${c}`)
}

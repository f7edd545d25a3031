/** Compiles the engine-neutral StoreQuery to SQLite: text leaves become one FTS5 expression
 *  where the query's shape allows (fast, ranked by bm25), the rest becomes SQL conditions. */

import type { FilterField, StoreQuery } from '../store.js'

type Match = Extract<StoreQuery, { kind: 'match' }>

export interface SearchPlan {
  /** The FTS5 expression that drives and ranks the search, or null to scan documents. */
  readonly match: string | null
  readonly where: string
  readonly params: unknown[]
  /** True when the query can match nothing (e.g. it analysed to no terms at all). */
  readonly empty: boolean
}

/** Splits a query into a ranked FTS5 driver and SQL conditions. */
export function buildSearchPlan(query: StoreQuery): SearchPlan {
  if (query.kind === 'none') return { match: null, where: '0', params: [], empty: true }
  const whole = ftsExpression(query, 'doc')
  if (whole) return { match: whole, where: '1', params: [], empty: false }
  if (query.kind === 'and') {
    const textual: string[] = []
    const negated: string[] = []
    const rest: StoreQuery[] = []
    for (const child of query.children) {
      const expression = child.kind === 'not' ? null : ftsExpression(child, 'doc')
      const negative = child.kind === 'not' ? ftsExpression(child.child, 'doc') : null
      if (expression) textual.push(expression)
      else if (negative) negated.push(negative)
      else rest.push(child)
    }
    if (textual.length > 0) {
      const match = [
        textual.map(group).join(' AND '),
        ...negated.map((n) => `NOT ${group(n)}`),
      ].join(' ')
      const conditions = rest.map(sqlCondition)
      return {
        match,
        where: conditions.length ? conditions.map((c) => c.sql).join(' AND ') : '1',
        params: conditions.flatMap((c) => c.params),
        empty: false,
      }
    }
  }
  const condition = sqlCondition(query)
  return { match: null, where: condition.sql, params: condition.params, empty: false }
}

/** An FTS5 expression over passages for the query's positive text, to pick the best passage. */
export function passageExpression(query: StoreQuery): string | null {
  const leaves = positiveMatches(query).filter((leaf) => leaf.scope === 'all')
  const parts = leaves.map((leaf) => matchExpression(leaf, 'passage'))
  return parts.length ? parts.map(group).join(' OR ') : null
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

/** The FTS5 expression for a text-only query, or null when it has filters or a lone NOT. */
function ftsExpression(query: StoreQuery, table: 'doc' | 'passage'): string | null {
  switch (query.kind) {
    case 'match':
      return matchExpression(query, table)
    case 'or': {
      const parts = query.children.map((child) => ftsExpression(child, table))
      return parts.every((part): part is string => part !== null)
        ? parts.map(group).join(' OR ')
        : null
    }
    case 'and': {
      const positive: string[] = []
      const negative: string[] = []
      for (const child of query.children) {
        const part =
          child.kind === 'not' ? ftsExpression(child.child, table) : ftsExpression(child, table)
        if (part === null) return null
        ;(child.kind === 'not' ? negative : positive).push(part)
      }
      if (positive.length === 0) return null
      return [positive.map(group).join(' AND '), ...negative.map((n) => `NOT ${group(n)}`)].join(
        ' ',
      )
    }
    default:
      return null
  }
}

function group(expression: string): string {
  return `(${expression})`
}

function quote(tokens: readonly string[]): string {
  return `"${tokens.map((token) => token.replaceAll('"', '""')).join(' ')}"`
}

/** One word or phrase: the stems (and title) for recall, the exact forms to rank exact spellings
 *  higher; a prefix looks at the exact forms, where the typed beginning is still intact. */
function matchExpression(match: Match, table: 'doc' | 'passage'): string {
  const stemColumns =
    table === 'passage' ? '{stems}' : match.scope === 'title' ? '{title}' : '{stems title}'
  if (match.prefix) {
    const stemsPrefix = [...match.terms.slice(0, -1), ...match.forms.slice(-1)]
    const onStems = `${stemColumns} : ${quote(stemsPrefix)} *`
    return match.scope === 'title' ? onStems : `${onStems} OR {words} : ${quote(match.forms)} *`
  }
  if (match.slop !== null && match.terms.length > 1) {
    const near = (tokens: readonly string[]): string =>
      `NEAR(${tokens.map((token) => quote([token])).join(' ')}, ${match.slop})`
    const onStems = `${stemColumns} : ${near(match.terms)}`
    return match.scope === 'title' ? onStems : `${onStems} OR {words} : ${near(match.forms)}`
  }
  const onStems = `${stemColumns} : ${quote(match.terms)}`
  return match.scope === 'title' ? onStems : `${onStems} OR {words} : ${quote(match.forms)}`
}

interface Condition {
  sql: string
  params: unknown[]
}

const metadataFields: Partial<Record<FilterField, string>> = {
  from: '$.from',
  to: '$.to',
  subject: '$.subject',
}

function sqlCondition(query: StoreQuery): Condition {
  switch (query.kind) {
    case 'match':
      return {
        sql: 'd.num IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)',
        params: [matchExpression(query, 'doc')],
      }
    case 'and':
    case 'or': {
      const parts = query.children.map(sqlCondition)
      return {
        sql: parts.map((part) => `(${part.sql})`).join(query.kind === 'and' ? ' AND ' : ' OR '),
        params: parts.flatMap((part) => part.params),
      }
    }
    case 'not': {
      const inner = sqlCondition(query.child)
      return { sql: `NOT (${inner.sql})`, params: inner.params }
    }
    case 'all':
      return { sql: '1', params: [] }
    case 'none':
      return { sql: '0', params: [] }
    case 'range': {
      const parts: string[] = ['d.date IS NOT NULL']
      const params: unknown[] = []
      if (query.from) {
        parts.push('d.date >= ?')
        params.push(query.from)
      }
      if (query.to) {
        // '2024-06' must include every day of June: compare against the end of that prefix.
        parts.push('d.date <= ?')
        params.push(`${query.to}\uffff`)
      }
      return { sql: parts.join(' AND '), params }
    }
    case 'filter':
      return filterCondition(query.field, query.value, query.prefix ?? false)
  }
}

function filterCondition(field: FilterField, value: string, prefix: boolean): Condition {
  const metadataPath = metadataFields[field]
  if (metadataPath) {
    return {
      sql: `instr(lower(coalesce(json_extract(d.metadata, '${metadataPath}'), '')), lower(?)) > 0`,
      params: [value],
    }
  }
  switch (field) {
    case 'path':
      return prefix
        ? { sql: "d.path LIKE ? ESCAPE '\\'", params: [`${escapeLike(value)}%`] }
        : { sql: 'instr(d.path, ?) > 0', params: [value] }
    case 'tag':
      return prefix
        ? {
            sql: "d.id IN (SELECT doc_id FROM doc_tags WHERE tag LIKE ? ESCAPE '\\')",
            params: [`${escapeLike(value)}%`],
          }
        : { sql: 'd.id IN (SELECT doc_id FROM doc_tags WHERE tag = ?)', params: [value] }
    case 'note':
      return {
        sql: 'd.id IN (SELECT doc_id FROM notes WHERE instr(lower(text), lower(?)) > 0 OR instr(lower(quote), lower(?)) > 0)',
        params: [value, value],
      }
    case 'entity':
      // `entity:` names an entity by its normalised value (`10000000 USD`, `2024-01`, an e-mail)
      // or by how it is written; a prefix (`entity:2024*`) takes every value that starts so.
      return prefix
        ? {
            sql: "d.num IN (SELECT doc_num FROM mentions WHERE normalized LIKE ? ESCAPE '\\')",
            params: [`${escapeLike(value)}%`],
          }
        : {
            sql: 'd.num IN (SELECT doc_num FROM mentions WHERE normalized = ? OR normalized = lower(?) OR value = ?)',
            params: [value, value, value],
          }
    case 'parent':
      return { sql: 'd.parent_id = ?', params: [value] }
    case 'lang':
    case 'type':
    case 'collection':
    case 'id':
      return prefix
        ? { sql: `d.${field} LIKE ? ESCAPE '\\'`, params: [`${escapeLike(value)}%`] }
        : { sql: `d.${field} = ?`, params: [value] }
    default:
      return { sql: '0', params: [] }
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/gu, (c) => `\\${c}`)
}

/** QueryNode → analysed store query → hits with snippets, pages and facets. The same analyser
 *  that indexed the documents analyses the query, so variants of a word meet in one term. */

import { analyze, queryAlternatives, stemWord, type Token } from '../analysis/text-analysis.js'
import { DaleelError, type DocumentRecord } from '../domain/index.js'
import type { Facets, FilterField, Store, StoredPassage, StoreQuery } from '../store/index.js'
import { parseQuery, type QueryNode } from './query/index.js'
import { findOccurrences, markSequences, type MarkSequence } from './query-marks.js'

/** One hit, as the contract prints it, plus where the snippet sits in the raw text. */
export interface SearchHit {
  readonly id: string
  readonly path: string
  readonly title: string | null
  readonly lang: string | null
  readonly type: string
  readonly score: number
  readonly snippet: string
  readonly page: number | null
  /** [start, end) character ranges of the matched words within `snippet`. */
  readonly highlights: readonly (readonly [number, number])[]
  /** Offset of the snippet's first character in the document's raw text. */
  readonly offset: number
}

export interface SearchOptions {
  readonly limit?: number
  readonly offset?: number
  readonly facets?: boolean
}

export interface SearchResult {
  readonly query: string
  readonly total: number
  readonly limit: number
  readonly offset: number
  readonly hits: readonly SearchHit[]
  readonly facets: Facets | null
}

const filterFields: Record<string, FilterField> = {
  lang: 'lang',
  type: 'type',
  path: 'path',
  collection: 'collection',
  id: 'id',
  parent: 'parent',
  from: 'from',
  to: 'to',
  subject: 'subject',
  tag: 'tag',
  entity: 'entity',
  note: 'note',
}

const snippetLength = 220

export class SearchService {
  constructor(private readonly store: Store) {}

  /** Runs one query in the contract's language. */
  async search(input: string, options: SearchOptions = {}): Promise<SearchResult> {
    const limit = options.limit ?? 20
    const offset = options.offset ?? 0
    const query = compileQuery(parseQuery(input))
    const found = await this.store.search(query, {
      limit,
      offset,
      facets: options.facets ?? false,
    })
    const highlighter = new Highlighter(query)
    const hits: SearchHit[] = []
    for (const { doc, score } of found.hits) {
      hits.push(await this.toHit(doc, score, query, highlighter))
    }
    return { query: input, total: found.total, limit, offset, hits, facets: found.facets }
  }

  private async toHit(
    doc: DocumentRecord,
    score: number,
    query: StoreQuery,
    highlighter: Highlighter,
  ): Promise<SearchHit> {
    const passage =
      (await this.store.bestPassage(doc.id, query)) ??
      (await this.store.getPassages(doc.id))[0] ??
      null
    const base = {
      id: doc.id,
      path: doc.path,
      title: doc.title,
      lang: doc.lang,
      type: doc.type,
      score: Math.round(score * 10_000) / 10_000,
    }
    if (!passage) return { ...base, snippet: '', page: null, highlights: [], offset: 0 }
    const raw = await this.store.getTextSlice(doc.id, passage.start, passage.end)
    return { ...base, ...highlighter.snippet(raw, passage), page: passage.page }
  }
}

/** Analyses a parsed query into the engine-neutral form. */
export function compileQuery(node: QueryNode): StoreQuery {
  return compile(node) ?? { kind: 'none' }
}

function compile(node: QueryNode): StoreQuery | null {
  switch (node.kind) {
    case 'all':
      return { kind: 'all' }
    case 'term':
      return matchOf(node.text, null, node.prefix, 'all')
    case 'phrase':
      return matchOf(node.text, node.slop, false, 'all')
    case 'not': {
      const child = compile(node.child)
      return child ? { kind: 'not', child } : null
    }
    case 'and':
    case 'or': {
      const children = node.children
        .map(compile)
        .filter((child): child is StoreQuery => child !== null)
      if (children.length === 0) return null
      if (children.length === 1) return children[0] ?? null
      return { kind: node.kind, children }
    }
    case 'field':
      return compileField(node)
  }
}

function compileField(node: Extract<QueryNode, { kind: 'field' }>): StoreQuery | null {
  if (node.field === 'title') return matchOf(node.value, null, node.prefix ?? false, 'title')
  if (node.field === 'date') {
    const range = node.range ?? { from: node.value, to: node.value }
    return { kind: 'range', field: 'date', from: range.from, to: range.to }
  }
  const field = filterFields[node.field]
  if (!field)
    throw new DaleelError('QUERY_FIELD_UNKNOWN', {
      field: node.field,
      known: Object.keys(filterFields).join(', '),
    })
  const value =
    field === 'lang' || field === 'type' ? node.value.toLowerCase() : node.value.normalize('NFKC')
  return { kind: 'filter', field, value, prefix: node.prefix ?? false }
}

/** A word becomes one term; a word the analyser splits (`U.S.A`, `1,200`) becomes a phrase.
 *  An Arabic word also asks for its spellings with ب ل ك attached (see queryAlternatives). */
function matchOf(
  text: string,
  slop: number | null,
  prefix: boolean,
  scope: 'all' | 'title',
): StoreQuery | null {
  const tokens = analyze(text)
  const [first, ...rest] = tokens
  if (!first) return null
  const match = (head: { term: string; form: string }): StoreQuery => ({
    kind: 'match',
    terms: [head.term, ...rest.map((token) => token.term)],
    forms: [head.form, ...rest.map((token) => token.form)],
    slop,
    prefix,
    scope,
  })
  if (prefix && rest.length === 0) return match(first)
  const heads = new Map([[first.term, first.form]])
  for (const form of queryAlternatives(first.form)) {
    const term = stemWord(form)
    if (!heads.has(term)) heads.set(term, form)
  }
  const children = [...heads].map(([term, form]) => match({ term, form }))
  return children.length === 1 ? (children[0] ?? null) : { kind: 'or', children }
}

/** Finds the query's words in a passage and cuts a snippet around the densest cluster. */
class Highlighter {
  private readonly sequences: readonly MarkSequence[]

  constructor(query: StoreQuery) {
    this.sequences = markSequences(query)
  }

  /** The tokens that belong to an occurrence of a searched word or of a whole phrase. */
  private mark(tokens: readonly Token[]): Token[] {
    const marked = new Set<number>()
    for (const [first, last] of findOccurrences(tokens, this.sequences)) {
      for (let k = first; k <= last; k += 1) marked.add(k)
    }
    return tokens.filter((_, index) => marked.has(index))
  }

  /** `raw` is the passage's text. */
  snippet(
    raw: string,
    passage: StoredPassage,
  ): Pick<SearchHit, 'snippet' | 'highlights' | 'offset'> {
    const tokens = analyze(raw)
    const marked = this.mark(tokens)
    let windowStart = 0
    if (marked.length > 0) {
      let best = 0
      let bestCount = 0
      for (let i = 0; i < marked.length; i += 1) {
        const start = marked[i]?.start ?? 0
        let count = 0
        for (
          let j = i;
          j < marked.length && (marked[j]?.end ?? 0) - start <= snippetLength * 0.8;
          j += 1
        )
          count += 1
        if (count > bestCount) {
          bestCount = count
          best = start
        }
      }
      windowStart = Math.max(0, best - Math.round(snippetLength * 0.2))
    }
    let windowEnd = Math.min(raw.length, windowStart + snippetLength)
    // Never cut a word in half: move both ends to the nearest whitespace.
    if (windowStart > 0) {
      const space = raw.slice(windowStart, windowStart + 30).search(/\s/u)
      if (space >= 0) windowStart += space + 1
    }
    if (windowEnd < raw.length) {
      const tail = raw.slice(Math.max(windowStart, windowEnd - 30), windowEnd)
      const space = tail.search(/\s\S*$/u)
      if (space >= 0) windowEnd = Math.max(windowStart, windowEnd - 30) + space
    }
    let snippet = ''
    const highlights: [number, number][] = []
    let cursor = windowStart
    const append = (piece: string): void => {
      snippet += piece.replace(/\s+/gu, ' ')
    }
    for (const token of marked) {
      if (token.start < windowStart || token.end > windowEnd) continue
      append(raw.slice(cursor, token.start))
      const from = snippet.length
      append(raw.slice(token.start, token.end))
      highlights.push([from, snippet.length])
      cursor = token.end
    }
    append(raw.slice(cursor, windowEnd))
    const leading = snippet.length - snippet.trimStart().length
    return {
      snippet: snippet.trim(),
      highlights: highlights.map(([s, e]) => [s - leading, e - leading] as const),
      offset: passage.start + windowStart,
    }
  }
}

/** The text-matching and ranking rules of SQLite FTS5, re-implemented over plain position lists so
 *  the PostgreSQL engine finds and orders exactly what the embedded engine does: the unicode61
 *  tokenizer's idea of a token, phrase and prefix matching, NEAR (ported line by line from
 *  `fts5ExprNearIsMatch`) and `bm25()` with per-column weights (`fts5Bm25Function`). How FTS5's
 *  cursor walks an expression is `fts5-cursor.ts`; where the postings come from is
 *  `postgres-store.ts`. Pure functions. */

/** A position as FTS5 encodes it: the column in the high bits, the token offset in the low ones,
 *  so positions of different columns never come near each other. */
export const COLUMN_SPAN = 2 ** 32

/** Index columns: the document index has all three, the passage index the first two. */
export const STEMS = 0
export const WORDS = 1
export const TITLE = 2

/** One quoted phrase of an FTS5 expression, numbered in the order it appears in the expression
 *  text (bm25 sums over phrases in that order). */
export interface Phrase {
  readonly index: number
  readonly tokens: readonly string[]
  /** The last token matches every term that starts with it. */
  readonly prefix: boolean
  /** The columns the phrase may match in (an FTS5 column filter). */
  readonly columns: readonly number[]
}

/** An FTS5 expression tree: a phrase, a NEAR group, or boolean operators over them. */
export type TextNode =
  | { readonly kind: 'phrase'; readonly phrase: Phrase }
  | { readonly kind: 'near'; readonly phrases: readonly Phrase[]; readonly distance: number }
  | { readonly kind: 'and' | 'or'; readonly children: readonly TextNode[] }
  | { readonly kind: 'not'; readonly left: TextNode; readonly right: TextNode }

/** What one row (a document or a passage) holds of the query's tokens: for each token key
 *  (see `tokenKey`), its encoded positions in ascending order. */
export type RowPostings = ReadonlyMap<string, readonly number[]>

// unicode61 with the default categories "L* N* Co": a token is a run of letters, digits and
// private-use characters; combining diacritics continue a token once it has started.
const TOKEN = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\u0300-\u036f]*/gu

/** The tokens FTS5 (unicode61, remove_diacritics 0) makes of an indexed or quoted string. The
 *  analyser's stems and forms are already single lower-case words, so this is nearly always a
 *  split on spaces; it exists so that an odd term splits here exactly as it splits in SQLite. */
export function ftsTokens(text: string): string[] {
  const tokens: string[] = []
  for (const match of text.matchAll(TOKEN)) tokens.push(match[0].toLowerCase())
  return tokens
}

/** The key under which a row's postings hold the positions of token `i` of a phrase. */
export function tokenKey(phrase: Phrase, i: number): string {
  const token = phrase.tokens[i] ?? ''
  return phrase.prefix && i === phrase.tokens.length - 1 ? `*${token}` : `=${token}`
}

/** Every phrase of an expression, by index. */
export function phrasesOf(node: TextNode): Phrase[] {
  const out: Phrase[] = []
  const visit = (n: TextNode): void => {
    switch (n.kind) {
      case 'phrase':
        out.push(n.phrase)
        break
      case 'near':
        out.push(...n.phrases)
        break
      case 'and':
      case 'or':
        n.children.forEach(visit)
        break
      case 'not':
        visit(n.left)
        visit(n.right)
        break
    }
  }
  visit(node)
  return out.sort((a, b) => a.index - b.index)
}

/** The positions that lie in the given columns. Hot path: most lists hold a term in one column
 *  only, which needs no new array. */
export function inColumns(
  positions: readonly number[],
  columns: readonly number[],
): readonly number[] {
  if (positions.length === 0 || columns.length === 3) return positions
  const first = Math.floor(positions[0]! / COLUMN_SPAN)
  const last = Math.floor(positions[positions.length - 1]! / COLUMN_SPAN)
  if (first === last) return columns.includes(first) ? positions : []
  return positions.filter((p) => columns.includes(Math.floor(p / COLUMN_SPAN)))
}

/** The positions where a phrase starts in a row (FTS5's phrase position list). */
export function phrasePositions(phrase: Phrase, row: RowPostings): readonly number[] {
  const lists: (readonly number[])[] = []
  for (let i = 0; i < phrase.tokens.length; i += 1) {
    lists.push(inColumns(row.get(tokenKey(phrase, i)) ?? [], phrase.columns))
  }
  return phrasePositionsOf(lists)
}

/** Where consecutive tokens with these position lists start: p with p + i in list i. */
export function phrasePositionsOf(lists: readonly (readonly number[])[]): readonly number[] {
  if (lists.length === 0 || lists.some((list) => list.length === 0)) return []
  const [first, ...rest] = lists as [readonly number[], ...(readonly number[])[]]
  if (rest.length === 0) return first
  const sets = rest.map((list) => new Set(list))
  return first.filter((p) => sets.every((set, k) => set.has(p + k + 1)))
}

const EOF = Number.POSITIVE_INFINITY

interface LookaheadReader {
  readonly list: readonly number[]
  next: number
  pos: number
  lookahead: number
}

function readerNext(r: LookaheadReader): boolean {
  r.pos = r.lookahead
  r.lookahead = r.next < r.list.length ? (r.list[r.next] as number) : EOF
  r.next += 1
  return r.pos === EOF
}

/** FTS5's NEAR test (`fts5ExprNearIsMatch`): the phrases' position lists trimmed to the entries
 *  that take part in a match, or null when the row does not match. */
export function nearMatch(
  lists: readonly (readonly number[])[],
  lengths: readonly number[],
  distance: number,
): number[][] | null {
  const readers: LookaheadReader[] = lists.map((list) => {
    const r = { list, next: 0, pos: 0, lookahead: 0 }
    readerNext(r)
    readerNext(r)
    return r
  })
  const out: number[][] = lists.map(() => [])
  outer: for (;;) {
    let max = readers[0]!.pos
    let matched: boolean
    do {
      matched = true
      for (let i = 0; i < readers.length; i += 1) {
        const r = readers[i]!
        const min = max - lengths[i]! - distance
        if (r.pos < min || r.pos > max) {
          matched = false
          while (r.pos < min) if (readerNext(r)) break outer
          if (r.pos > max) max = r.pos
        }
      }
    } while (!matched)
    for (let i = 0; i < readers.length; i += 1) {
      const list = out[i]!
      const pos = readers[i]!.pos
      if (list.length === 0 || list[list.length - 1] !== pos) list.push(pos)
    }
    let advance = 0
    let min = readers[0]!.lookahead
    for (let i = 0; i < readers.length; i += 1) {
      if (readers[i]!.lookahead < min) {
        min = readers[i]!.lookahead
        advance = i
      }
    }
    if (readerNext(readers[advance]!)) break
  }
  return out[0]!.length > 0 ? out : null
}

/** True when a phrase on its own matches the row (FTS5's `xQueryPhrase`, which bm25 uses to
 *  count the rows holding a phrase). */
export function phraseMatches(phrase: Phrase, row: RowPostings): boolean {
  return phrasePositions(phrase, row).length > 0
}

/** The table-wide numbers bm25 needs. `rows` and `tokens` are FTS5's running totals: a
 *  contentless_delete table adds to them on insert and never takes away on delete. */
export interface Bm25Stats {
  readonly rows: number
  readonly tokens: number
  /** For each phrase index, the number of rows where the phrase matches on its own. */
  readonly hits: readonly number[]
}

/** The arguments of the logarithms in FTS5's IDF, `(N - nHit + 0.5) / (nHit + 0.5)`. */
export function idfArguments(stats: Bm25Stats): number[] {
  return stats.hits.map((hit) => (stats.rows - hit + 0.5) / (hit + 0.5))
}

/** The inverse document frequencies of `fts5Bm25GetData`, from the logarithms of
 *  `idfArguments`. The caller supplies them: V8's Math.log and the C library's log() may differ
 *  in the last bit, and the PostgreSQL engine asks the server's C library, as SQLite does. */
export function idfs(logarithms: readonly number[]): number[] {
  return logarithms.map((idf) => (idf <= 0 ? 1e-6 : idf))
}

/** `bm25()` of one row, exactly as `fts5Bm25Function` computes it (the same operations in the
 *  same order, so equal inputs give bit-equal scores): negative, lower is better. */
export function bm25(
  instances: readonly (readonly number[])[],
  idf: readonly number[],
  avgdl: number,
  rowTokens: number,
  weights: readonly number[],
): number {
  const k1 = 1.2
  const b = 0.75
  let score = 0.0
  for (let i = 0; i < idf.length; i += 1) {
    let freq = 0.0
    for (const position of instances[i] ?? []) {
      freq += weights[Math.floor(position / COLUMN_SPAN)] ?? 1.0
    }
    score += idf[i]! * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + (b * rowTokens) / avgdl)))
  }
  return -1.0 * score
}

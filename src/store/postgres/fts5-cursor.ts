/** FTS5's query cursor, re-enacted over in-memory postings: the rows an expression matches, in
 *  rowid order, each with the phrase instances bm25() sees for it. The instances are not a
 *  clean function of the row: FTS5 reports a phrase's position list whenever the phrase's node
 *  stands on the row, also when that node did not match there (a NEAR group keeps the lists of
 *  the phrases it checked before the first one missing from the row, and older lists after
 *  it), and an AND that failed clears the lists below it. So the node iterators are ported
 *  from fts5_expr.c (fts5ExprNodeFirst, fts5ExprNodeNext_*, fts5ExprNodeTest_*,
 *  fts5ExprNearTest), state and all, and walked the way a full scan of the table walks them. */

import { inColumns, nearMatch, phrasePositionsOf, type Phrase, type TextNode } from './fts-match.js'

/** What the cursor reads: for each token key, the rows holding it (in any column, ascending)
 *  and its positions in a row (column-encoded, ascending). */
export interface TermSource {
  rowsOf(key: string): readonly number[]
  positionsOf(row: number, key: string): readonly number[]
}

/** One matching row with, per phrase index, the instances that count for ranking. */
export interface CursorRow {
  readonly row: number
  readonly instances: readonly (readonly number[])[]
}

class TermIterator {
  private i = 0
  constructor(private readonly rows: readonly number[]) {}
  get eof(): boolean {
    return this.i >= this.rows.length
  }
  get rowid(): number {
    return this.rows[this.i] ?? Number.POSITIVE_INFINITY
  }
  next(): void {
    this.i += 1
  }
  /** sqlite3Fts5IterNextFrom: always steps at least once, then on to the first row ≥ from. */
  nextFrom(from: number): void {
    let lo = this.i + 1
    let hi = this.rows.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.rows[mid] ?? 0) < from) lo = mid + 1
      else hi = mid
    }
    this.i = lo
  }
}

interface NodeState {
  rowid: number
  eof: boolean
  nomatch: boolean
}

interface LeafNode extends NodeState {
  readonly kind: 'leaf'
  readonly phrases: readonly Phrase[]
  readonly distance: number
  /** FTS5_TERM: one phrase of one token, read straight from its iterator. */
  readonly term: boolean
  iterators: TermIterator[][]
}

interface InnerNode extends NodeState {
  readonly kind: 'and' | 'or' | 'not'
  readonly children: CursorNode[]
}

type CursorNode = LeafNode | InnerNode

/** FTS5's tree for an expression: AND and OR absorb children of their own kind. */
function toCursorNode(node: TextNode): CursorNode {
  const state = { rowid: 0, eof: false, nomatch: false }
  switch (node.kind) {
    case 'phrase':
    case 'near': {
      const phrases = node.kind === 'phrase' ? [node.phrase] : node.phrases
      const term = phrases.length === 1 && phrases[0]!.tokens.length === 1
      const distance = node.kind === 'near' ? node.distance : 0
      return { kind: 'leaf', phrases, distance, term, iterators: [], ...state }
    }
    case 'and':
    case 'or': {
      const children: CursorNode[] = []
      for (const child of node.children.map(toCursorNode)) {
        if (child.kind === node.kind) children.push(...child.children)
        else children.push(child)
      }
      return { kind: node.kind, children, ...state }
    }
    case 'not':
      return {
        kind: 'not',
        children: [toCursorNode(node.left), toCursorNode(node.right)],
        ...state,
      }
  }
}

/** Walks the rows an expression matches, as a full scan of an FTS5 table does. */
export function* scanMatches(
  expression: TextNode,
  phraseCount: number,
  source: TermSource,
  /** The table's prefix indexes, in characters (`prefix='2 3'` on doc_fts, none on
   *  passage_fts). A prefix of such a length is read from its index and stops on every row that
   *  holds it; any other prefix is gathered term by term through the column filter, which
   *  leaves out rows that hold it only in other columns. */
  prefixIndexes: readonly number[],
): Generator<CursorRow> {
  const root = toCursorNode(expression)
  const poslists: (readonly number[])[] = Array.from({ length: phraseCount }, () => [])
  const leafOf: LeafNode[] = []
  const register = (node: CursorNode): void => {
    if (node.kind === 'leaf') for (const phrase of node.phrases) leafOf[phrase.index] = node
    else node.children.forEach(register)
  }
  register(root)

  const data = (leaf: LeafNode, i: number, j: number): readonly number[] => {
    const phrase = leaf.phrases[i]!
    return inColumns(
      source.positionsOf(leaf.iterators[i]![j]!.rowid, keyOf(phrase, j)),
      phrase.columns,
    )
  }

  const setEof = (node: CursorNode): void => {
    node.eof = true
    node.nomatch = false
    if (node.kind !== 'leaf') node.children.forEach(setEof)
  }
  const zeroPoslists = (node: CursorNode): void => {
    if (node.kind === 'leaf') for (const phrase of node.phrases) poslists[phrase.index] = []
    else node.children.forEach(zeroPoslists)
  }
  const compare = (a: CursorNode, b: CursorNode): number => {
    if (b.eof) return -1
    if (a.eof) return 1
    return a.rowid < b.rowid ? -1 : a.rowid > b.rowid ? 1 : 0
  }

  // fts5ExprNearTest with detail=full: every phrase here has a column filter, so each is
  // checked with fts5ExprPhraseIsMatch, stopping at the first that fails.
  const nearTest = (leaf: LeafNode): boolean => {
    let i = 0
    for (; i < leaf.phrases.length; i += 1) {
      const phrase = leaf.phrases[i]!
      const lists = phrase.tokens.map((_, j) => data(leaf, i, j))
      poslists[phrase.index] = phrasePositionsOf(lists)
      if (poslists[phrase.index]!.length === 0) break
    }
    if (i !== leaf.phrases.length) return false
    if (i === 1) return true
    const trimmed = nearMatch(
      leaf.phrases.map((p) => poslists[p.index]!),
      leaf.phrases.map((p) => p.tokens.length),
      leaf.distance,
    )
    leaf.phrases.forEach((p, k) => (poslists[p.index] = trimmed?.[k] ?? []))
    return trimmed !== null
  }

  const testTerm = (leaf: LeafNode): void => {
    const list = data(leaf, 0, 0)
    poslists[leaf.phrases[0]!.index] = list
    leaf.rowid = leaf.iterators[0]![0]!.rowid
    leaf.nomatch = list.length === 0
  }
  const testString = (leaf: LeafNode): void => {
    let last = leaf.iterators[0]![0]!.rowid
    let matched: boolean
    do {
      matched = true
      for (const iterators of leaf.iterators) {
        for (const iterator of iterators) {
          if (iterator.rowid === last) continue
          matched = false
          if (last > iterator.rowid) {
            iterator.nextFrom(last)
            if (iterator.eof) {
              leaf.eof = true
              return
            }
          }
          last = iterator.rowid
        }
      }
    } while (!matched)
    leaf.rowid = last
    leaf.nomatch = !nearTest(leaf)
  }
  const testAnd = (node: InnerNode): void => {
    let last = node.rowid
    let matched: boolean
    do {
      node.nomatch = false
      matched = true
      for (const child of node.children) {
        if (!child.eof && last > child.rowid) next(child, true, last)
        if (child.eof) {
          setEof(node)
          matched = true
          break
        } else if (last !== child.rowid) {
          matched = false
          last = child.rowid
        }
        if (child.nomatch) node.nomatch = true
      }
    } while (!matched)
    if (node.nomatch && node !== root) zeroPoslists(node)
    node.rowid = last
  }
  const testOr = (node: InnerNode): void => {
    let chosen = node.children[0]!
    for (const child of node.children.slice(1)) {
      const cmp = compare(chosen, child)
      if (cmp > 0 || (cmp === 0 && !child.nomatch)) chosen = child
    }
    node.rowid = chosen.rowid
    node.eof = chosen.eof
    node.nomatch = chosen.nomatch
  }
  const testNot = (node: InnerNode): void => {
    const [left, right] = node.children as [CursorNode, CursorNode]
    while (!left.eof) {
      let cmp = compare(left, right)
      if (cmp > 0) {
        next(right, true, left.rowid)
        cmp = compare(left, right)
      }
      if (cmp !== 0 || right.nomatch) break
      next(left, false, 0)
    }
    node.eof = left.eof
    node.nomatch = left.nomatch
    node.rowid = left.rowid
    if (left.eof) zeroPoslists(right)
  }
  const test = (node: CursorNode): void => {
    if (node.eof) return
    if (node.kind === 'leaf') (node.term ? testTerm : testString)(node)
    else if (node.kind === 'and') testAnd(node)
    else if (node.kind === 'or') testOr(node)
    else testNot(node)
  }

  const next = (node: CursorNode, fromValid: boolean, from: number): void => {
    switch (node.kind) {
      case 'leaf': {
        if (!node.term) node.nomatch = false
        const iterator = node.iterators[0]![0]!
        if (fromValid) iterator.nextFrom(from)
        else iterator.next()
        if (iterator.eof) {
          node.eof = true
          node.nomatch = false
        } else if (node.term) testTerm(node)
        else testString(node)
        return
      }
      case 'and':
        next(node.children[0]!, fromValid, from)
        testAnd(node)
        return
      case 'or': {
        const last = node.rowid
        for (const child of node.children) {
          if (!child.eof && (child.rowid === last || (fromValid && child.rowid < from))) {
            next(child, fromValid, from)
          }
        }
        testOr(node)
        return
      }
      case 'not':
        next(node.children[0]!, fromValid, from)
        testNot(node)
        return
    }
  }

  const first = (node: CursorNode): void => {
    node.eof = false
    node.nomatch = false
    if (node.kind === 'leaf') {
      node.iterators = []
      for (const phrase of node.phrases) {
        if (phrase.tokens.length === 0) {
          node.eof = true
          return
        }
        const iterators = phrase.tokens.map((token, j) => {
          const rows = source.rowsOf(keyOf(phrase, j))
          const scanned =
            phrase.prefix &&
            j === phrase.tokens.length - 1 &&
            !prefixIndexes.includes([...token].length)
          return new TermIterator(
            scanned
              ? rows.filter(
                  (row) =>
                    inColumns(source.positionsOf(row, keyOf(phrase, j)), phrase.columns).length > 0,
                )
              : rows,
          )
        })
        node.iterators.push(iterators)
        if (iterators.some((iterator) => iterator.eof)) {
          node.eof = true
          return
        }
      }
    } else {
      let eofs = 0
      for (const child of node.children) {
        first(child)
        if (child.eof) eofs += 1
      }
      node.rowid = node.children[0]!.rowid
      if (node.kind === 'and' && eofs > 0) setEof(node)
      else if (node.kind === 'or' && eofs === node.children.length) setEof(node)
      else if (node.kind === 'not') node.eof = node.children[0]!.eof
    }
    test(node)
  }

  first(root)
  while (!root.eof && root.nomatch) next(root, false, 0)
  while (!root.eof) {
    const row = root.rowid
    const instances = Array.from({ length: phraseCount }, (_, index) => {
      const leaf = leafOf[index]
      return leaf && !leaf.eof && leaf.rowid === row ? poslists[index]! : []
    })
    yield { row, instances }
    do next(root, false, 0)
    while (!root.eof && root.nomatch)
  }
}

function keyOf(phrase: Phrase, j: number): string {
  const token = phrase.tokens[j] ?? ''
  return phrase.prefix && j === phrase.tokens.length - 1 ? `*${token}` : `=${token}`
}

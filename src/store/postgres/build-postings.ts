/** Turns one analysed document into the rows of the inverted index: for each term and column its
 *  token positions, as FTS5 would number them in the SQLite engine's `doc_fts` row (the
 *  passages' stems joined, the passages' words joined, the title's stems), and where each
 *  passage ends, so passage-level matching needs no second index. */

import type { StoredDocument } from '../store.js'
import { ftsTokens, STEMS, TITLE, WORDS } from './fts-match.js'

export interface PostingRow {
  readonly term: string
  readonly col: number
  readonly positions: Buffer
  /** Passages holding the term in this column (0 for the title). */
  readonly passages: number
}

export interface DocumentPostings {
  readonly rows: PostingRow[]
  readonly lengths: readonly [stems: number, words: number, title: number]
  /** Cumulative token ends of each passage, in the stems and in the words column. */
  readonly passageStems: number[]
  readonly passageWords: number[]
}

/** Positions are stored as little-endian int32s: compact, and read without parsing text. */
export function encodePositions(positions: readonly number[]): Buffer {
  const buffer = Buffer.allocUnsafe(positions.length * 4)
  positions.forEach((position, i) => buffer.writeInt32LE(position, i * 4))
  return buffer
}

export function decodePositions(buffer: Buffer): number[] {
  const out = new Array<number>(buffer.length >>> 2)
  for (let i = 0; i < out.length; i += 1) out[i] = buffer.readInt32LE(i * 4)
  return out
}

/** The index of the passage that holds token `offset`, given cumulative passage ends. */
export function passageOf(ends: readonly number[], offset: number): number {
  let lo = 0
  let hi = ends.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((ends[mid] ?? 0) <= offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

export function buildPostings(stored: StoredDocument): DocumentPostings {
  const passageStems: number[] = []
  const passageWords: number[] = []
  const columns: [string[], string[], string[]] = [[], [], ftsTokens(stored.titleStems)]
  for (const passage of stored.passages) {
    columns[STEMS].push(...ftsTokens(passage.stems))
    columns[WORDS].push(...ftsTokens(passage.words))
    passageStems.push(columns[STEMS].length)
    passageWords.push(columns[WORDS].length)
  }
  const rows: PostingRow[] = []
  columns.forEach((tokens, col) => {
    const byTerm = new Map<string, number[]>()
    tokens.forEach((token, position) => {
      const list = byTerm.get(token)
      if (list) list.push(position)
      else byTerm.set(token, [position])
    })
    const ends = col === STEMS ? passageStems : col === WORDS ? passageWords : null
    for (const [term, positions] of byTerm) {
      let passages = 0
      if (ends) {
        let last = -1
        for (const position of positions) {
          const passage = passageOf(ends, position)
          if (passage !== last) passages += 1
          last = passage
        }
      }
      rows.push({ term, col, positions: encodePositions(positions), passages })
    }
  })
  return {
    rows,
    lengths: [columns[STEMS].length, columns[WORDS].length, columns[TITLE].length],
    passageStems,
    passageWords,
  }
}

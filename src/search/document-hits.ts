/** Every place a query matches inside one document, as ranges of the raw text, for the
 *  workbench's highlights and hit-to-hit navigator. The store says which passages match; the
 *  marking rule of the snippets (query-marks.ts) finds the words in them, so a variant spelling
 *  (اسرائيل for إسرائيل) is highlighted where the reader sees it. */

import { analyze } from '../analysis/text-analysis.js'
import type { Store } from '../store/index.js'
import { parseQuery } from './query/index.js'
import { findOccurrences, markSequences } from './query-marks.js'
import { compileQuery } from './search-service.js'

/** One highlighted occurrence: a word, or a whole phrase, in the raw text. */
export interface DocumentHit {
  readonly start: number
  readonly end: number
  readonly page: number | null
}

export interface DocumentHits {
  readonly hits: readonly DocumentHit[]
  /** Index in `hits` of the first hit inside the best-matching passage, or null. */
  readonly best: number | null
}

/** Finds every hit of `input` (the contract's query language) in document `id`. */
export async function findDocumentHits(
  store: Store,
  id: string,
  input: string,
): Promise<DocumentHits> {
  const query = compileQuery(parseQuery(input))
  const sequences = markSequences(query)
  const [passages, best, text] = await Promise.all([
    store.matchingPassages(id, query),
    store.bestPassage(id, query),
    store.getText(id),
  ])
  const hits: DocumentHit[] = []
  let bestIndex: number | null = null
  for (const passage of passages) {
    const tokens = analyze(text.slice(passage.start, passage.end))
    const ranges: [number, number][] = []
    for (const [first, last] of findOccurrences(tokens, sequences)) {
      const start = tokens[first]?.start ?? 0
      const end = tokens[last]?.end ?? start
      // Overlaps (a word that is also part of a matched phrase) become one range.
      const previous = ranges.at(-1)
      if (previous && start < previous[1]) previous[1] = Math.max(previous[1], end)
      else ranges.push([start, end])
    }
    if (best && passage.start === best.start && bestIndex === null && ranges.length > 0)
      bestIndex = hits.length
    for (const [start, end] of ranges)
      hits.push({ start: passage.start + start, end: passage.start + end, page: passage.page })
  }
  return { hits, best: bestIndex ?? (hits.length > 0 ? 0 : null) }
}

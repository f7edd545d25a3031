/** Where a query's words and phrases occur in analysed text: the one marking rule behind the
 *  snippets' highlights and the workbench's hit navigator. A word matches by its term (so a
 *  variant spelling is marked where the reader sees it), a phrase only as a whole, a trailing
 *  `pref*` by the beginning of the form or term; nothing under a NOT is marked. */

import type { Token } from '../analysis/text-analysis.js'
import type { StoreQuery } from '../store/index.js'

/** A searched word or phrase as its sequence of terms; the last one may be a prefix. */
export interface MarkSequence {
  readonly terms: readonly string[]
  readonly prefix: string | null
}

/** The sequences to mark for a query. */
export function markSequences(query: StoreQuery): MarkSequence[] {
  const sequences: MarkSequence[] = []
  const collect = (node: StoreQuery, negated: boolean): void => {
    if (node.kind === 'match' && !negated) {
      const last = node.terms.length - 1
      if (node.slop === null) {
        sequences.push({
          terms: node.prefix ? node.terms.slice(0, last) : node.terms,
          prefix: node.prefix ? (node.forms[last] ?? null) : null,
        })
      } else {
        // A proximity query: its words are marked wherever they occur.
        for (const term of node.terms) sequences.push({ terms: [term], prefix: null })
      }
    } else if (node.kind === 'and' || node.kind === 'or') {
      for (const child of node.children) collect(child, negated)
    } else if (node.kind === 'not') {
      collect(node.child, !negated)
    }
  }
  collect(query, false)
  return sequences
}

/** Every occurrence, as [first, last] token indexes (inclusive), in text order. */
export function findOccurrences(
  tokens: readonly Token[],
  sequences: readonly MarkSequence[],
): [number, number][] {
  const found: [number, number][] = []
  for (const { terms, prefix } of sequences) {
    const length = terms.length + (prefix === null ? 0 : 1)
    if (length === 0) continue
    for (let i = 0; i + length <= tokens.length; i += 1) {
      let ok = terms.every((term, k) => tokens[i + k]?.term === term)
      if (ok && prefix !== null) {
        const token = tokens[i + terms.length]
        ok = token !== undefined && (token.form.startsWith(prefix) || token.term.startsWith(prefix))
      }
      if (ok) found.push([i, i + length - 1])
    }
  }
  return found.sort((a, b) => a[0] - b[0] || b[1] - a[1])
}

/** English stemming for Latin-script forms, with the Porter stemmer that `@orama/stemmers`
 *  ships as `stemmer` in `@orama/stemmers/english` (Porter's 1980 algorithm, not Snowball's
 *  Porter2: "generously" → "gener"). Every Latin-script form goes through it, whatever its
 *  language, so index and query agree without knowing the language. */
import { stemmer } from '@orama/stemmers/english'

// The Porter implementation builds several regular expressions per call (about 1.5 µs a word);
// word frequencies are skewed, so remembering recent results saves most of that. Bounded so a
// long-running indexer does not grow without limit.
const MAX_CACHED = 50_000
const cache = new Map<string, string>()

/**
 * The term of a Latin-script form.
 * @example stemEnglish('investigations') // 'investig'
 */
export function stemEnglish(form: string): string {
  let term = cache.get(form)
  if (term === undefined) {
    term = stemmer(form)
    if (cache.size >= MAX_CACHED) cache.clear()
    cache.set(form, term)
  }
  return term
}

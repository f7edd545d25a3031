/** The one analyser, used at index time and at query time: raw text → tokens with a term (for
 *  the main index column), a form (for the exact-form column, prefix search and boosting) and
 *  the offsets of the surface word in the raw text (for highlighting and citations). It is
 *  script-based, not language-based: a query analysed without knowing a document's language
 *  gets the same terms the document got. Language detection is separate (`language/`). */
import { appendForms } from './normalize/normalize-word.js'
import { stemWord } from './stem/stem-word.js'
import { forEachWord } from './tokenize.js'

/** One word of a text, as the index and the search see it. */
export interface Token {
  /** Normalised and stemmed: goes to the main index column. */
  term: string
  /** Normalised, not stemmed: goes to the exact-form column; prefix search and exact-form boosting use it. */
  form: string
  /** UTF-16 offset of the surface word in the raw input (inclusive). */
  start: number
  /** UTF-16 offset of the end of the surface word in the raw input (exclusive). */
  end: number
  /** 0-based ordinal of the token in the text. */
  position: number
}

/**
 * The tokens of a raw text. `text.slice(start, end)` is each token's surface word; when NFKC
 * makes several words of one (ﷺ → صلي الله عليه وسلم) they share its offsets and take
 * consecutive positions, so a phrase query for the expansion finds the ligature.
 * @example analyze('بالوزارة')[0] // { term: 'زار', form: 'بالوزاره', start: 0, end: 8, position: 0 }
 */
export function analyze(text: string): Token[] {
  const tokens: Token[] = []
  const forms: string[] = []
  forEachWord(text, (start, end) => {
    forms.length = 0
    appendForms(text.slice(start, end), forms)
    for (const form of forms) {
      tokens.push({ term: stemWord(form), form, start, end, position: tokens.length })
    }
  })
  return tokens
}

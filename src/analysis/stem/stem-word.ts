/** Chooses the stemmer for a form by the script of its first character, never by the
 *  document's language: a query analysed without knowing the language gets the same terms. */
import { stemArabic } from './arabic.js'
import { stemEnglish } from './english.js'
import { stemHebrew } from './hebrew.js'

const LATIN = /^\p{sc=Latin}/u

/**
 * The term of a form from `normalizeWord`: Arabic-script forms get the Arabic light stemmer,
 * Hebrew forms the prefix stripper, Latin forms the English stemmer; any other form is its own
 * term (digits, Cyrillic, CJK, …).
 * @example stemWord('والوزاره') // 'زار'
 */
export function stemWord(form: string): string {
  const first = form.charCodeAt(0)
  if (first >= 0x61 && first <= 0x7a) return stemEnglish(form)
  if (first >= 0x05d0 && first <= 0x05f2) return stemHebrew(form)
  if (
    (first >= 0x0620 && first <= 0x06ff) ||
    (first >= 0x0750 && first <= 0x077f) ||
    (first >= 0x08a0 && first <= 0x08ff)
  ) {
    return stemArabic(form)
  }
  if (first >= 0xc0 && LATIN.test(form)) return stemEnglish(form)
  return form
}

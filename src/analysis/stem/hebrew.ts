/** A prefix stripper for Hebrew forms. Hebrew writes the conjunction ו, the article ה, the
 *  prepositions ב כ ל מ and the relative ש as letters glued to the word (והמשרד, שבמשרד), and
 *  they stack. Telling a prefix letter from a root letter needs a lexicon we do not have, so
 *  this stripper is deliberately consistent instead of clever: it strips prefix letters while
 *  3 or more letters remain. Then stem(p + w) equals stem(w) for every prefix letter p and every
 *  w of 3 or more letters, so a word always meets itself with any prefixes. The cost is that
 *  some distinct words meet (מלכות and כות). It expects a form from `normalizeWord` (no niqqud,
 *  no final letters). */

const PREFIX_LETTERS = new Set([0x05d5, 0x05d4, 0x05d1, 0x05db, 0x05dc, 0x05de, 0x05e9]) // ו ה ב כ ל מ ש
const MIN_LETTERS = 3

/**
 * The term of a Hebrew form.
 * @example stemHebrew('שבמשרד') // 'שרד', as for 'משרד', 'במשרד' and 'והמשרד'
 */
export function stemHebrew(form: string): string {
  let start = 0
  while (form.length - start > MIN_LETTERS && PREFIX_LETTERS.has(form.charCodeAt(start))) {
    start += 1
  }
  return start === 0 ? form : form.slice(start)
}

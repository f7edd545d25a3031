/** Other spellings a query word stands for that the index keeps apart on purpose. */

const CLITICS = ['ب', 'ل', 'ك'] as const
const ARABIC_LETTER = /^[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]/u

/**
 * Arabic ب ل ك written onto a word (بوزارة, لوزارة, كوزارة) are not stripped at index time,
 * because بيت, لبنان and كتاب begin with the same letters. A query word asks for them instead:
 * its form with each of these clitics, and without one when it starts with one.
 * @example queryAlternatives('وزاره') // ['بوزاره', 'لوزاره', 'كوزاره']
 */
export function queryAlternatives(form: string): string[] {
  if (!ARABIC_LETTER.test(form)) return []
  const alternatives: string[] = CLITICS.map((clitic) => clitic + form)
  if (form.length >= 4 && (CLITICS as readonly string[]).includes(form.charAt(0))) {
    alternatives.push(form.slice(1))
  }
  return alternatives
}

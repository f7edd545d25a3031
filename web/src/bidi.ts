/** Direction of a run of text from its letters: Arabic and Hebrew script make it right-to-left.
 *  Every paragraph gets its own `dir`, so a Hebrew paragraph in an English mail reads right. */

const rtlLetter = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/gu
const letter = /\p{L}/gu

/** `rtl` when right-to-left letters are at least as many as the others, `ltr` when there are
 *  only others, `auto` when the text has no letter at all. The majority (not the first strong
 *  letter, as `dir="auto"` does) keeps an Arabic line that starts with "PDF" right-to-left. */
export function directionOf(text: string): 'rtl' | 'ltr' | 'auto' {
  const rtl = text.match(rtlLetter)?.length ?? 0
  const ltr = (text.match(letter)?.length ?? 0) - rtl
  if (rtl === 0 && ltr === 0) return 'auto'
  return rtl >= ltr ? 'rtl' : 'ltr'
}

/** The last part of a path (`a/b.zip!/c.txt` → `c.txt`). */
export function fileName(path: string): string {
  return path.split(/[/\\]|!\//u).at(-1) ?? path
}

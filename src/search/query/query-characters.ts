/** Character rules of the query language: which invisible characters are dropped, what ends a
 *  word, the Hebrew quote marks that belong inside a word, and digits in Arabic script. */

// Bidi controls (LRM, RLM, ALM, embeddings, isolates) and zero-width characters arrive with text
// copied from RTL documents and web pages; they change nothing the user can see.
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u
// ZWNJ and ZWJ are spelling inside a Persian word (می‌خواهم) and belong to the analyser there.
const JOINER = /[\u200C\u200D]/u
const LETTER_OR_MARK = /[\p{L}\p{M}]/u
const MARK = /\p{M}/u
const HEBREW_LETTER = /(?=\p{Script=Hebrew})\p{L}/u
const SPACE = /\s/u

/** Drops bidi controls and zero-width characters; a joiner stays only between two letters. */
export function removeInvisible(text: string): string {
  const chars = Array.from(text).filter((char) => !INVISIBLE.test(char))
  return chars
    .filter(
      (char, i) =>
        !JOINER.test(char) ||
        (LETTER_OR_MARK.test(chars[i - 1] ?? '') && LETTER_OR_MARK.test(chars[i + 1] ?? '')),
    )
    .join('')
}

/** True for the whitespace that separates words (any Unicode space, not only ASCII). */
export function isSpace(char: string | undefined): boolean {
  return char !== undefined && SPACE.test(char)
}

/**
 * True when the `"` at `i` is a Hebrew gershayim between two letters, as in צה"ל, and so part
 * of the word. Vowel points between the letter and the mark do not count (צָהַ"ל).
 */
export function isGershayimAt(text: string, i: number): boolean {
  let before = i - 1
  while (before >= 0 && MARK.test(text[before] ?? '')) before--
  return HEBREW_LETTER.test(text[before] ?? '') && HEBREW_LETTER.test(text[i + 1] ?? '')
}

/** True when position `i` ends a word: the end of the text, a space, a parenthesis or a quote. */
export function isWordBreakAt(text: string, i: number): boolean {
  const char = text[i]
  if (char === undefined || isSpace(char) || char === '(' || char === ')') return true
  return char === '"' && !isGershayimAt(text, i)
}

/** True for a decimal digit in Latin, Arabic-Indic (٠–٩) or Persian (۰–۹) form. */
export function isDigit(char: string | undefined): boolean {
  return char !== undefined && /[0-9\u0660-\u0669\u06F0-\u06F9]/u.test(char)
}

/** Writes Arabic-Indic and Persian digits as Latin ones (٢٠٢٤ → 2024); other text is kept. */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (digit) => {
    const code = digit.charCodeAt(0)
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660))
  })
}

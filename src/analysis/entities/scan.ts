/** Character classes and word edges on folded text, shared by the entity rules: where a word
 *  starts once an Arabic or Hebrew proclitic (و ف ب ل ك، ו ה ב ל מ ש כ) is set aside, where it
 *  ends, and how to turn a list of words into a regular-expression alternation that matches the
 *  folded text. Tokenizing for the index is `../tokenize.ts`; this module only asks "is this an
 *  edge?". */
import { foldText } from './fold-text.js'

const LETTER = 1
const DIGIT = 2
const ARABIC = 4
const HEBREW = 8
const LATIN = 16
const KNOWN = 128

const flags = new Uint8Array(0x10000)
const IS_LETTER = /^[\p{L}\p{M}]$/u

function classOf(code: number): number {
  const known = flags[code]!
  if (known !== 0) return known
  let value = KNOWN
  const char = String.fromCharCode(code)
  if (code >= 0x30 && code <= 0x39) value |= DIGIT
  else if (IS_LETTER.test(char)) {
    value |= LETTER
    if (code >= 0x0600 && code <= 0x06ff) value |= ARABIC
    else if (code >= 0x0590 && code <= 0x05ff) value |= HEBREW
    else if (code < 0x0250 || (code >= 0x1e00 && code <= 0x1eff)) value |= LATIN
  } else if (code >= 0xd800 && code <= 0xdfff) value |= LETTER // astral letters: assume a word
  flags[code] = value
  return value
}

/** A letter (or combining mark) of any script. */
export function isLetterAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (classOf(text.charCodeAt(i)) & LETTER) !== 0
}

/** An ASCII digit (Eastern digits are ASCII once folded). */
export function isDigitAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (classOf(text.charCodeAt(i)) & DIGIT) !== 0
}

/** A letter or a digit. */
export function isWordCharAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (classOf(text.charCodeAt(i)) & (LETTER | DIGIT)) !== 0
}

export function isArabicLetterAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (classOf(text.charCodeAt(i)) & ARABIC) !== 0
}

export function isHebrewLetterAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (classOf(text.charCodeAt(i)) & HEBREW) !== 0
}

export function isLatinLetterAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (classOf(text.charCodeAt(i)) & LATIN) !== 0
}

// Proclitics that may stick to a word without a space: Arabic conjunctions and prepositions
// (والجزائر، فبتونس، لمصر، كالمعتاد), Hebrew prefixes (ובישראל، שבתל אביב، מהאיחוד).
const ARABIC_PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'فب', 'فل', 'وك', 'فك'])
const HEBREW_PROCLITICS = new Set([
  ...['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ'],
  ...['וה', 'וב', 'ול', 'ומ', 'וש', 'וכ', 'שב', 'של', 'שה', 'שמ', 'מה', 'לה', 'בה', 'כש', 'וכש'],
  ...['ושב', 'ושל', 'ומה', 'מש', 'כשה', 'שכ'],
])

/**
 * Whether a word may start at `i`: at a non-letter, or right after an Arabic or Hebrew proclitic
 * that itself starts a word (so لمصر gives مصر, but التونسية does not give تونس).
 */
export function isWordStart(text: string, i: number): boolean {
  if (!isWordCharAt(text, i - 1)) return true
  if (isDigitAt(text, i - 1)) return false
  let j = i - 1
  while (j >= 0 && isLetterAt(text, j)) j -= 1
  if (i - 1 - j > 3) return false
  const prefix = text.slice(j + 1, i)
  if (isArabicLetterAt(text, i)) return ARABIC_PROCLITICS.has(prefix)
  if (isHebrewLetterAt(text, i)) return HEBREW_PROCLITICS.has(prefix)
  // A number right after an Arabic or Hebrew proclitic: ب71 مليون، ב-2009 is handled by the hyphen.
  if (isDigitAt(text, i)) return ARABIC_PROCLITICS.has(prefix) || HEBREW_PROCLITICS.has(prefix)
  return false
}

/** Whether a word ends at `end` (exclusive): the next character is not a letter or digit. */
export function isWordEnd(text: string, end: number): boolean {
  return !isWordCharAt(text, end)
}

/** The folded spelling of a lexicon word, so that it meets the folded text. */
export function fold(word: string): string {
  return foldText(word.normalize('NFC')).text
}

/** `text` with the regular-expression syntax characters escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * An alternation (without the group) of the folded `words`, longest first, with any run of
 * spaces in a word matching any run of spaces in the text.
 */
export function alternation(words: Iterable<string>): string {
  const folded = [...new Set([...words].map(fold))].sort((a, b) => b.length - a.length)
  return folded.map((word) => escapeRegExp(word).replace(/ +/g, '\\s+')).join('|')
}

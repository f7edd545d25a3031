/** Turns one word of raw text into its form: the spelling that the exact-form index column,
 *  prefix search and exact-form boosting compare. Steps: NFKC (presentation forms, ligatures,
 *  full-width letters), lower case, Latin diacritics removed, Arabic and Hebrew variants folded,
 *  invisible characters dropped. Stemming (form → term) is left to `stem/`. */
import { forEachWord } from '../tokenize.js'
import { addArabicRules } from './arabic.js'
import { createCharTable, DROP, mapChars, TABLE_SIZE } from './char-table.js'
import { addHebrewRules } from './hebrew.js'

const WORD_TABLE = createCharTable()
for (let code = 0x41; code <= 0x5a; code += 1) WORD_TABLE[code] = code + 0x20
addArabicRules(WORD_TABLE)
addHebrewRules(WORD_TABLE)
// A quote inside a word can only be a Hebrew geresh/gershayim: the tokenizer splits on it
// anywhere else. The curly ones (’ ”) lie above the table: finishForm drops them.
WORD_TABLE[0x27] = DROP
WORD_TABLE[0x22] = DROP
const CURLY_QUOTES = /[\u2019\u201D]/g

// Characters for which NFKC and lower-casing change nothing that the table does not already
// do: ASCII, the Hebrew block, and the Arabic block except the combining hamza/madda (they
// compose with the letter before) and the high-hamza letters U+0675–U+0678 (they decompose).
// Nearly every word of Arabic and Hebrew text is made of them, so it skips both calls.
const FAST = new Uint8Array(TABLE_SIZE)
FAST.fill(1, 0x00, 0x80)
FAST[0x00ad] = 1
FAST.fill(1, 0x0591, 0x05f5)
FAST.fill(1, 0x0600, 0x0700)
FAST.fill(0, 0x0653, 0x0656)
FAST.fill(0, 0x0675, 0x0679)

// The joiners and bidi controls a tokenizer word may hold: NFKC keeps them, the table drops them.
function isFastAbove(code: number): boolean {
  return (
    (code >= 0x200c && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
}

function isFast(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const code = word.charCodeAt(i)
    if (code < TABLE_SIZE ? FAST[code] === 0 : !isFastAbove(code)) return false
  }
  return true
}

// A Latin letter that may carry a diacritic, or a combining mark: worth decomposing.
const MAY_HAVE_LATIN_MARKS = /[\u00C0-\u024F\u1E00-\u1EFF]|\p{M}/u
// Combining marks on a Latin letter (café = cafe). Only Latin: marks are letters' vowels in
// Indic scripts, and Cyrillic й or Greek accents are distinct letters to their readers.
const LATIN_MARKS = /(?<=\p{sc=Latin})\p{M}+/gu

function finishForm(piece: string): string {
  let form = mapChars(piece, WORD_TABLE).replace(CURLY_QUOTES, '')
  if (MAY_HAVE_LATIN_MARKS.test(form)) {
    form = form.normalize('NFD').replace(LATIN_MARKS, '').normalize('NFC')
  }
  // Dropping an invisible character can bring together two that compose (Hangul jamo).
  return form.normalize('NFKC')
}

/**
 * Appends the forms of one tokenizer word to `forms`: usually one, none if nothing is left (a
 * lone tatweel), several when NFKC expands the word into several (ﷺ, ½, ㊀).
 */
export function appendForms(word: string, forms: string[]): void {
  if (isFast(word)) {
    const form = mapChars(word, WORD_TABLE)
    if (form !== '') forms.push(form)
    return
  }
  const text = word.normalize('NFKC').toLowerCase()
  forEachWord(text, (start, end) => {
    const form = finishForm(text.slice(start, end))
    if (form !== '') forms.push(form)
  })
}

/**
 * The form of a word: what `analyze` stores as `Token.form`; '' if nothing is left. When the
 * input holds several words (or NFKC makes several, as for ﷺ), their forms are joined by one
 * space, exactly as `analyze(word).map((t) => t.form).join(' ')`.
 * @example normalizeWord('الـمُـؤسَّسة') // 'الموسسه'
 */
export function normalizeWord(word: string): string {
  const forms: string[] = []
  forEachWord(word, (start, end) => {
    appendForms(word.slice(start, end), forms)
  })
  return forms.join(' ')
}

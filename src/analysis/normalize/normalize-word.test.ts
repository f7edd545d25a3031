import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeWord } from './normalize-word.js'

const char = (first: number, last: number) =>
  fc.integer({ min: first, max: last }).map((code) => String.fromCharCode(code))

/** Any text, weighted towards the characters the rules are about. */
const anyText = fc.string({
  maxLength: 30,
  unit: fc.oneof(
    char(0x20, 0x7e), // ASCII
    char(0x00a0, 0x036f), // Latin-1, Latin extended, combining marks
    char(0x0590, 0x06ff), // Hebrew, Arabic
    char(0x08a0, 0x08ff), // Arabic extended-A
    char(0xfb00, 0xfeff), // Latin, Hebrew and Arabic presentation forms
    char(0x1100, 0x11ff), // Hangul jamo
    char(0x2000, 0x24ff), // punctuation, invisible controls, letterlike symbols, numbers
    char(0x3040, 0x33ff), // kana, enclosed and squared CJK
    char(0xff00, 0xffef), // halfwidth and fullwidth forms
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom("'", '"', '\u2019', '\u201D', '\u05F3', '\u200D', '\u0640', 'ﷺ', 'İ', '\uD800'),
  ),
})

/** Words in the scripts this project searches, written every way a document may write them. */
const ourWords = fc
  .string({
    maxLength: 20,
    unit: fc.oneof(
      char(0x20, 0x7e),
      char(0x00c0, 0x036f),
      char(0x1e00, 0x1eff),
      char(0x0590, 0x06ff),
      char(0x0750, 0x077f),
      char(0xfb00, 0xfeff),
      char(0xff21, 0xff5a),
      fc.constantFrom('\u200C', '\u200D', '\u00AD', '\u200F', '\u061C'),
    ),
  })
  .filter((text) => /^[\p{L}\p{M}\p{N}\s\u200C\u200D\u00AD\u200F\u061C]*$/u.test(text))

describe('normalizeWord', () => {
  it('turns Arabic presentation forms and ligatures into letters', () => {
    expect(normalizeWord('ﺍﻟﻮﺯﺍﺭﺓ')).toBe(normalizeWord('الوزارة'))
    expect(normalizeWord('ﻻ')).toBe('لا')
  })

  it('turns Latin ligatures and full-width letters into plain letters', () => {
    expect(normalizeWord('ﬁnance')).toBe('finance')
    expect(normalizeWord('ＵＮ２０２４')).toBe('un2024')
  })

  it('makes several words of a character that NFKC expands into several', () => {
    expect(normalizeWord('ﷺ')).toBe('صلي الله عليه وسلم')
    expect(normalizeWord('½')).toBe('1 2')
  })

  it('lower-cases without regard to locale', () => {
    expect(normalizeWord('Ministry')).toBe('ministry')
    expect(normalizeWord('İSTANBUL')).toBe('istanbul')
  })

  it('removes diacritics from Latin letters only', () => {
    expect(normalizeWord('Café')).toBe('cafe')
    expect(normalizeWord('Nguyễn')).toBe('nguyen')
    expect(normalizeWord('Müller')).toBe('muller')
    expect(normalizeWord('йод')).toBe('йод')
    expect(normalizeWord('हिंदी')).toBe('हिंदी')
  })

  it('folds Arabic spelling variants', () => {
    expect(normalizeWord('الـمُـؤسَّسة')).toBe('الموسسه')
    expect(normalizeWord('إلى')).toBe('الي')
    expect(normalizeWord('٢٠٢٤')).toBe('2024')
    expect(normalizeWord('کتابی')).toBe('كتابي')
  })

  it('folds Hebrew spelling variants', () => {
    expect(normalizeWord('צה"ל')).toBe('צהל')
    expect(normalizeWord('צה״ל')).toBe('צהל')
    expect(normalizeWord('צה”ל')).toBe('צהל')
    expect(normalizeWord('וּבַמִּשְׂרָדִים')).toBe('ובמשרדימ')
  })

  it('drops invisible characters inside a word', () => {
    expect(normalizeWord('می\u200Cخواهم')).toBe('ميخواهم')
    expect(normalizeWord('infor\u00ADmation')).toBe('information')
    expect(normalizeWord('ال\u200Fوزارة')).toBe('الوزاره')
  })

  it('leaves nothing of a word without letters or digits', () => {
    expect(normalizeWord('ـــ')).toBe('')
    expect(normalizeWord('ًٌٍ')).toBe('')
    expect(normalizeWord('...')).toBe('')
  })

  it('joins the forms of several words with one space', () => {
    expect(normalizeWord('  Hello,  World! ')).toBe('hello world')
  })

  it('gives the same form when applied twice', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(normalizeWord(normalizeWord(text))).toBe(normalizeWord(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('gives the same form for composed, decomposed and compatibility spellings of a word', () => {
    // Symbols that NFKC turns into letters (㍘ → 8点, ¨ → a combining mark) are not words in
    // the raw text, so this holds for words only.
    fc.assert(
      fc.property(ourWords, (text) => {
        expect(normalizeWord(text.normalize('NFKC'))).toBe(normalizeWord(text))
        expect(normalizeWord(text.normalize('NFD'))).toBe(normalizeWord(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('can skip NFKC for every pair of letters of the Hebrew and Arabic blocks', () => {
    // The fast path skips NFKC for these blocks; any pair that composes or reorders under
    // NFKC must still give the same form.
    const alphabet: string[] = []
    for (let code = 0x0591; code <= 0x06ff; code += 1) alphabet.push(String.fromCharCode(code))
    for (const first of alphabet) {
      for (const second of alphabet) {
        const pair = first + second
        if (pair.normalize('NFKC') !== pair) {
          expect(normalizeWord(pair), pair).toBe(normalizeWord(pair.normalize('NFKC')))
        }
      }
    }
  })
})

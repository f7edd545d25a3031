import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tokenize } from './tokenize.js'

/** The surface words, as the reader sees them. */
function words(text: string): string[] {
  return tokenize(text).map(({ start, end }) => text.slice(start, end))
}

describe('tokenize', () => {
  it('finds words between spaces and punctuation, with offsets into the raw text', () => {
    expect(tokenize('قال، الوزير: نعم')).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 11 },
      { start: 13, end: 16 },
    ])
  })

  it('keeps letters, marks and digits of any script together', () => {
    expect(words('مُحَمَّد café x2 ٢٠٢٤')).toEqual(['مُحَمَّد', 'café', 'x2', '٢٠٢٤'])
  })

  it('splits numbers at their separators the same way on both sides', () => {
    expect(words('1,200.50 و٣٫٥')).toEqual(['1', '200', '50', 'و٣', '٥'])
  })

  it('keeps a Hebrew abbreviation with gershayim or a double quote in one word', () => {
    expect(words('צה"ל וצה״ל')).toEqual(['צה"ל', 'וצה״ל'])
  })

  it('keeps a Hebrew loan sound with geresh or an apostrophe in one word', () => {
    expect(words("ג'ורג' ג׳ורג׳ צ׳יפס")).toEqual(["ג'ורג", 'ג׳ורג׳', 'צ׳יפס'])
  })

  it('keeps a Hebrew abbreviation whose quote a word processor made curly in one word', () => {
    expect(words('צה”ל ג’ורג ”שלום” it’s')).toEqual(['צה”ל', 'ג’ורג', 'שלום', 'it', 's'])
  })

  it('keeps a geresh on a vocalised Hebrew letter', () => {
    expect(words("גְ'ורג")).toEqual(["גְ'ורג"])
  })

  it('splits on apostrophes and quotes outside Hebrew words', () => {
    expect(words(`don't O'Brien "quoted" א'b`)).toEqual([
      'don',
      't',
      'O',
      'Brien',
      'quoted',
      'א',
      'b',
    ])
  })

  it('splits Hebrew words joined by a maqaf', () => {
    expect(words('בית־ספר')).toEqual(['בית', 'ספר'])
  })

  it('does not split a word at invisible joiners, soft hyphens, bidi controls or tatweel', () => {
    for (const inside of [
      '\u200C',
      '\u200D',
      '\u00AD',
      '\u200E',
      '\u200F',
      '\u202B',
      '\u2067',
      '\u061C',
      'ـ',
    ]) {
      expect(words(`الو${inside}زارة`)).toEqual([`الو${inside}زارة`])
    }
  })

  it('leaves invisible characters at the edges of a word out of it', () => {
    expect(words('\u200Fقال\u200F \u202Bnews\u202C\u00AD')).toEqual(['قال', 'news'])
  })

  it('splits at a zero-width space, which marks a word boundary', () => {
    expect(words('ab\u200Bcd')).toEqual(['ab', 'cd'])
  })

  it('makes each CJK character a word of its own', () => {
    expect(words('東京タワーに行く 서울시')).toEqual([
      '東',
      '京',
      'タ',
      'ワ',
      'ー',
      'に',
      '行',
      'く',
      '서',
      '울',
      '시',
    ])
  })

  it('keeps decomposed Hangul and halfwidth kana with their voicing mark as one character', () => {
    expect(words('\u1100\u1161\u11A8 ｶﾞ か\u3099')).toEqual([
      '\u1100\u1161\u11A8',
      'ｶﾞ',
      'か\u3099',
    ])
  })

  it('splits a Latin or Arabic word where CJK characters start', () => {
    expect(words('abc東def')).toEqual(['abc', '東', 'def'])
  })

  it('reads letters outside the Basic Multilingual Plane', () => {
    expect(words('𝐀𝐁 𠀀𠀁')).toEqual(['𝐀𝐁', '𠀀', '𠀁'])
  })

  it('finds no words in text without letters or digits', () => {
    expect(tokenize(' \n\t.,;!? \u200F ')).toEqual([])
  })

  it('returns ordered, non-empty, non-overlapping words that start with a letter, mark or digit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        let previousEnd = 0
        for (const { start, end } of tokenize(text)) {
          expect(start).toBeGreaterThanOrEqual(previousEnd)
          expect(end).toBeGreaterThan(start)
          expect(text.slice(start)).toMatch(/^[\p{L}\p{M}\p{N}]/u)
          previousEnd = end
        }
      }),
    )
  })
})

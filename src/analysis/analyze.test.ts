import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyze, type Token } from './analyze.js'

const char = (first: number, last: number) =>
  fc.integer({ min: first, max: last }).map((code) => String.fromCharCode(code))

/** Any text, weighted towards Arabic, Hebrew, Latin and the characters the rules are about. */
const anyText = fc.string({
  maxLength: 40,
  unit: fc.oneof(
    {
      arbitrary: fc.constantFrom(' ', ' ', '\n', ',', '.', '-', "'", '"', '\u2019', '\u201D'),
      weight: 4,
    },
    char(0x20, 0x7e),
    char(0x00a0, 0x036f),
    char(0x0590, 0x06ff),
    char(0xfb00, 0xfeff),
    char(0x1100, 0x11ff),
    char(0x2000, 0x24ff),
    char(0x3040, 0x33ff),
    char(0xff00, 0xffef),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom('\u05F3', '\u05F4', '\u200D', '\u200C', '\u0640', 'ﷺ', '½', 'İ', '\uD800'),
  ),
})

/** surface|form|term for each token: compact to read in a failing test. */
function describeTokens(text: string): string[] {
  return analyze(text).map((t) => `${text.slice(t.start, t.end)}|${t.form}|${t.term}`)
}

const terms = (text: string) => analyze(text).map((token) => token.term)

describe('analyze', () => {
  it('gives each word its form, term, raw offsets and position', () => {
    expect(analyze('قال: بالوزارة')).toEqual<Token[]>([
      { term: 'قال', form: 'قال', start: 0, end: 3, position: 0 },
      { term: 'زار', form: 'بالوزاره', start: 5, end: 13, position: 1 },
    ])
  })

  it('finds an Arabic word whatever its article, diacritics, tatweel or letter variants', () => {
    const forms = 'الوزارة وزارة بالوزارة والوزارة الـوزارة الوِزارَة ﺍﻟﻮﺯﺍﺭﺓ'
    expect(new Set(terms(forms))).toEqual(new Set(['زار']))
  })

  it('finds a Hebrew word whatever its prefixes or niqqud', () => {
    expect(new Set(terms('משרד במשרד והמשרד שבמשרד בְּמִשְׂרָד'))).toEqual(new Set(['שרד']))
  })

  it('keeps Hebrew abbreviations whole and drops their gershayim from the form', () => {
    expect(describeTokens('צה"ל וצה״ל')).toEqual(['צה"ל|צהל|צהל', 'וצה״ל|וצהל|צהל'])
  })

  it('matches Arabic-Indic, Persian and Latin digits', () => {
    expect(terms('٢٠٢٤ ۲۰۲۴ 2024')).toEqual(['2024', '2024', '2024'])
  })

  it('splits a number at its separators into digit runs', () => {
    expect(terms('1,200.50')).toEqual(['1', '200', '50'])
  })

  it('makes one token per CJK character, for phrase search', () => {
    expect(terms('東京')).toEqual(['東', '京'])
  })

  it('expands a ligature of several words into tokens that share its offsets', () => {
    const tokens = analyze('النبي ﷺ قال')
    expect(tokens.map((t) => t.form)).toEqual(['النبي', 'صلي', 'الله', 'عليه', 'وسلم', 'قال'])
    expect(tokens.slice(1, 5).every((t) => t.start === 6 && t.end === 7)).toBe(true)
    expect(tokens.map((t) => t.position)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('skips words with nothing left after normalising', () => {
    expect(describeTokens('قال ـــ هو')).toEqual(['قال|قال|قال', 'هو|هو|هو'])
  })

  it('keeps offsets into the raw text when it holds marks and invisible characters', () => {
    const text = '\u200Fمُحَمَّد\u200F café'
    expect(analyze(text).map((t) => text.slice(t.start, t.end))).toEqual(['مُحَمَّد', 'café'])
  })

  it('gives every token a non-empty surface word, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let previous: Token | undefined
        for (const token of analyze(text)) {
          expect(text.slice(token.start, token.end)).not.toBe('')
          // Tokens expanded from one word share its offsets; others follow it.
          const sameWord = token.start === previous?.start && token.end === previous.end
          if (previous && !sameWord) expect(token.start).toBeGreaterThanOrEqual(previous.end)
          previous = token
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('gives each form back as one token with the same term (query side = index side)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const token of analyze(text)) {
          const again = analyze(token.form)
          expect(again.map((t) => [t.form, t.term])).toEqual([[token.form, token.term]])
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('numbers tokens 0, 1, 2, … with no gaps', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        analyze(text).forEach((token, index) => expect(token.position).toBe(index))
      }),
      { numRuns: 2000 },
    )
  })
})

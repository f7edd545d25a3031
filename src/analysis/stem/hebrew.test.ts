import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeWord } from '../normalize/normalize-word.js'
import { stemHebrew } from './hebrew.js'

/** The term of a raw word, as analyze computes it. */
const term = (word: string) => stemHebrew(normalizeWord(word))

describe('stemHebrew', () => {
  it('gives a word with any stack of prefixes the same term', () => {
    const terms = ['משרד', 'במשרד', 'והמשרד', 'שבמשרד', 'ולמשרד', 'מהמשרד'].map(term)
    expect(new Set(terms).size).toBe(1)
  })

  it('gives a word with and without the article the same term', () => {
    expect(term('הבית')).toBe(term('בית'))
    expect(term('בית')).toBe('בית')
  })

  it('keeps at least three letters', () => {
    expect(term('משה')).toBe('משה')
    expect(term('של')).toBe('של')
    expect(term('ספר')).toBe('ספר')
  })

  it('gives vocalised and plain spellings the same term', () => {
    expect(term('בַּבַּיִת')).toBe(term('בבית'))
  })

  it('gives a word and the word with a prefix letter the same term', () => {
    const letter = fc.constantFrom(...'אבגדהוזחטיכלמנסעפצקרשת')
    const prefix = fc.constantFrom(...'והבכלמש')
    fc.assert(
      fc.property(prefix, fc.string({ unit: letter, minLength: 3, maxLength: 8 }), (p, w) => {
        expect(stemHebrew(p + w)).toBe(stemHebrew(w))
      }),
    )
  })
})

import { describe, expect, it } from 'vitest'
import { dominantLanguages } from './dominant-languages.js'

describe('dominantLanguages', () => {
  it('names the language with the most text first and keeps any with a real share', () => {
    const passages = [
      { start: 0, end: 900, lang: 'ar' },
      { start: 900, end: 1000, lang: 'en' },
      { start: 1000, end: 1010, lang: 'fr' },
      { start: 1010, end: 1500, lang: null },
    ]
    expect(dominantLanguages(passages)).toEqual({ lang: 'ar', present: ['ar', 'en'] })
  })

  it('gives no language for a document without detected passages', () => {
    expect(dominantLanguages([{ start: 0, end: 5, lang: null }])).toEqual({
      lang: null,
      present: [],
    })
  })
})

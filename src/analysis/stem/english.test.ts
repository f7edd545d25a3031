import { describe, expect, it } from 'vitest'
import { stemEnglish } from './english.js'

describe('stemEnglish', () => {
  it('gives inflected forms of a word the same term', () => {
    const terms = ['investigations', 'investigation', 'investigating', 'investigated'].map(
      stemEnglish,
    )
    expect(new Set(terms)).toEqual(new Set(['investig']))
  })

  it('gives plural and singular the same term', () => {
    expect(stemEnglish('documents')).toBe(stemEnglish('document'))
    expect(stemEnglish('companies')).toBe(stemEnglish('company'))
  })

  it('gives the same term on the second call, from its cache', () => {
    expect(stemEnglish('transfers')).toBe('transfer')
    expect(stemEnglish('transfers')).toBe('transfer')
  })
})

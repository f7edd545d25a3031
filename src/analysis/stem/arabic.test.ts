import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeWord } from '../normalize/normalize-word.js'
import { stemArabic } from './arabic.js'

/** The term of a raw word, as analyze computes it. */
const term = (word: string) => stemArabic(normalizeWord(word))

describe('stemArabic', () => {
  it('gives a word with and without the article and its clitics the same term', () => {
    const terms = [
      'الوزارة',
      'وزارة',
      'بالوزارة',
      'والوزارة',
      'فالوزارة',
      'للوزارة',
      'كالوزارة',
    ].map(term)
    expect(new Set(terms)).toEqual(new Set(['زار']))
  })

  it('gives teh marbuta and heh spellings the same term', () => {
    expect(term('المالية')).toBe(term('الماليه'))
    expect(term('المالية')).toBe(term('مالية'))
  })

  it('gives a plural with the article and its bare singular the same term', () => {
    expect(term('التحويلات')).toBe('تحويل')
    expect(term('تحويل')).toBe('تحويل')
    expect(term('بالتحويلات')).toBe('تحويل')
  })

  it('gives vocalised and plain spellings the same term', () => {
    expect(term('مُحَمَّد')).toBe(term('محمد'))
    expect(term('محمد')).toBe('محمد')
  })

  it('strips the conjunctions و and ف when three letters remain', () => {
    expect(term('وقال')).toBe('قال')
    expect(term('فقال')).toBe('قال')
    expect(term('وهو')).toBe('وهو')
  })

  it('does not strip a standalone ب, ك or ل', () => {
    expect(term('بيت')).toBe('بيت')
    expect(term('كتاب')).toBe('كتاب')
    expect(term('ليبيا')).toBe('ليبيا')
  })

  it('strips light10 suffixes, each once, while two letters remain', () => {
    expect(term('الموظفين')).toBe('موظف')
    expect(term('موظفون')).toBe('موظف')
    expect(term('موظفان')).toBe('موظف')
    expect(term('كتابها')).toBe('كتاب')
    expect(term('بيته')).toBe('بيت')
    expect(term('مصري')).toBe('مصر')
  })

  it('leaves two-letter words alone', () => {
    for (const word of ['في', 'من', 'هو', 'لا']) expect(term(word)).toBe(word)
  })

  it('gives a word and the word with a prefix the same term', () => {
    const letters = 'ءابتثجحخدذرزسشصضطظعغفقكلمنهوي'
    const letter = fc.constantFrom(...letters)
    const word = fc
      .string({ unit: letter, minLength: 3, maxLength: 8 })
      // A word that itself begins with a conjunction or an article is a prefixed word.
      .filter((w) => !/^(?:[وف]|ال|لل|بال|كال)/u.test(w))
    const prefix = fc.constantFrom('و', 'ف', 'ال', 'وال', 'فال', 'بال', 'كال', 'لل')
    fc.assert(
      fc.property(prefix, word, (p, w) => {
        expect(stemArabic(p + w)).toBe(stemArabic(w))
      }),
    )
  })
})

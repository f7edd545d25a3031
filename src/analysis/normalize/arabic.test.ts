import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeArabic } from './arabic.js'

describe('normalizeArabic', () => {
  it('matches a word with and without diacritics', () => {
    expect(normalizeArabic('مُحَمَّدٌ')).toBe('محمد')
    expect(normalizeArabic('كَتَبَ')).toBe(normalizeArabic('كتب'))
  })

  it('drops the superscript alef and Quranic annotation marks', () => {
    expect(normalizeArabic('الرَّحْمَٰنِ')).toBe('الرحمن')
    expect(normalizeArabic('ٱلْعَٰلَمِينَ')).toBe('العلمين')
    expect(normalizeArabic('رَيْبَۛ فِيهِۛ')).toBe('ريب فيه')
  })

  it('drops tatweel', () => {
    expect(normalizeArabic('الـــوزارة')).toBe('الوزاره')
  })

  it('meets every alef form at the bare alef', () => {
    expect(normalizeArabic('أحمد إسلام آمن ٱلله ٲ ٳ')).toBe('احمد اسلام امن الله ا ا')
  })

  it('writes alef maqsura as yeh and teh marbuta as heh', () => {
    expect(normalizeArabic('على مصطفى المالية')).toBe('علي مصطفي الماليه')
  })

  it('writes hamza on waw or yeh as the bare seat letter', () => {
    expect(normalizeArabic('مؤسسة رئيس')).toBe('موسسه رييس')
  })

  it('meets Persian and Urdu letter shapes at their Arabic twins', () => {
    expect(normalizeArabic('کتاب ایران خانە ہوا همۀ')).toBe('كتاب ايران خانه هوا همه')
  })

  it('writes Arabic-Indic and Persian digits as ASCII digits', () => {
    expect(normalizeArabic('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789')
  })

  it('keeps other scripts and punctuation as they are', () => {
    expect(normalizeArabic('Café, שלום! 東京')).toBe('Café, שלום! 東京')
  })

  it('gives the same text when applied twice', () => {
    const arabic = fc.integer({ min: 0x0600, max: 0x06ff }).map((code) => String.fromCharCode(code))
    fc.assert(
      fc.property(fc.string({ unit: arabic }), (text) => {
        expect(normalizeArabic(normalizeArabic(text))).toBe(normalizeArabic(text))
      }),
    )
  })
})

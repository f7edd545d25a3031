import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldText, rawSpan } from './fold-text.js'

describe('foldText', () => {
  it('folds digits, separators, alef forms and teh marbuta as the analyser does', () => {
    expect(foldText('بلغت ١٫٢ مليار').text).toBe('بلغت 1.2 مليار')
    expect(foldText('٢٥٬٠٠٠').text).toBe('25,000')
    expect(foldText('إلى أمريكا').text).toBe('الي امريكا')
    expect(foldText('الشركة').text).toBe('الشركه')
  })

  it('drops diacritics, tatweel, niqqud and bidi marks', () => {
    expect(foldText('مُحَمَّد').text).toBe('محمد')
    expect(foldText('بـالوزارة').text).toBe('بالوزاره')
    expect(foldText('שָׁלוֹם').text).toBe('שלומ')
    expect(foldText('\u200F₪1,250\u200E').text).toBe('₪1,250')
  })

  it('keeps Hebrew abbreviations recognisable whatever quote they are typed with', () => {
    expect(foldText('ש״ח').text).toBe(foldText('ש"ח').text)
    expect(foldText('צה”ל').text).toBe('צה"ל')
  })

  it('maps every folded span back to the raw span it came from', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 30,
          unit: fc.constantFrom('a', 'ب', 'ـ', 'ً', '١', ' ', '\u200F', 'ש', 'ָ', '״', 'x'),
        }),
        (raw) => {
          const folded = foldText(raw)
          expect(folded.toRaw.length).toBe(folded.text.length + 1)
          for (let i = 0; i < folded.text.length; i += 1) {
            const [start, end] = rawSpan(folded, i, i + 1)
            expect(start).toBeLessThan(end)
            expect(end).toBeLessThanOrEqual(raw.length)
          }
        },
      ),
    )
  })

  it('cites a word with its trailing tanwin', () => {
    const folded = foldText('٥٠٠ دولاراً')
    const [start, end] = rawSpan(folded, 4, folded.text.length)
    expect('٥٠٠ دولاراً'.slice(start, end)).toBe('دولاراً')
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeHebrew } from './hebrew.js'

describe('normalizeHebrew', () => {
  it('matches a word with and without niqqud', () => {
    // hebrew-diacritized/pre_modern/bialik: "לֹא בַיּוֹם וְלֹא בַלָּיְלָה"
    expect(normalizeHebrew('לֹא בַיּוֹם וְלֹא בַלָּיְלָה')).toBe(
      normalizeHebrew('לא ביום ולא בלילה'),
    )
  })

  it('drops cantillation marks', () => {
    expect(normalizeHebrew('בְּרֵאשִׁ֖ית בָּרָ֣א')).toBe('בראשית ברא')
  })

  it('drops geresh and gershayim, and ASCII quotes between two letters', () => {
    expect(normalizeHebrew('צה״ל צה"ל ג׳ורג׳ ג\'ורג')).toBe('צהל צהל גורג גורג')
    expect(normalizeHebrew('צה”ל ג’ורג')).toBe('צהל גורג')
  })

  it('keeps quotes that are not inside a Hebrew word', () => {
    expect(normalizeHebrew('"שלום" it\'s')).toBe('"שלומ" it\'s')
  })

  it('writes final letters as ordinary ones', () => {
    expect(normalizeHebrew('ך ם ן ף ץ')).toBe('כ מ נ פ צ')
    expect(normalizeHebrew('מלך')).toBe('מלכ')
  })

  it('keeps the maqaf, which separates two words', () => {
    expect(normalizeHebrew('בית־ספר')).toBe('בית־ספר')
  })

  it('gives the same text when applied twice', () => {
    const hebrew = fc.oneof(
      fc.integer({ min: 0x0590, max: 0x05ff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom("'", '"', ' '),
    )
    fc.assert(
      fc.property(fc.string({ unit: hebrew }), (text) => {
        expect(normalizeHebrew(normalizeHebrew(text))).toBe(normalizeHebrew(text))
      }),
    )
  })
})

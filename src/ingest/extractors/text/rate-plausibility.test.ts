import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { dominantScript, ratePlausibility } from './rate-plausibility.js'

describe('ratePlausibility', () => {
  it('trusts real Arabic, Hebrew, French and Chinese', () => {
    for (const text of [
      'مرحبا بكم في عمّان',
      'שלום לכולם בחיפה',
      'Hélène a réglé l’été',
      '維基大典，網路為礎。',
    ]) {
      expect(ratePlausibility(text)).toBe(1)
    }
  })

  it('distrusts text decoded with the wrong code page', () => {
    const arabic = iconv.encode('مرحبا بكم في البيت الجديد', 'windows-1256')
    expect(ratePlausibility(iconv.decode(arabic, 'windows-1252'))).toBeLessThan(0.3)
    expect(ratePlausibility(iconv.decode(arabic, 'cp437'))).toBeLessThan(0.3)
    const hebrew = iconv.encode('שלום לכולם בחיפה', 'windows-1255')
    expect(ratePlausibility(iconv.decode(hebrew, 'windows-1256'))).toBeLessThan(0.3)
  })

  it('always gives a score between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const score = ratePlausibility(text)
        expect(score).toBeGreaterThanOrEqual(0)
        expect(score).toBeLessThanOrEqual(1)
      }),
    )
  })
})

describe('dominantScript', () => {
  it('names the script of most non-ASCII letters', () => {
    expect(dominantScript('Report: تقرير سري')).toBe('arabic')
    expect(dominantScript('plain ASCII')).toBeNull()
  })
})

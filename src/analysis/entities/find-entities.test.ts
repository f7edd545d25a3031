import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findEntities } from './find-entities.js'

const char = (first: number, last: number) =>
  fc.integer({ min: first, max: last }).map((code) => String.fromCharCode(code))

/** Any text, weighted towards what the rules look at: digits, separators, currency and month
 *  words, Arabic and Hebrew letters, marks and invisible characters. */
const anyText = fc.string({
  maxLength: 80,
  unit: fc.oneof(
    {
      arbitrary: fc.constantFrom(
        ' ',
        ' ',
        '\n',
        ',',
        '.',
        '-',
        '/',
        '@',
        '$',
        '€',
        '₪',
        '%',
        '"',
        "'",
        '(',
        ')',
      ),
      weight: 4,
    },
    { arbitrary: char(0x30, 0x39), weight: 4 },
    char(0x20, 0x7e),
    char(0x0590, 0x05ff),
    char(0x0600, 0x06ff),
    char(0x0660, 0x0669),
    fc.constantFrom(
      '\u200F',
      '\u200E',
      '\u0640',
      '\u064B',
      '\u05B8',
      '\uFEFF',
      '\uD83D\uDE00',
      '\uD800',
      '٫',
      '٬',
      '،',
    ),
    fc.constantFrom(
      ' مليون ',
      ' دولار',
      ' دينار',
      ' يناير ',
      ' 2024',
      ' جانفي ',
      ' ש"ח',
      ' במרץ ',
      ' January ',
      ' IBAN ',
      ' SA03 8000 0000 6080 1016 7519',
      ' +972-50-123-4567',
      ' info@example.com',
      ' www.example.org',
      ' السيد محمد ',
      ' وزارة المالية ',
      ' Mr. John Smith ',
      ' ת.ז. 123456782',
      ' בשנת ',
      ' عام ',
    ),
  ),
})

describe('findEntities', () => {
  it('never throws, and every mention is the exact slice of the raw text it points at', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(null, 'ar', 'he', 'en'), (text, lang) => {
        for (const mention of findEntities(text, { lang })) {
          expect(mention.value).toBe(text.slice(mention.start, mention.end))
          expect(mention.end).toBeGreaterThan(mention.start)
          expect(mention.normalized).not.toBe('')
        }
      }),
      { numRuns: 400 },
    )
  })

  it('returns mentions in order that never overlap', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const mentions = findEntities(text)
        for (let i = 1; i < mentions.length; i += 1) {
          expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.end)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('finds the entities of a mixed Arabic passage with their offsets into the raw text', () => {
    const text = 'حوّلت شركة النور للتجارة ١٫٢ مليار دولار إلى حساب في تونس يوم 8 يناير 2024.'
    const mentions = findEntities(text, { lang: 'ar' })
    expect(mentions.map((m) => [m.type, m.value, m.normalized])).toEqual([
      ['organization', 'شركة النور للتجارة', 'شركه النور للتجاره'],
      ['money', '١٫٢ مليار دولار', '1200000000 USD'],
      ['location', 'تونس', 'تونس'],
      ['date', '8 يناير 2024', '2024-01-08'],
    ])
    for (const mention of mentions)
      expect(text.slice(mention.start, mention.end)).toBe(mention.value)
  })

  it('keeps offsets exact across diacritics, tatweel and bidi marks', () => {
    const text = '\u200Fدفع مـبلغ ٥٠٠ دولاراً\u200F في 3 مارس 2021'
    const [money, date] = findEntities(text)
    expect(money).toMatchObject({ type: 'money', value: '٥٠٠ دولاراً', normalized: '500 USD' })
    expect(date).toMatchObject({ type: 'date', value: '3 مارس 2021', normalized: '2021-03-03' })
  })

  it('prefers an address over a name that runs into it', () => {
    const mentions = findEntities('by Nicola Asuni - Tecnick.com')
    expect(mentions.map((m) => [m.type, m.value])).toEqual([
      ['person', 'Nicola Asuni'],
      ['url', 'Tecnick.com'],
    ])
  })

  it('reads long runs of one character without blowing up', () => {
    for (const run of [
      'A'.repeat(100_000),
      '+1 '.repeat(30_000),
      '1,'.repeat(50_000),
      'و1 '.repeat(30_000),
    ]) {
      const started = performance.now()
      findEntities(run)
      expect(performance.now() - started).toBeLessThan(5000)
    }
  })

  it('returns nothing for an empty text', () => {
    expect(findEntities('')).toEqual([])
  })
})

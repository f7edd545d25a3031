import { describe, expect, it } from 'vitest'
import { findMentions } from './find-mentions.js'

describe('findMentions', () => {
  it('ties every mention to its page and to the exact characters of the raw text', () => {
    const page1 = 'بلغت قيمة العقد ١٠ ملايين دولار في تونس.'
    const page2 = 'عمل الفريق 19,000 ساعة وارتفعت الكلفة 64 ضعفًا بنسبة 12.5% في يناير 2024.'
    const text = `${page1}\n\f\n${page2}`
    const passages = [
      { start: 0, end: page1.length, page: 1, lang: 'ar' },
      { start: page1.length + 3, end: text.length, page: 2, lang: 'ar' },
    ]
    const mentions = findMentions(text, passages)
    for (const mention of mentions)
      expect(text.slice(mention.start, mention.end)).toBe(mention.value)
    const byType = (type: string) =>
      mentions.filter((m) => m.type === type).map((m) => [m.normalized, m.page])
    expect(byType('money')).toEqual([['10000000 USD', 1]])
    expect(byType('date')).toEqual([['2024-01', 2]])
    expect(byType('quantity')).toEqual([
      ['19000 hour', 2],
      ['64 times', 2],
      ['12.5 %', 2],
    ])
  })
})

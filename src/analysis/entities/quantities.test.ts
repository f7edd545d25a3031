import { describe, expect, it } from 'vitest'
import { findQuantities } from './quantities.js'

const quantities = (text: string) =>
  findQuantities(text).map((q) => [q.kind, q.value, q.normalized])

describe('findQuantities', () => {
  it('reads percentages in the three languages', () => {
    expect(quantities('نسبة 10،5 بالمائة')).toEqual([['percent', '10،5 بالمائة', '10.5 %']])
    expect(quantities('עלו ב-70%')).toEqual([['percent', '70%', '70 %']])
    expect(quantities('up 12.5 per cent')).toEqual([['percent', '12.5 per cent', '12.5 %']])
  })

  it('reads quantities with a unit', () => {
    expect(quantities('ارتفع 64 ضعفًا')).toEqual([['quantity', '64 ضعفًا', '64 times']])
    expect(quantities('19,000 ساعة استشارة')).toEqual([['quantity', '19,000 ساعة', '19000 hour']])
    expect(quantities('إنتاج 2،3 مليون قنطار')).toEqual([
      ['quantity', '2،3 مليون قنطار', '2300000 quintal'],
    ])
  })

  it('keeps offsets into the raw text', () => {
    const text = 'زادت ٦٤ ضعفاً'
    const [quantity] = findQuantities(text)
    expect(text.slice(quantity!.start, quantity!.end)).toBe(quantity!.value)
  })
})

import { describe, expect, it } from 'vitest'
import { formatDecimal, parseNumeral } from './numbers.js'

const value = (numeral: string) => formatDecimal(parseNumeral(numeral))

describe('parseNumeral', () => {
  it('reads Latin grouping, decimals and plain digits', () => {
    expect(value('10,000,000')).toBe('10000000')
    expect(value('32,370.00')).toBe('32370')
    expect(value('1.2')).toBe('1.2')
    expect(value('1500')).toBe('1500')
  })

  it('reads European and Indian grouping', () => {
    expect(value('1.234.567,89')).toBe('1234567.89')
    expect(value('1.250,5')).toBe('1250.5')
    expect(value('19,5')).toBe('19.5')
    expect(value('4,23,500.00')).toBe('423500')
  })

  it('reads the Arabic comma and the Tunisian agency decimal', () => {
    expect(value('29،446')).toBe('29.446')
    expect(value('20ر4')).toBe('4.2')
    expect(value('5ر1')).toBe('1.5')
  })
})

describe('formatDecimal', () => {
  it('writes exact plain decimals without exponent or trailing zeros', () => {
    expect(formatDecimal({ digits: 12n, scale: -8 })).toBe('1200000000')
    expect(formatDecimal({ digits: 29446n, scale: -3 })).toBe('29446000')
    expect(formatDecimal({ digits: 85n, scale: 3 })).toBe('0.085')
    expect(formatDecimal({ digits: -107625n, scale: 2 })).toBe('-1076.25')
  })
})

import { describe, expect, it } from 'vitest'
import { columnIndexOf, formatNumber, serialToIso, valueKindOf } from './xlsx-values.js'

describe('valueKindOf', () => {
  it('knows the built-in date, time and percent formats', () => {
    expect(valueKindOf(14, undefined)).toMatchObject({
      kind: 'date',
      hasDate: true,
      hasTime: false,
    })
    expect(valueKindOf(22, undefined)).toMatchObject({ kind: 'date', hasDate: true, hasTime: true })
    expect(valueKindOf(21, undefined)).toMatchObject({
      kind: 'date',
      hasDate: false,
      hasTime: true,
    })
    expect(valueKindOf(10, undefined)).toEqual({ kind: 'percent', decimals: 2 })
    expect(valueKindOf(0, undefined)).toEqual({ kind: 'number' })
  })

  it('reads custom codes, ignoring quoted text, escapes and colour or locale brackets', () => {
    expect(valueKindOf(164, 'dd/mm/yyyy')).toMatchObject({ kind: 'date', hasDate: true })
    expect(valueKindOf(165, '[$-409]mmmm d, yyyy;@')).toMatchObject({ kind: 'date', hasDate: true })
    expect(valueKindOf(166, '[h]:mm:ss')).toMatchObject({
      kind: 'date',
      hasDate: false,
      elapsed: true,
    })
    expect(valueKindOf(167, '#,##0.00\\ "days"')).toEqual({ kind: 'number' })
    expect(valueKindOf(168, '[Red]#,##0;[Blue]-#,##0')).toEqual({ kind: 'number' })
    expect(valueKindOf(169, '0.0%')).toEqual({ kind: 'percent', decimals: 1 })
  })
})

describe('serialToIso', () => {
  it('turns serials into ISO dates in the 1900 and 1904 systems', () => {
    expect(serialToIso(45352, false, { hasDate: true, hasTime: false })).toBe('2024-03-01')
    expect(serialToIso(45352.4375, false)).toBe('2024-03-01T10:30:00')
    expect(serialToIso(43890, true, { hasDate: true, hasTime: false })).toBe('2024-03-01')
  })

  it("keeps Lotus 1-2-3's 29 February 1900 and the days around it", () => {
    expect(serialToIso(1, false, { hasDate: true, hasTime: false })).toBe('1900-01-01')
    expect(serialToIso(59, false, { hasDate: true, hasTime: false })).toBe('1900-02-28')
    expect(serialToIso(60, false, { hasDate: true, hasTime: false })).toBe('1900-02-29')
    expect(serialToIso(61, false, { hasDate: true, hasTime: false })).toBe('1900-03-01')
  })

  it('rounds to the second and counts hours past a day for durations', () => {
    expect(serialToIso(0.5416666666, false, { hasDate: false, hasTime: true })).toBe('13:00:00')
    expect(serialToIso(1.5, false, { hasDate: false, hasTime: true, elapsed: true })).toBe(
      '36:00:00',
    )
  })

  it("gives null outside Excel's range", () => {
    expect(serialToIso(-1, false)).toBeNull()
    expect(serialToIso(3_000_000, false)).toBeNull()
  })
})

describe('formatNumber', () => {
  it('writes numbers in their shortest exact form and percentages with their sign', () => {
    expect(formatNumber('3.1415926535897931', { kind: 'number' }, false)).toBe('3.141592653589793')
    expect(formatNumber('1.0000000000000001E-3', { kind: 'number' }, false)).toBe('0.001')
    expect(formatNumber('0.125', { kind: 'percent', decimals: 2 }, false)).toBe('12.50%')
    expect(formatNumber('n/a', { kind: 'number' }, false)).toBe('n/a')
  })
})

describe('columnIndexOf', () => {
  it('reads the column letters of a cell reference', () => {
    expect(columnIndexOf('A1')).toBe(0)
    expect(columnIndexOf('AB7')).toBe(27)
    expect(columnIndexOf('XFD1048576')).toBe(16383)
    expect(columnIndexOf('12')).toBe(-1)
  })
})

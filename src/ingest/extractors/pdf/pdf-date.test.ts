import { describe, expect, it } from 'vitest'

import { parsePdfDate } from './pdf-date.js'

describe('parsePdfDate', () => {
  it('reads a full PDF date with a time zone into UTC', () => {
    expect(parsePdfDate("D:20170520143000+02'00'")).toBe('2017-05-20T12:30:00.000Z')
    expect(parsePdfDate("D:20170520143000-05'30")).toBe('2017-05-20T20:00:00.000Z')
    expect(parsePdfDate('D:20170520143000Z')).toBe('2017-05-20T14:30:00.000Z')
  })

  it('fills the parts a PDF date leaves out', () => {
    expect(parsePdfDate('D:2017')).toBe('2017-01-01T00:00:00.000Z')
    expect(parsePdfDate('201705201430')).toBe('2017-05-20T14:30:00.000Z')
  })

  it('reads XMP dates, which are ISO 8601 already', () => {
    expect(parsePdfDate('2016-11-28T10:05:00+01:00')).toBe('2016-11-28T09:05:00.000Z')
    expect(parsePdfDate('2016-11-28T10:05:00')).toBe('2016-11-28T10:05:00.000Z')
    expect(parsePdfDate('2016-11-28')).toBe('2016-11-28T00:00:00.000Z')
  })

  it('returns null for dates no clock wrote', () => {
    expect(parsePdfDate('D:20170231120000')).toBeNull()
    expect(parsePdfDate('D:20171301')).toBeNull()
    expect(parsePdfDate('yesterday')).toBeNull()
    expect(parsePdfDate('')).toBeNull()
    expect(parsePdfDate(null)).toBeNull()
  })
})

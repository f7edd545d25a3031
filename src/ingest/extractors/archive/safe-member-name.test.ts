import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeMemberName } from './safe-member-name.js'

describe('safeMemberName', () => {
  it.each([
    ['../../etc/passwd', 'etc/passwd'],
    ['/etc/passwd', 'etc/passwd'],
    ['C:\\Windows\\system.ini', 'Windows/system.ini'],
    ['a/./b/../c.txt', 'a/b/c.txt'],
    ['evil\u0000.txt', 'evil.txt'],
  ])('renames %j to %j and calls it unsafe', (raw, name) => {
    expect(safeMemberName(raw, 'member-1')).toEqual({ name, unsafe: true })
  })

  it('keeps ordinary names as they are', () => {
    expect(safeMemberName('docs/تقرير.txt', 'member-1')).toEqual({
      name: 'docs/تقرير.txt',
      unsafe: false,
    })
    expect(safeMemberName('docs\\report.txt', 'member-1')).toEqual({
      name: 'docs/report.txt',
      unsafe: false,
    })
  })

  it('falls back to a generic name when nothing is left', () => {
    expect(safeMemberName('../..', 'member-7')).toEqual({ name: 'member-7', unsafe: true })
  })

  it('never returns a name that climbs out or starts at the root', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const { name } = safeMemberName(raw, 'fallback')
        expect(name.split('/')).not.toContain('..')
        expect(name.startsWith('/')).toBe(false)
        expect(name).not.toMatch(/^[a-zA-Z]:|[\u0000-\u001f]/u)
        expect(name).not.toBe('')
      }),
    )
  })
})

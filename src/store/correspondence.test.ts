import { describe, expect, it } from 'vitest'
import { addressesOf, countCorrespondence } from './correspondence.js'

describe('addressesOf', () => {
  it('takes the address from a display name and lower-cases it', () => {
    expect(addressesOf(['Rana Haddad <Rana@Example.com>', 'ops@example.org'])).toEqual([
      'rana@example.com',
      'ops@example.org',
    ])
  })

  it('splits a comma-separated header string and keeps a bare name', () => {
    expect(addressesOf('a@x.org, "Doe, John" <john@x.org>; Legal team')).toEqual([
      'a@x.org',
      'john@x.org',
      'legal team',
    ])
  })

  it('ignores missing and non-text values', () => {
    expect(addressesOf(undefined)).toEqual([])
    expect(addressesOf(null)).toEqual([])
    expect(addressesOf(3)).toEqual([])
  })
})

describe('countCorrespondence', () => {
  it('counts each message once per sender and recipient, cc included, most first', () => {
    const result = countCorrespondence(
      [
        { from: ['a@x.org'], to: ['b@x.org'], cc: ['c@x.org', 'b@x.org'] },
        { from: ['a@x.org'], to: ['b@x.org'], cc: undefined },
        { from: ['b@x.org'], to: ['a@x.org', 'b@x.org'], cc: null },
      ],
      10,
    )
    expect(result).toEqual([
      { from: 'a@x.org', to: 'b@x.org', messages: 2 },
      { from: 'a@x.org', to: 'c@x.org', messages: 1 },
      { from: 'b@x.org', to: 'a@x.org', messages: 1 },
    ])
  })

  it('keeps only the first `limit` pairs', () => {
    const messages = [{ from: 'a@x.org', to: 'b@x.org, c@x.org, d@x.org', cc: undefined }]
    expect(countCorrespondence(messages, 2)).toHaveLength(2)
  })
})

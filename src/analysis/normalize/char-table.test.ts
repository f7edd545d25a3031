import { describe, expect, it } from 'vitest'
import { createCharTable, DROP, mapChars } from './char-table.js'

const table = createCharTable()
table[0x61] = 0x62 // a → b
table[0x78] = DROP // x

describe('mapChars', () => {
  it('returns the same string when nothing changes', () => {
    const text = 'hello world'
    expect(mapChars(text, table)).toBe(text)
  })

  it('replaces and drops characters as the table says', () => {
    expect(mapChars('axa', table)).toBe('bb')
  })

  it('drops invisible characters above the table in every table', () => {
    expect(mapChars('c\u200Bd\u200De\u2066f\uFEFFg', table)).toBe('cdefg')
  })

  it('keeps other characters above the table, lone surrogates included', () => {
    expect(mapChars('東\uD800😀x', table)).toBe('東\uD800😀')
  })

  it('maps long words the same way as short ones', () => {
    expect(mapChars('ax'.repeat(10_000), table)).toBe('b'.repeat(10_000))
    expect(mapChars('a'.repeat(300), table)).toBe('b'.repeat(300))
  })
})

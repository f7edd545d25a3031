import { describe, expect, it } from 'vitest'

import { isNumberLike, toLogical } from './arabic-digits.js'

describe('isNumberLike', () => {
  it('takes what the Arabic model writes for a number, and nothing with letters', () => {
    expect(isNumberLike('...100')).toBe(true)
    expect(isNumberLike('\u200e٠١72\u200f')).toBe(true)
    expect(isNumberLike('8/1/7014')).toBe(true)
    expect(isNumberLike('...')).toBe(false)
    expect(isNumberLike('Daleel2023')).toBe(false)
    expect(isNumberLike('مبلغ')).toBe(false)
  })
})

describe('toLogical', () => {
  it('keeps digit runs joined by slashes and separators in drawing order', () => {
    expect(toLogical('٠٨/٠١/٢٠٢٤')).toBe('٠٨/٠١/٢٠٢٤')
    expect(toLogical('١٣٦٧٫٥٠')).toBe('١٣٦٧٫٥٠')
  })

  it('puts a percent sign drawn left of the number after it', () => {
    expect(toLogical('٪١٥')).toBe('١٥٪')
  })

  it('reverses groups joined by hyphens, which Arabic-Indic digits do not bind', () => {
    expect(toLogical('٠٨-٠١-٢٠٢٤')).toBe('٢٠٢٤-٠١-٠٨')
  })
})

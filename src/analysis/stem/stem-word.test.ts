import { describe, expect, it } from 'vitest'
import { stemWord } from './stem-word.js'

describe('stemWord', () => {
  it('stems an Arabic-script form with the Arabic light stemmer', () => {
    expect(stemWord('والوزاره')).toBe('زار')
    expect(stemWord('كتابها')).toBe('كتاب')
  })

  it('stems a Hebrew form with the prefix stripper', () => {
    expect(stemWord('והמשרד')).toBe('שרד')
  })

  it('stems a Latin-script form with the English stemmer, whatever its language', () => {
    expect(stemWord('transfers')).toBe('transfer')
    expect(stemWord('élections')).toBe('élection')
  })

  it('leaves digits and other scripts as they are', () => {
    for (const form of ['2024', 'документы', '東', 'ελλάδα', '']) expect(stemWord(form)).toBe(form)
  })
})

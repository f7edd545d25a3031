import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DaleelError, errorMessages, fillTemplate, isErrorCode } from './errors.js'

describe('error catalogue', () => {
  it('lists the same codes and messages as docs/errors.md', () => {
    const table = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
    const rows = [...table.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(.+?)\s*\|.*\|$/gmu)].map((m) => [
      m[1],
      m[2],
    ])
    expect(Object.fromEntries(rows)).toEqual(errorMessages)
  })

  it('fills parameters into the user message and keeps the detail in the cause', () => {
    const error = new DaleelError(
      'EXTRACT_TIMEOUT',
      { seconds: 30 },
      { cause: new Error('pdf.js loop') },
    )
    expect(error.message).toBe('Reading the file took longer than 30 s and was stopped.')
    expect(error.code).toBe('EXTRACT_TIMEOUT')
    expect((error.cause as Error).message).toBe('pdf.js loop')
  })

  it('leaves a missing parameter visible rather than dropping it', () => {
    expect(fillTemplate('near “{near}”', {})).toBe('near “{near}”')
  })

  it('recognises its own codes only', () => {
    expect(isErrorCode('FILE_CORRUPT')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
  })
})

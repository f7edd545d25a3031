import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionInput } from '../../extractor.js'
import { TextExtractor } from './text-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/text/', import.meta.url))

function input(bytes: Uint8Array, name = 'file.txt', limits = defaultLimits): ExtractionInput {
  return { bytes, name, mediaType: 'text/plain', limits }
}

describe('TextExtractor', () => {
  const extractor = new TextExtractor()

  it('reads an Arabic text file in Windows-1256', async () => {
    const bytes = readFileSync(join(fixtures, 'arabic-windows-1256.txt'))
    const result = await extractor.extract(input(bytes))
    expect(result.text).toContain('مراجعة الحسابات من قبل شركة تدقيق مستقلة')
    expect(result).toMatchObject({
      encoding: 'windows-1256',
      method: 'text',
      children: [],
      warnings: [],
    })
  })

  it('refuses a file of binary junk with FORMAT_UNSUPPORTED', async () => {
    const bytes = readFileSync(join(fixtures, 'binary-junk.txt'))
    await expect(extractor.extract(input(bytes))).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      params: { mediaType: 'text/plain' },
    })
  })

  it('reports an empty file as FILE_EMPTY', async () => {
    await expect(extractor.extract(input(new Uint8Array()))).rejects.toMatchObject({
      code: 'FILE_EMPTY',
    })
  })

  it('follows the encoding an XML declaration names', async () => {
    const xml = '<?xml version="1.0" encoding="windows-1255"?><rss><title>דוח פנימי</title></rss>'
    const result = await extractor.extract(input(iconv.encode(xml, 'windows-1255'), 'feed.xml'))
    expect(result.encoding).toBe('windows-1255')
    expect(result.text).toContain('דוח פנימי')
  })

  it('keeps the first characters of a text above the limit and warns', async () => {
    const result = await extractor.extract(
      input(Buffer.from('abcdefghij'), 'long.txt', { ...defaultLimits, maxTextChars: 4 }),
    )
    expect(result.text).toBe('abcd')
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'TEXT_TRUNCATED' })])
  })
})

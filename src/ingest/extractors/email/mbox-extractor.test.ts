import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { EmlExtractor } from './eml-extractor.js'
import { MboxExtractor } from './mbox-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/mail/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`mbox-extractor corpus tests skipped: no corpus at ${corpus}`)

function extract(bytes: Uint8Array, limits: ExtractionLimits = defaultLimits) {
  return new MboxExtractor().extract({
    bytes,
    name: 'box.mbox',
    mediaType: 'application/mbox',
    limits,
  })
}

function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name))
}

function readChild(bytes: Uint8Array, name: string) {
  return new EmlExtractor().extract({
    bytes,
    name,
    mediaType: 'message/rfc822',
    limits: defaultLimits,
  })
}

describe('MboxExtractor', () => {
  it('hands on each message as a child named after its number and subject', async () => {
    const result = await extract(fixture('arabic-hebrew.mbox'))
    expect(result.method).toBe('container')
    expect(result.metadata).toEqual({ messages: 4 })
    expect(result.children.map((child) => child.name)).toEqual([
      '0001-محضر-الاجتماع-السري.eml',
      '0002-דוח-כספי-רבעוני.eml',
      '0003-shareholders.eml',
      '0004.txt',
    ])
    expect(result.children[0]?.modified).toBe('2024-03-01T07:30:00.000Z')
  })

  it('lists date, sender and subject of every message as the mailbox text', async () => {
    const result = await extract(fixture('arabic-hebrew.mbox'))
    const lines = result.text.split('\n')
    expect(lines[0]).toBe(
      '0001-محضر-الاجتماع-السري.eml · 2024-03-01T07:30:00.000Z · رنا حداد <rana@example.com> · محضر الاجتماع السري',
    )
    // Without a Date header the separator line's date is shown.
    expect(lines[2]).toBe(
      '0003-shareholders.eml · Sun Mar  3 09:15:00 2024 · rana@example.com · Shareholders',
    )
    expect(lines[3]).toBe('0004.txt · Mon Mar  4 10:00:00 2024')
  })

  it('keeps an unquoted From line inside a body and unquotes >From lines', async () => {
    const result = await extract(fixture('arabic-hebrew.mbox'))
    const first = await readChild(result.children[0]?.bytes ?? new Uint8Array(), 'a.eml')
    expect(first.text).toContain('From here on the accounts are closed,\nthe board agreed.')
    const second = Buffer.from(result.children[1]?.bytes ?? []).toString('utf8')
    expect(second).toContain('\nFrom the minutes: the auditor signed.\n>From an older message')
    expect(second.startsWith('From: Yossi Levi')).toBe(true)
  })

  it('gives children that the EML extractor reads, attachments included', async () => {
    const result = await extract(fixture('arabic-hebrew.mbox'))
    const third = await readChild(
      result.children[2]?.bytes ?? new Uint8Array(),
      '0003-shareholders.eml',
    )
    expect(third.children.map((child) => child.name)).toEqual(['مساهمون.txt'])
  })

  it('splits a mailbox with CRLF line ends the same way', async () => {
    const result = await extract(fixture('crlf.mbox'))
    expect(result.metadata).toEqual({ messages: 4 })
    expect(result.children[0]?.name).toBe('0001-محضر-الاجتماع-السري.eml')
  })

  it('keeps the messages of a cut mailbox, the last one cut', async () => {
    const result = await extract(fixture('truncated.mbox'))
    expect(result.children).toHaveLength(3)
    const last = await readChild(result.children[2]?.bytes ?? new Uint8Array(), 'c.eml')
    expect(last.warnings.map((warning) => warning.code)).toContain('TEXT_TRUNCATED')
  })

  it('reports a file without From separators as FILE_CORRUPT', async () => {
    await expect(extract(fixture('not-a-mailbox.mbox'))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reports an empty file as FILE_EMPTY', async () => {
    await expect(extract(new Uint8Array())).rejects.toMatchObject({ code: 'FILE_EMPTY' })
  })

  it('reads no more messages than the member limit and says so', async () => {
    const result = await extract(fixture('arabic-hebrew.mbox'), { ...defaultLimits, maxMembers: 2 })
    expect(result.children).toHaveLength(2)
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ARCHIVE_BOMB' })])
  })

  it('skips a message larger than the member limit with a warning', async () => {
    const result = await extract(fixture('arabic-hebrew.mbox'), {
      ...defaultLimits,
      maxMemberBytes: 400,
    })
    expect(result.children.map((child) => child.name)).toEqual([
      '0002-דוח-כספי-רבעוני.eml',
      '0004.txt',
    ])
    expect(result.warnings.map((warning) => warning.code)).toEqual([
      'FILE_TOO_LARGE',
      'FILE_TOO_LARGE',
    ])
  })
})

describe.skipIf(!hasCorpus)('MboxExtractor on the corpus', () => {
  it('splits a real list archive into its 30 messages', async () => {
    const result = await extract(readFileSync(join(corpus, 'hoover/data/mbox/shapelib.mbox')))
    expect(result.metadata).toEqual({ messages: 30 })
    expect(result.text).toContain('[Shapelib] .NET wrapper available')
  })
})

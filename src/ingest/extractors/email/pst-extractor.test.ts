import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { EmlExtractor } from './eml-extractor.js'
import { PstExtractor } from './pst-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/mail/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`pst-extractor corpus tests skipped: no corpus at ${corpus}`)

function extract(bytes: Uint8Array, limits: ExtractionLimits = defaultLimits) {
  return new PstExtractor().extract({
    bytes,
    name: 'mail.pst',
    mediaType: 'application/vnd.ms-outlook-pst',
    limits,
  })
}

describe('PstExtractor', () => {
  it('reports a damaged data file as FILE_CORRUPT', async () => {
    await expect(extract(readFileSync(join(fixtures, 'damaged.pst')))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reports an empty file as FILE_EMPTY', async () => {
    await expect(extract(new Uint8Array())).rejects.toMatchObject({ code: 'FILE_EMPTY' })
  })
})

describe.skipIf(!hasCorpus)('PstExtractor on the corpus', () => {
  const pst = (): Buffer => readFileSync(join(corpus, 'tika/testPST_variousBodyTypes.pst'))

  it('hands on each message as an .eml under its folder path', async () => {
    const result = await extract(pst())
    expect(result.method).toBe('container')
    expect(result.metadata).toMatchObject({ messages: 4, store: 'Outlook Data File' })
    expect(result.children.map((child) => child.name)).toEqual([
      'Top of Outlook data file/Inbox/tmp/0001-original-email.eml',
      'Top of Outlook data file/Inbox/tmp/0002-original-email.eml',
      'Top of Outlook data file/Inbox/tmp/0003-original-email.eml',
      'Top of Outlook data file/Inbox/tmp/0004-original-email.eml',
    ])
    expect(result.text).toContain(
      'Top of Outlook data file/Inbox/tmp/0002-original-email.eml · 2017-08-30T19:26:52.000Z',
    )
  })

  it('writes messages that the EML extractor reads with their headers and bodies', async () => {
    const result = await extract(pst())
    const child = result.children[3]
    const message = await new EmlExtractor().extract({
      bytes: child?.bytes ?? new Uint8Array(),
      name: '0004.eml',
      mediaType: 'message/rfc822',
      limits: defaultLimits,
    })
    expect(message.metadata).toMatchObject({
      from: ['Allison, Timothy B. <tallison@mitre.org>'],
      subject: 'FW: original email',
      date: '2017-08-30T19:27:50.000Z',
    })
    expect(message.text).toContain('Forwarded plain text')
  })

  it('stops at the member limit and says so', async () => {
    const result = await extract(pst(), { ...defaultLimits, maxMembers: 2 })
    expect(result.children).toHaveLength(2)
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ARCHIVE_BOMB' })])
  })

  it('reports a data file cut in half as FILE_CORRUPT or keeps what it can read', async () => {
    const bytes = pst()
    const outcome = await extract(bytes.subarray(0, bytes.length >> 1)).then(
      (result) => result.warnings.map((warning) => warning.code),
      (error: { code?: string }) => error.code,
    )
    expect(outcome === 'FILE_CORRUPT' || Array.isArray(outcome)).toBe(true)
  })
})

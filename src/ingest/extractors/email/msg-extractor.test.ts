import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { MsgExtractor } from './msg-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/mail/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`msg-extractor corpus tests skipped: no corpus at ${corpus}`)

function extract(bytes: Uint8Array, limits: ExtractionLimits = defaultLimits) {
  return new MsgExtractor().extract({
    bytes,
    name: 'message.msg',
    mediaType: 'application/vnd.ms-outlook',
    limits,
  })
}

function corpusFile(path: string): Buffer {
  return readFileSync(join(corpus, path))
}

describe('MsgExtractor', () => {
  it('reports a compound file that is not a message as FILE_CORRUPT', async () => {
    await expect(extract(readFileSync(join(fixtures, 'not-a-message.msg')))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reports a cut compound file as FILE_CORRUPT', async () => {
    await expect(extract(readFileSync(join(fixtures, 'truncated.msg')))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reports an empty file as FILE_EMPTY', async () => {
    await expect(extract(new Uint8Array())).rejects.toMatchObject({ code: 'FILE_EMPTY' })
  })
})

describe.skipIf(!hasCorpus)('MsgExtractor on the corpus', () => {
  it('reads the headers as metadata in the EML extractor’s shape', async () => {
    const result = await extract(corpusFile('tika/testMSG.msg'))
    expect(result.title).toBe('MIME registry use cases')
    expect(result.metadata).toMatchObject({
      from: ['Jukka Zitting <jukka.zitting@gmail.com>'],
      to: ['tika-dev@lucene.apache.org'],
      date: '2009-01-29T19:16:40.000Z',
      subject: 'MIME registry use cases',
      messageId: '<510143ac0901291116s5f368dfby9d6423ce61acc36a@mail.gmail.com>',
    })
    expect(
      result.text.startsWith('From: Jukka Zitting <jukka.zitting@gmail.com>\nTo: tika-dev'),
    ).toBe(true)
    expect(result.text).toContain("I've been working on making the type detection code more")
  })

  it('finds In-Reply-To and References among the MAPI properties', async () => {
    const result = await extract(corpusFile('tika/testMSG_forwarded.msg'))
    expect(result.metadata.inReplyTo).toMatch(/^<C8508767C15DBF40A21693142739EA8D564D18FDA1@/u)
    expect(result.text).toContain('Original Body')
  })

  it('hands on attachments, an embedded message as a .msg of its own', async () => {
    const result = await extract(corpusFile('tika/testMSG_att_msg.msg'))
    expect(result.children.map((child) => child.name)).toEqual([
      'Test Attachment.msg',
      'smbprn.00009008.KdcPjl.pdf',
    ])
    const inner = await extract(result.children[0]?.bytes ?? new Uint8Array())
    expect(inner.title).toBe('Test Attachment')
  })

  it('reads the body from compressed RTF holding HTML when there is no other', async () => {
    const result = await extract(corpusFile('tika/test-outlook.msg'))
    expect(result.text.replace(/\s+/gu, ' ')).toContain('de messagerie Fonctionnalité Messagerie')
  })

  it('adds appointment and contact fields to the text', async () => {
    const appointment = await extract(corpusFile('tika/testMSG_Appointment.msg'))
    expect(appointment.text).toContain('Location: under lazy dog\nStart: 2017-02-28T18:30:00.000Z')
    const contact = await extract(corpusFile('tika/testMSG_Contact.msg'))
    expect(contact.text).toContain('Company: Fence Co')
  })

  it('keeps the body and skips an attachment larger than the member limit', async () => {
    const result = await extract(corpusFile('tika/testMSG_att_msg.msg'), {
      ...defaultLimits,
      maxMemberBytes: 20_000,
    })
    expect(result.children.map((child) => child.name)).toEqual(['smbprn.00009008.KdcPjl.pdf'])
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'FILE_TOO_LARGE' })])
  })

  it('reports a message cut in half as FILE_CORRUPT', async () => {
    const bytes = corpusFile('tika/testMSG.msg')
    await expect(extract(bytes.subarray(0, bytes.length >> 1))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })
})

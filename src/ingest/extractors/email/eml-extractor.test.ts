import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { EmlExtractor } from './eml-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/email/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`eml-extractor corpus tests skipped: no corpus at ${corpus}`)

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
}

function extract(bytes: Uint8Array, name = 'message.eml') {
  return new EmlExtractor().extract({
    bytes,
    name,
    mediaType: 'message/rfc822',
    limits: defaultLimits,
  })
}

function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name))
}

describe('EmlExtractor', () => {
  it('reads the headers of a message into metadata', async () => {
    const result = await extract(fixture('arabic-cp1256-with-attachments.eml'))
    expect(result.title).toBe('محضر الاجتماع السري')
    expect(result.metadata).toEqual({
      from: ['رنا حداد <rana@example.com>'],
      to: ['Board <board@example.com>', 'yossi@example.net'],
      cc: ['יוסי לוי <yossi@example.net>'],
      date: '2024-03-01T07:30:00.000Z',
      subject: 'محضر الاجتماع السري',
      messageId: '<minutes-2024-03@example.com>',
      inReplyTo: '<agenda-2024-02@example.com>',
      references: ['<call-2024-01@example.com>', '<agenda-2024-02@example.com>'],
    })
  })

  it('puts a header block before the Windows-1256 plain-text body', async () => {
    const result = await extract(fixture('arabic-cp1256-with-attachments.eml'))
    expect(
      result.text.startsWith(
        'From: رنا حداد <rana@example.com>\nTo: Board <board@example.com>, yossi@example.net\n',
      ),
    ).toBe(true)
    expect(result.text).toContain('Subject: محضر الاجتماع السري\n\nتقرير سري')
    expect(result.text).toContain('مراجعة الحسابات من قبل شركة تدقيق مستقلة')
    expect(result.text).not.toContain('tracker.example.com')
  })

  it('hands on attachments with decoded names and forwarded messages as .eml', async () => {
    const result = await extract(fixture('arabic-cp1256-with-attachments.eml'))
    expect(result.children.map((child) => child.name)).toEqual([
      'كشف الحساب.txt',
      'attachment-2.eml',
    ])
    expect(Buffer.from(result.children[1]?.bytes ?? []).toString()).toContain(
      'Subject: Audit schedule',
    )
    expect(result.text).not.toContain('The audit of the offshore transfers')
  })

  it('reads the HTML body when there is no plain-text one', async () => {
    const result = await extract(fixture('hebrew-html-only.eml'))
    expect(result.text).toContain('בדיקת החשבונות על ידי משרד')
    expect(result.text).not.toContain('color:red')
    expect(result.children.map((child) => child.name)).toEqual(['attachment-1.pdf'])
  })

  it('keeps what it read of a cut-off message and warns', async () => {
    const result = await extract(fixture('truncated-multipart.eml'))
    expect(result.text).toContain('مراجعة الحسابات من قبل شركة')
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'TEXT_TRUNCATED' })])
  })

  it('reports bytes that are not mail as FILE_CORRUPT', async () => {
    await expect(extract(fixture('not-mail.eml'))).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
    await expect(extract(Buffer.from('Just a note: call me.\nThanks'))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reads an Apple Mail .emlx without its byte count and property list', async () => {
    const message = 'From: a@example.com\nSubject: Hello\n\nBody text\n'
    const emlx = `${Buffer.byteLength(message)}\n${message}<?xml version="1.0"?><plist/>`
    const result = await extract(Buffer.from(emlx), 'm.emlx')
    expect(result.text).toBe('From: a@example.com\nSubject: Hello\n\nBody text\n')
  })

  it('reads a message saved with its mbox envelope line', async () => {
    const result = await extract(
      Buffer.from(
        'From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: Hi\n\nBody\n',
      ),
    )
    expect(result.title).toBe('Hi')
  })
})

describe.skipIf(!hasCorpus)('EmlExtractor on the corpus', () => {
  it('finds the expected phrase in nearly every message', async () => {
    const rows = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([path, format, , , , , phrase]) => path && format?.startsWith('eml') && phrase)
    let found = 0
    for (const [path = '', , , , , , phrase = ''] of rows) {
      try {
        const result = await extract(readFileSync(join(corpus, path)), path)
        if (normalize(result.text).includes(normalize(phrase))) found += 1
      } catch {
        // Counted as not found.
      }
    }
    console.info(`e-mail corpus: expected phrase found in ${found}/${rows.length} messages`)
    // The misses are phrases the checker built across parts (plain + HTML) or from mojibake.
    expect(found / rows.length).toBeGreaterThan(0.95)
  })
})

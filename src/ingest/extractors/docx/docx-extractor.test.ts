import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import yazl from 'yazl'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { DocxExtractor } from './docx-extractor.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const fixtures = fileURLToPath(new URL('../../../../test/fixtures/docx/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`docx-extractor corpus tests skipped: no corpus at ${corpus}`)

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
}

function extract(bytes: Uint8Array, limits: ExtractionLimits = defaultLimits) {
  return new DocxExtractor().extract({ bytes, name: 'file.docx', mediaType: DOCX, limits })
}

function zipOf(members: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const [name, data] of Object.entries(members)) {
    zip.addBuffer(Buffer.from(data), name, { mtime: new Date(Date.UTC(2024, 0, 1)) })
  }
  zip.end()
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })
}

describe('DocxExtractor', () => {
  it('reads the text, table, footnote and properties of a Word document', async () => {
    const result = await extract(readFileSync(join(fixtures, 'board-report-ar-en-he.docx')))
    expect(result.text).toContain('مراجعة الحسابات من قبل شركة تدقيق مستقلة')
    expect(result.text).toContain('בדיקת החשבונות על ידי משרד')
    expect(result.text).toContain('Offshore Holdings Ltd\t250000 USD')
    expect(result.text).toContain('Source: internal audit memo of March 2024.')
    expect(result.text).not.toContain('↑')
    expect(result).toMatchObject({
      title: 'تقرير المجلس السنوي',
      method: 'markup',
      metadata: {
        author: 'Rana Haddad',
        lastModifiedBy: 'יוסי לוי',
        created: '2024-03-01T10:30:00.000Z',
        modified: '2024-03-02T08:15:00.000Z',
        company: 'Example Trading Co.',
      },
      warnings: [],
    })
  })

  it('hands on embedded files as children', async () => {
    const result = await extract(readFileSync(join(fixtures, 'board-report-ar-en-he.docx')))
    expect(result.children.map((child) => child.name)).toEqual(['word/embeddings/annex.txt'])
    expect(Buffer.from(result.children[0]?.bytes ?? []).toString()).toContain('offshore account')
  })

  it('reports a cut-off document as FILE_CORRUPT', async () => {
    await expect(extract(readFileSync(join(fixtures, 'truncated.docx')))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reports a password-protected document as FILE_ENCRYPTED', async () => {
    await expect(extract(readFileSync(join(fixtures, 'encrypted.docx')))).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('refuses a document whose XML inflates beyond the member limit', async () => {
    const body = `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>${' '.repeat(2_000_000)}</w:t></w:r></w:p></w:body></w:document>`
    const bytes = await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': body })
    expect(bytes.length).toBeLessThan(20_000)
    await expect(
      extract(bytes, { ...defaultLimits, maxMemberBytes: 1_000_000 }),
    ).rejects.toMatchObject({
      code: 'ARCHIVE_BOMB',
    })
  })

  it('reports a zip without a Word document as FILE_CORRUPT', async () => {
    const bytes = await zipOf({ 'notes.txt': 'not a document' })
    await expect(extract(bytes)).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })
})

describe.skipIf(!hasCorpus)('DocxExtractor on the corpus', () => {
  it.each([
    ['arabic-news/derived/JA-localNews-1994-20161128.docx', 'العام المساعد للاتحاد على'],
    ['hoover/data/disk-files/pdf-doc-txt/easychair.docx', 'and Word documents should'],
    ['tika/testWORD_various.docx', 'hyperlink Subject is here'],
    ['tika/testWORD_endnote_table.docx', 'Lorem ipsum dolor'],
    ['tika/testComment.docx', 'Here is some'],
  ])('finds the expected phrase in %s', async (path, phrase) => {
    const result = await extract(readFileSync(join(corpus, path)))
    expect(normalize(result.text)).toContain(normalize(phrase))
  })

  it('reports a password-protected Office file as FILE_ENCRYPTED', async () => {
    await expect(
      extract(readFileSync(join(corpus, 'ingest-file/password_protected.xlsx'))),
    ).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('reads the properties of a Hebrew Knesset protocol', async () => {
    const result = await extract(readFileSync(join(corpus, 'hebrew-knesset/20_ptv_502208.doc')))
    expect(result.metadata).toMatchObject({ title: 'פרוטוקול של ישיבת ועדה' })
  })
})

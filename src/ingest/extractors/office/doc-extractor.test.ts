import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { DocExtractor } from './doc-extractor.js'
import { LegacyOfficeExtractor } from './legacy-office-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/', import.meta.url))
// These tests must not depend on LibreOffice: its absence is pretended.
const withoutLibreOffice = new DocExtractor({
  fallback: new LegacyOfficeExtractor({ libreOffice: null }),
})

function extract(path: string, limits = defaultLimits) {
  const bytes = readFileSync(join(fixtures, path))
  return withoutLibreOffice.extract({
    bytes,
    name: 'file.doc',
    mediaType: 'application/msword',
    limits,
  })
}

describe('DocExtractor', () => {
  it('reads the body of a Word 97 document in Arabic, Hebrew and English', async () => {
    const { text } = await extract('office/report-ar-he-en.doc')
    expect(text).toContain('تقرير سري عن اجتماع مجلس الإدارة في مدينة عمان.')
    expect(text).toContain('דוח פנימי על ישיבת ההנהלה בעיר חיפה.')
    expect(text).toContain('Offshore Holdings Ltd\t\t250,000\n')
    expect(text).toContain('Minutes of the board meeting')
  })

  it('puts footers, footnotes and comments after the body', async () => {
    const { text } = await extract('office/report-ar-he-en.doc')
    expect(text).toMatch(
      /approved\.\n\nDaleel test footer 1\n\nSource: internal audit memo\.\n\nCheck this paragraph$/u,
    )
  })

  it('reads title, author and dates from the summary information', async () => {
    const result = await extract('office/report-ar-he-en.doc')
    expect(result).toMatchObject({
      title: 'تقرير المجلس',
      method: 'markup',
      metadata: {
        author: 'Rana Haddad',
        lastModifiedBy: 'יוסי לוי',
        created: '2024-03-01T10:30:00.000Z',
        keywords: 'audit, offshore',
      },
      warnings: [],
    })
  })

  it('reports a document whose FIB says it is encrypted as FILE_ENCRYPTED', async () => {
    await expect(extract('office/encrypted-flag.doc')).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('reports a password-protected .docx named .doc as FILE_ENCRYPTED', async () => {
    await expect(extract('docx/encrypted.docx')).rejects.toMatchObject({ code: 'FILE_ENCRYPTED' })
  })

  it('reports a cut-off document as FILE_CORRUPT when LibreOffice is not there to try', async () => {
    await expect(extract('office/truncated.doc')).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })

  it('reads RTF, .docx and Word 2003 XML files saved under a .doc name with their own readers', async () => {
    const rtf = await extract('office/memo-arabic-1256.rtf')
    expect(rtf.text).toMatch(/^تقرير سري/u)
    const wordml = await extract('office/protocol-word2003.doc')
    expect(wordml.text).toMatch(/^דוח פנימי/u)
    const docx = await extract('docx/board-report-ar-en-he.docx')
    expect(docx.text).toContain('Offshore Holdings Ltd\t250000 USD')
  })

  it('keeps the text within maxTextChars', async () => {
    const result = await extract('office/report-ar-he-en.doc', {
      ...defaultLimits,
      maxTextChars: 50,
    })
    expect(result.text).toHaveLength(50)
    expect(result.warnings.map((warning) => warning.code)).toEqual(['TEXT_TRUNCATED'])
  })
})

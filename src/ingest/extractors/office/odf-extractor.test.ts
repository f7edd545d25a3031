import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { OdfExtractor } from './odf-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/office/', import.meta.url))
const ODT = 'application/vnd.oasis.opendocument.text'

function extract(name: string, mediaType = ODT, limits = defaultLimits) {
  const bytes = readFileSync(join(fixtures, name))
  return new OdfExtractor().extract({ bytes, name, mediaType, limits })
}

describe('OdfExtractor', () => {
  it('reads headings, paragraphs, spaces, tabs and line breaks of a text document', async () => {
    const { text } = await extract('report-ar-he-en.odt')
    expect(text).toMatch(/^تقرير سري عن اجتماع مجلس الإدارة\nتقرير سري عن اجتماع/u)
    expect(text).toContain('Cells:   spaced\ttabbed\nnext line')
    expect(text).toContain('דוח פנימי על ישיבת ההנהלה בעיר חיפה')
  })

  it('keeps tables as rows, and footnotes, comments and footers after the body', async () => {
    const { text } = await extract('report-ar-he-en.odt')
    // 1000 repeated empty cells shrink to the 64-column cap.
    expect(text).toContain(`Offshore Holdings Ltd${'\t'.repeat(65)}250,000`)
    expect(text).toContain('Notes\nSource: internal audit memo.')
    expect(text).toContain('Comments\nCheck this paragraph')
    expect(text).toContain('Daleel test footer')
    expect(text).not.toMatch(/footer 1/u)
  })

  it('leaves out deleted tracked changes and note numbers', async () => {
    const { text } = await extract('report-ar-he-en.odt')
    expect(text).not.toContain('deleted words')
    expect(text).not.toMatch(/مستقلة\.1|حיפה\.1/u)
  })

  it('gives page spans where LibreOffice recorded soft page breaks', async () => {
    const { text, pages } = await extract('report-ar-he-en.odt')
    expect(pages).toHaveLength(2)
    expect(pages?.[0]?.start).toBe(0)
    expect(text.slice(pages?.[1]?.start)).toMatch(/^דוח פנימי/u)
    expect(pages?.[1]?.end).toBe(text.length)
  })

  it('reads meta.xml: title, first author, last editor, dates and keywords', async () => {
    const result = await extract('report-ar-he-en.odt')
    expect(result).toMatchObject({
      title: 'تقرير المجلس',
      method: 'markup',
      metadata: {
        author: 'Rana Haddad',
        lastModifiedBy: 'יוסי לוי',
        created: '2024-03-01T10:30:00.000Z',
        modified: '2024-03-02T08:15:00.123Z',
        keywords: 'audit, offshore',
        pages: 2,
      },
    })
  })

  it('reads a spreadsheet: a page per sheet, dates and times as ISO, comments apart', async () => {
    const result = await extract(
      'ledger-ar-he.ods',
      'application/vnd.oasis.opendocument.spreadsheet',
    )
    const sheets = result.pages?.map((page) => result.text.slice(page.start, page.end))
    expect(sheets).toEqual([
      'الحسابات\n\nOffshore Holdings Ltd\t2024-03-01\t250000\nتقرير سري عن اجتماع مجلس الإدارة\t10:30:00',
      'Summary\n\nדוח פנימי על ישיבת ההנהלה\n\nComments\nNumbers not final',
    ])
    expect(result.text).not.toContain('???')
  })

  it('reads a presentation: a page per slide with its notes, master footer once', async () => {
    const result = await extract(
      'briefing-ar-he-en.odp',
      'application/vnd.oasis.opendocument.presentation',
    )
    const slides = result.pages?.map((page) => result.text.slice(page.start, page.end))
    expect(slides).toHaveLength(2)
    expect(slides?.[0]).toMatch(/^Slide 1\n\nتقرير سري عن اجتماع مجلس الإدارة\nדוח פנימי/u)
    expect(slides?.[0]).toContain('Notes\nSpeaker notes: call the auditor')
    expect(slides?.[0]).toContain('Master footer text')
    expect(slides?.[1]).toBe(
      'Slide 2\n\nMinutes of the board meeting: the transfer to the offshore account was approved.',
    )
    expect(result.text).not.toContain('Click to edit')
  })

  it('reads a flat XML document, leaving embedded image data out', async () => {
    const result = await extract(
      'report-ar-he-en.fodt',
      'application/vnd.oasis.opendocument.text-flat-xml',
    )
    expect(result.text).toContain('דוח פנימי על ישיבת ההנהלה')
    expect(result.text).toContain('Daleel test footer')
    expect(result.text).not.toMatch(/[A-Za-z0-9+/]{40}/u)
    expect(result.metadata).toMatchObject({ title: 'تقرير المجلس', author: 'Rana Haddad' })
  })

  it('does not expand a billion-laughs DOCTYPE in content.xml', async () => {
    const started = Date.now()
    const { text } = await extract('report-entity-bomb.odt')
    expect(Date.now() - started).toBeLessThan(5000)
    expect(text).toContain('&lol9;')
    expect(text.length).toBeLessThan(5000)
  })

  it('reports a password-protected document as FILE_ENCRYPTED', async () => {
    await expect(extract('encrypted.odt')).rejects.toMatchObject({ code: 'FILE_ENCRYPTED' })
  })

  it('reports a cut-off document as FILE_CORRUPT', async () => {
    await expect(extract('report-truncated.odt')).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })

  it('keeps the text within maxTextChars', async () => {
    const result = await extract('report-ar-he-en.odt', ODT, {
      ...defaultLimits,
      maxTextChars: 100,
    })
    expect(result.text).toHaveLength(100)
    expect(result.warnings.map((warning) => warning.code)).toEqual(['TEXT_TRUNCATED'])
    for (const page of result.pages ?? []) expect(page.end).toBeLessThanOrEqual(100)
  })
})

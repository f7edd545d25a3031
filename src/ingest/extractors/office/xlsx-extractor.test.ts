import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { makeZip } from '../../../../scripts/make-fixtures.js'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { XlsxExtractor } from './xlsx-extractor.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const fixtures = fileURLToPath(new URL('../../../../test/fixtures/office/', import.meta.url))

function extract(bytes: Uint8Array, limits: ExtractionLimits = defaultLimits, maxCells?: number) {
  return new XlsxExtractor({ maxCells }).extract({
    bytes,
    name: 'book.xlsx',
    mediaType: XLSX,
    limits,
  })
}

function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name))
}

/** A one-sheet workbook whose sheet XML is `rows`. */
function workbook(rows: string): Buffer {
  const part = (name: string, data: string) => ({
    name: Buffer.from(name),
    data: Buffer.from(data),
  })
  return makeZip([
    part('[Content_Types].xml', '<Types/>'),
    part(
      'xl/workbook.xml',
      '<workbook><sheets><sheet name="Big" sheetId="1"/></sheets></workbook>',
    ),
    part('xl/worksheets/sheet1.xml', `<worksheet><sheetData>${rows}</sheetData></worksheet>`),
  ])
}

describe('XlsxExtractor', () => {
  it('reads each sheet under its name, in workbook order, rows as tab-separated lines', async () => {
    const result = await extract(fixture('budget-ar-he-en.xlsx'))
    const sheets = result.pages?.map((page) => result.text.slice(page.start, page.end)) ?? []
    expect(sheets).toHaveLength(3)
    expect(sheets[0]).toMatch(/^المالية\n\nOffshore Holdings Ltd\t250000\t2024-03-01\n/u)
    expect(sheets[1]).toMatch(/^תקציב\n\nדוח פנימי על ישיבת ההנהלה\t東京\n/u)
    expect(sheets[2]).toBe('Hidden\n\nsecret account 12345')
    expect(result.text).toContain('\n\f\n')
  })

  it('gives formulas their cached values, dates as ISO, percentages, booleans and errors', async () => {
    const { text } = await extract(fixture('budget-ar-he-en.xlsx'))
    expect(text).toContain('\t500000\tOffshore Holdings Ltd (BVI)\tTRUE\t12.50%')
    expect(text).toContain('\t\t2024-03-01T10:30:00\t')
    expect(text).toContain('Transfer approved\t#N/A')
    expect(text).not.toContain('B1*2')
  })

  it('joins rich-text runs and leaves out phonetic guides', async () => {
    const { text } = await extract(fixture('budget-ar-he-en.xlsx'))
    expect(text).toContain('Transfer approved')
    expect(text).toContain('東京')
    expect(text).not.toContain('トウキョウ')
  })

  it('keeps comments, text boxes, embedded files and the properties', async () => {
    const result = await extract(fixture('budget-ar-he-en.xlsx'))
    expect(result.text).toContain('[A1] Auditor: Check the beneficial owner')
    expect(result.text).toContain('Text box: board approval pending')
    expect(result.children.map((child) => child.name)).toEqual(['xl/embeddings/annex.txt'])
    expect(result).toMatchObject({
      title: 'ميزانية 2024',
      method: 'markup',
      metadata: {
        author: 'Rana Haddad',
        lastModifiedBy: 'יוסי לוי',
        created: '2024-03-01T10:30:00.000Z',
        modified: '2024-03-02T08:15:00.000Z',
        hiddenSheets: ['Hidden'],
      },
      warnings: [],
    })
  })

  it('reports a cut-off workbook as FILE_CORRUPT', async () => {
    await expect(extract(fixture('budget-truncated.xlsx'))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reports a password-protected workbook as FILE_ENCRYPTED', async () => {
    await expect(extract(fixture('encrypted.xlsx'))).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it("opens a workbook encrypted with Excel's default password, and says so", async () => {
    const result = await extract(fixture('default-password.xlsx'))
    expect(result.text).toMatch(/^المالية\n\nOffshore Holdings Ltd\t250000\t2024-03-01\n/u)
    expect(result.metadata).toMatchObject({
      title: 'ميزانية 2024',
      encryptedWithDefaultPassword: true,
    })
  })

  it('reports a zip without a workbook as FILE_CORRUPT', async () => {
    const bytes = makeZip([{ name: Buffer.from('notes.txt'), data: Buffer.from('not a workbook') }])
    await expect(extract(bytes)).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })

  it('refuses a sheet that inflates beyond the member limit', async () => {
    const bytes = workbook(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${' '.repeat(2_000_000)}</t></is></c></row>`,
    )
    expect(bytes.length).toBeLessThan(20_000)
    await expect(
      extract(bytes, { ...defaultLimits, maxMemberBytes: 1_000_000 }),
    ).rejects.toMatchObject({
      code: 'ARCHIVE_BOMB',
    })
  })

  it('stops at the cell cap and says the text is truncated', async () => {
    const rows = Array.from(
      { length: 100 },
      (_, row) => `<row r="${row + 1}"><c r="A${row + 1}"><v>${row}</v></c></row>`,
    ).join('')
    const result = await extract(workbook(rows), defaultLimits, 10)
    expect(result.text).toBe('Big\n\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9')
    expect(result.warnings.map((warning) => warning.code)).toEqual(['TEXT_TRUNCATED'])
  })

  it('keeps the text within maxTextChars', async () => {
    const rows = Array.from(
      { length: 1000 },
      (_, row) => `<row><c t="inlineStr"><is><t>row number ${row}</t></is></c></row>`,
    ).join('')
    const result = await extract(workbook(rows), { ...defaultLimits, maxTextChars: 500 })
    expect(result.text.length).toBeLessThanOrEqual(500)
    expect(result.warnings.map((warning) => warning.code)).toContain('TEXT_TRUNCATED')
  })

  it('does not expand entities declared in a DOCTYPE', async () => {
    const bomb =
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    const part = (name: string, data: string) => ({
      name: Buffer.from(name),
      data: Buffer.from(data),
    })
    const bytes = makeZip([
      part(
        'xl/workbook.xml',
        '<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>',
      ),
      part(
        'xl/worksheets/sheet1.xml',
        `${bomb}<worksheet><sheetData><row><c t="inlineStr"><is><t>&c;&amp;</t></is></c></row></sheetData></worksheet>`,
      ),
    ])
    const { text } = await extract(bytes)
    expect(text).toBe('S\n\n&c;&')
  })
})

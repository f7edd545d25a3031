import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import CFB from 'cfb'
import { describe, expect, it } from 'vitest'
import { compoundFileKind, listCompoundFileStreams } from './compound-file.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/', import.meta.url))

function streams(path: string): string[] | null {
  return listCompoundFileStreams(readFileSync(join(fixtures, path)))
}

describe('listCompoundFileStreams', () => {
  it('lists the streams of Word, Excel and PowerPoint files', () => {
    expect(streams('office/report-ar-he-en.doc')).toEqual(
      expect.arrayContaining(['WordDocument', '\u0005SummaryInformation']),
    )
    expect(streams('office/budget-ar-he-en.xls')).toContain('Workbook')
    expect(streams('office/briefing-ar-he-en.ppt')).toContain('PowerPoint Document')
  })

  it('leaves out the streams of embedded objects, which live in sub-storages', () => {
    const file = CFB.utils.cfb_new()
    CFB.utils.cfb_add(file, 'Workbook', Buffer.alloc(5000, 1))
    CFB.utils.cfb_add(file, 'MBD0001/WordDocument', Buffer.alloc(5000, 2))
    const bytes = Buffer.from(CFB.write(file, { type: 'buffer' }) as Uint8Array)
    const names = listCompoundFileStreams(bytes)
    expect(names).toContain('Workbook')
    expect(names).not.toContain('WordDocument')
    expect(compoundFileKind(names ?? [])).toBe('xls')
  })

  it('returns null for a zip, and for a compound file cut before its directory', () => {
    expect(streams('office/budget-ar-he-en.xlsx')).toBeNull()
    const doc = readFileSync(join(fixtures, 'office/report-ar-he-en.doc'))
    expect(listCompoundFileStreams(doc.subarray(0, 600))).toBeNull()
  })
})

describe('compoundFileKind', () => {
  it('tells .doc, .xls, .ppt, .msg and encrypted OOXML apart by stream names', () => {
    expect(compoundFileKind(streams('office/report-ar-he-en.doc') ?? [])).toBe('doc')
    expect(compoundFileKind(streams('office/budget-ar-he-en.xls') ?? [])).toBe('xls')
    expect(compoundFileKind(streams('office/briefing-ar-he-en.ppt') ?? [])).toBe('ppt')
    expect(compoundFileKind(streams('docx/encrypted.docx') ?? [])).toBe('encrypted-ooxml')
    expect(compoundFileKind(['__substg1.0_0037001F', '__properties_version1.0'])).toBe('msg')
    expect(compoundFileKind(['worddocument', '1Table'])).toBe('doc')
    expect(compoundFileKind(['VisioDocument'])).toBeNull()
  })
})

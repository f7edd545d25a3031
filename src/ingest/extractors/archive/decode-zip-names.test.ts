import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeZipNames } from './decode-zip-names.js'

function legacy(name: string, encoding: string) {
  return { nameBytes: iconv.encode(name, encoding), generalPurposeBitFlag: 0, extraFields: [] }
}

describe('decodeZipNames', () => {
  it('reads names flagged as UTF-8 as UTF-8', () => {
    const raw = {
      nameBytes: Buffer.from('تقرير.txt'),
      generalPurposeBitFlag: 0x800,
      extraFields: [],
    }
    expect(decodeZipNames([raw])).toEqual({ names: ['تقرير.txt'], encoding: null })
  })

  it('reads unflagged names that are valid UTF-8 as UTF-8', () => {
    const raw = { nameBytes: Buffer.from('דוח.txt'), generalPurposeBitFlag: 0, extraFields: [] }
    expect(decodeZipNames([raw])).toEqual({ names: ['דוח.txt'], encoding: 'utf-8' })
  })

  it.each([
    [['تقرير مالي.docx', 'صور/الاجتماع.jpg'], 'cp1256'],
    [['Résumé.txt', 'Crème brûlée.doc'], 'cp437'],
    [['Отчёт за год.xls', 'Письмо.txt'], 'cp866'],
    [['דוח שנתי.pdf'], 'cp1255'],
  ])('guesses the code page of %j', (names, encoding) => {
    const decoded = decodeZipNames(names.map((name) => legacy(name, encoding)))
    expect(decoded).toEqual({ names, encoding })
  })

  it('leaves ASCII names alone', () => {
    expect(decodeZipNames([legacy('plain.txt', 'cp437')])).toEqual({
      names: ['plain.txt'],
      encoding: null,
    })
  })
})

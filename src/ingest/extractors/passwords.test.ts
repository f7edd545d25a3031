/** Passwords given with `ExtractionInput.passwords` open encrypted PDFs, Office files and
 *  archives; a file that none of them opens is still FILE_ENCRYPTED. Real encrypted fixtures:
 *  qpdf (AES-256 PDF), MS-OFFCRYPTO Standard encryption, 7-Zip and Info-ZIP. */

import { readFile } from 'node:fs/promises'

import { describe, expect, it } from 'vitest'

import { defaultLimits, type ExtractionResult, type Extractor } from '../extractor.js'
import { SevenZipExtractor } from './archive/sevenzip-extractor.js'
import { ZipExtractor } from './archive/zip-extractor.js'
import { DocxExtractor } from './docx/docx-extractor.js'
import { XlsxExtractor } from './office/xlsx-extractor.js'
import { PdfExtractor } from './pdf/pdf-extractor.js'

const fixture = async (path: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(new URL(`../../../test/fixtures/${path}`, import.meta.url)))

async function extract(
  extractor: Extractor,
  path: string,
  mediaType: string,
  passwords?: readonly string[],
): Promise<ExtractionResult> {
  return extractor.extract({
    bytes: await fixture(path),
    name: path.split('/').pop()!,
    mediaType,
    limits: defaultLimits,
    ocr: 'never',
    ...(passwords ? { passwords } : {}),
  })
}

const CASES = [
  {
    name: 'a PDF with a user password (AES-256)',
    extractor: new PdfExtractor(),
    path: 'pdf/encrypted-aes256.pdf',
    mediaType: 'application/pdf',
    password: 'daleel-secret',
    text: 'בוצעה ב-12 במרץ 2024 דרך Daleel',
  },
  {
    name: 'an encrypted .xlsx',
    extractor: new XlsxExtractor(),
    path: 'office/password-daleel-secret.xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    password: 'daleel-secret',
    text: 'Offshore Holdings Ltd',
  },
  {
    name: 'an encrypted .docx',
    extractor: new DocxExtractor(),
    path: 'office/password-daleel-secret.docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    password: 'daleel-secret',
    text: 'Offshore Holdings Ltd',
  },
  {
    name: 'a 7z archive with encrypted names',
    extractor: new SevenZipExtractor(),
    path: 'archive-more/encrypted-headers.7z',
    mediaType: 'application/x-7z-compressed',
    password: 'daleel',
    text: '',
  },
  {
    name: 'a 7z archive with encrypted members',
    extractor: new SevenZipExtractor(),
    path: 'archive-more/encrypted-members.7z',
    mediaType: 'application/x-7z-compressed',
    password: 'daleel',
    text: '',
  },
  {
    name: 'a zip with ZipCrypto members',
    extractor: new ZipExtractor(),
    path: 'archive-more/password-zipcrypto.zip',
    mediaType: 'application/zip',
    password: 'daleel-secret',
    text: 'memo.txt',
  },
  {
    name: 'a zip with AES-256 members',
    extractor: new ZipExtractor(),
    path: 'archive-more/password-aes256.zip',
    mediaType: 'application/zip',
    password: 'daleel-secret',
    text: 'memo.txt',
  },
] as const

describe('passwords for encrypted files', () => {
  for (const entry of CASES) {
    it(`opens ${entry.name} with the right password among wrong ones`, async () => {
      const result = await extract(entry.extractor, entry.path, entry.mediaType, [
        'wrong',
        entry.password,
      ])
      expect(result.text.normalize('NFKC')).toContain(entry.text)
      expect(result.metadata.openedWithPassword).toBe(true)
    })

    it(`still reports ${entry.name} as encrypted when no password fits`, async () => {
      for (const passwords of [undefined, ['wrong', 'also wrong']]) {
        await expect(
          extract(entry.extractor, entry.path, entry.mediaType, passwords),
        ).rejects.toMatchObject({ code: 'FILE_ENCRYPTED' })
      }
    })
  }

  it('hands the decrypted members of an archive on as children', async () => {
    const result = await extract(
      new ZipExtractor(),
      'archive-more/password-some-members.zip',
      'application/zip',
      ['daleel-secret'],
    )
    const texts = result.children.map((child) => Buffer.from(child.bytes).toString('utf8'))
    expect(texts.some((text) => text.includes('تم تحويل المبلغ إلى الحساب'))).toBe(true)
    expect(texts.some((text) => text.includes('Public notice'))).toBe(true)
    expect(result.warnings.map((warning) => warning.code)).not.toContain('FILE_ENCRYPTED')
  })

  it('keeps the readable members of a partly encrypted zip when no password fits', async () => {
    const result = await extract(
      new ZipExtractor(),
      'archive-more/password-some-members.zip',
      'application/zip',
      ['wrong'],
    )
    expect(result.children.map((child) => child.name)).toEqual(['public.txt'])
    expect(result.warnings.map((warning) => warning.code)).toContain('FILE_ENCRYPTED')
  })
})

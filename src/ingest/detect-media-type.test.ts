import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { detectMediaType, looksLikeHtml, looksLikeMail, typeName } from './detect-media-type.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`detect-media-type corpus tests skipped: no corpus at ${corpus}`)

function fixture(path: string): Buffer {
  return readFileSync(join(fixtures, path))
}

describe('detectMediaType', () => {
  it.each([
    ['text/arabic-windows-1256.txt', 'text/plain'],
    ['text/arabic-utf-16le-bom.txt', 'text/plain'],
    ['text/hebrew-utf-16be-no-bom.txt', 'text/plain'],
    ['html/arabic-meta-windows-1256.html', 'text/html'],
    ['docx/board-report-ar-en-he.docx', DOCX],
    ['docx/encrypted.docx', DOCX],
    ['email/arabic-cp1256-with-attachments.eml', 'message/rfc822'],
    ['archive/cp1256-names.zip', 'application/zip'],
    ['archive/truncated.zip', 'application/zip'],
  ])('types %s as %s', async (path, mediaType) => {
    expect(await detectMediaType(fixture(path), path.split('/').pop() ?? '')).toBe(mediaType)
  })

  it('trusts the content over the name', async () => {
    expect(await detectMediaType(fixture('docx/board-report-ar-en-he.docx'), 'report.zip')).toBe(
      DOCX,
    )
    expect(await detectMediaType(fixture('html/arabic-meta-windows-1256.html'), 'page.txt')).toBe(
      'text/html',
    )
    expect(await detectMediaType(fixture('email/hebrew-html-only.eml'), 'no-extension')).toBe(
      'message/rfc822',
    )
  })

  it('recognises a cut-off Word document by the part names in its local headers', async () => {
    expect(await detectMediaType(fixture('docx/truncated.docx'), 'x')).toBe(DOCX)
  })

  it('calls a compound file without encryption application/x-cfb', async () => {
    expect(await detectMediaType(fixture('docx/encrypted.docx'), 'old.doc')).toBe(
      'application/x-cfb',
    )
  })

  it.each([
    ['office/report-ar-he-en.doc', 'application/msword'],
    ['office/budget-ar-he-en.xls', 'application/vnd.ms-excel'],
    ['office/briefing-ar-he-en.ppt', 'application/vnd.ms-powerpoint'],
  ])(
    'tells the compound file %s apart by its streams, whatever its name',
    async (path, mediaType) => {
      expect(await detectMediaType(fixture(path), path.split('/').pop() ?? '')).toBe(mediaType)
      expect(await detectMediaType(fixture(path), 'attachment.bin')).toBe(mediaType)
    },
  )

  it('types a password-protected workbook by its extension', async () => {
    expect(await detectMediaType(fixture('office/encrypted.xlsx'), 'budget.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
  })

  it.each([
    [
      'office/budget-ar-he-en.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'office/briefing-ar-he-en.pptx',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    ['office/report-ar-he-en.odt', 'application/vnd.oasis.opendocument.text'],
    ['office/ledger-ar-he.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['office/briefing-ar-he-en.odp', 'application/vnd.oasis.opendocument.presentation'],
    ['office/report-ar-he-en.fodt', 'application/vnd.oasis.opendocument.text-flat-xml'],
    ['office/memo-hebrew-1255.rtf', 'application/rtf'],
    ['office/protocol-word2003.doc', 'application/vnd.ms-wordml'],
  ])('types %s as %s', async (path, mediaType) => {
    expect(await detectMediaType(fixture(path), path.split('/').pop() ?? '')).toBe(mediaType)
  })

  it('recognises a flat OpenDocument by its root element, not its name', async () => {
    expect(await detectMediaType(fixture('office/report-ar-he-en.fodt'), 'export.xml')).toBe(
      'application/vnd.oasis.opendocument.text-flat-xml',
    )
  })

  it('types a mailbox with several messages as application/mbox', async () => {
    const mbox =
      'From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: one\n\nBody\n\nFrom b@example.com Mon Jan  1 00:00:00 2024\nFrom: b@example.com\nSubject: two\n\nBody\n'
    expect(await detectMediaType(Buffer.from(mbox), 'box')).toBe('application/mbox')
  })

  it('uses the extension for text formats and for damaged binary files', async () => {
    expect(await detectMediaType(Buffer.from('a,b\n1,2\n'), 'table.csv')).toBe('text/csv')
    expect(await detectMediaType(Buffer.from('{"a": 1}'), 'data.json')).toBe('application/json')
    expect(await detectMediaType(fixture('text/binary-junk.txt'), 'broken.pdf')).toBe(
      'application/pdf',
    )
  })

  it('calls unknown binary bytes application/octet-stream', async () => {
    expect(await detectMediaType(fixture('text/binary-junk.txt'), 'junk.bin')).toBe(
      'application/octet-stream',
    )
  })

  it('sends unrecognisable bytes to the extractor their name points at', async () => {
    expect(await detectMediaType(fixture('email/not-mail.eml'), 'not-mail.eml')).toBe(
      'message/rfc822',
    )
    expect(await detectMediaType(fixture('text/binary-junk.txt'), 'binary-junk.txt')).toBe(
      'text/plain',
    )
  })

  it('types plain text without an extension as text/plain', async () => {
    expect(await detectMediaType(Buffer.from('Meeting notes\nNothing else.'), 'README')).toBe(
      'text/plain',
    )
  })
})

describe('looksLikeHtml', () => {
  it('recognises markup after an XML declaration or comments, and HTTP headers before it', () => {
    expect(looksLikeHtml('<?xml version="1.0"?>\n<!-- x -->\n<html><body>')).toBe(true)
    expect(looksLikeHtml('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>')).toBe(true)
    expect(looksLikeHtml('if (a < b) { return }')).toBe(false)
  })
})

describe('looksLikeMail', () => {
  it('wants a header block with mail headers at the very start', () => {
    expect(looksLikeMail('Received: from x\nMessage-ID: <1@x>\n\nbody')).toBe(true)
    expect(looksLikeMail('Subject: only one header\n\nbody')).toBe(false)
    expect(looksLikeMail('Dear Sir,\nFrom: me\nTo: you')).toBe(false)
  })
})

describe('typeName', () => {
  it('gives the short names used in facets', () => {
    expect(typeName('application/pdf')).toBe('pdf')
    expect(typeName('text/html')).toBe('html')
    expect(typeName('text/plain')).toBe('text')
    expect(typeName(DOCX)).toBe('docx')
    expect(typeName('message/rfc822')).toBe('email')
    expect(typeName('application/zip')).toBe('zip')
    expect(typeName('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      'xlsx',
    )
    expect(typeName('application/msword')).toBe('doc')
    expect(typeName('application/vnd.oasis.opendocument.text-flat-xml')).toBe('odt')
    expect(typeName('text/rtf')).toBe('rtf')
    expect(typeName('image/png')).toBe('image')
    expect(typeName('application/x-unknown')).toBe('other')
  })
})

describe.skipIf(!hasCorpus)('detectMediaType on the corpus', () => {
  it.each([
    ['hoover/data/no-extension/file_docx', DOCX],
    ['hoover/data/no-extension/file_html', 'text/html'],
    ['hoover/data/no-extension/file_eml', 'message/rfc822'],
    ['hoover/data/no-extension/file_zip', 'application/zip'],
    ['hoover/data/no-extension/file_pdf', 'application/pdf'],
    ['hoover/data/no-extension/file_odt', 'application/vnd.oasis.opendocument.text'],
    ['tika/testHTML_charset_utf16le.html', 'text/html'],
    ['tika/http-response', 'text/html'],
    ['hoover/data/disk-files/html-encodings/xml_declaration_latin1.html', 'text/html'],
    ['tika/testEmailWithPNGAtt.eml', 'message/rfc822'],
    ['tika/complex.mbox', 'application/mbox'],
    [
      'ingest-file/password_protected.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['hebrew-knesset/20_ptv_502208.doc', DOCX],
    ['hebrew-knesset/20_ptv_367393.doc', 'application/msword'],
    ['tika/casing/simple_lower_case.doc', 'application/msword'],
    ['tika/testEXCEL_95.xls', 'application/vnd.ms-excel'],
    ['tika/testEXCEL_embeded.xls', 'application/vnd.ms-excel'],
    ['hebrew-knesset/20_ptv_341203.doc', 'application/vnd.ms-wordml'],
    ['tika/testPPT.ppt', 'application/vnd.ms-powerpoint'],
    ['tika/testMSG.msg', 'application/vnd.ms-outlook'],
    ['tika/testODSMacro.fods', 'application/vnd.oasis.opendocument.spreadsheet-flat-xml'],
  ])('types %s as %s', async (path, mediaType) => {
    expect(
      await detectMediaType(readFileSync(join(corpus, path)), path.split('/').pop() ?? ''),
    ).toBe(mediaType)
  })
})

/** Writes the synthetic test fixtures under test/fixtures/<format>/: text in legacy encodings,
 *  HTML pages, .docx files, e-mails and zips, good ones and damaged ones. Every byte is made
 *  here from text we wrote, so the files carry no third-party content and the same run gives
 *  the same bytes. The fixtures are committed; run this again only to change them:
 *
 *    npx tsx scripts/make-fixtures.ts        (or node --experimental-strip-types, Node ≥ 22.6)
 *
 *  The syntax stays erasable (no enums, no parameter properties) so type stripping can run it. */

import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'
import iconv from 'iconv-lite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures')

// Our own sample paragraphs: a made-up board memo in Arabic, Hebrew and French.
export const ARABIC =
  'تقرير سري عن اجتماع مجلس الإدارة في مدينة عمان. ناقش الأعضاء الميزانية السنوية وخطة التوسع ' +
  'في الأسواق الجديدة، وقرروا تأجيل التصويت إلى الشهر القادم بعد مراجعة الحسابات من قبل شركة ' +
  'تدقيق مستقلة. وأكد رئيس المجلس أن التحويلات المالية إلى الخارج ستخضع لرقابة إضافية.'
export const HEBREW =
  'דוח פנימי על ישיבת ההנהלה בעיר חיפה. חברי הוועדה דנו בתקציב השנתי ובתוכנית ההתרחבות ' +
  'לשווקים חדשים – והחליטו לדחות את ההצבעה לחודש הבא לאחר בדיקת החשבונות על ידי משרד רואי ' +
  'חשבון עצמאי. יו״ר הוועדה אמר: “ההעברות לחו״ל ייבדקו בקפידה”.'
// The same without the characters ISO-8859-8 lacks (dash, curly quotes, gershayim).
export const HEBREW_PLAIN = HEBREW.replace(/–/gu, '-').replace(/[“”״]/gu, '"')
export const FRENCH =
  'Le conseil d’administration s’est réuni à Genève : les comptes ont été vérifiés et la ' +
  'décision a été reportée à l’été prochain. Présents : Hélène, François et Zoë.'
export const ENGLISH =
  'Minutes of the board meeting: the transfer to the offshore account was approved.'

// A fixed DOS timestamp (2024-03-01 10:30:00) keeps zips byte-identical between runs.
const DOS_TIME = (10 << 11) | (30 << 5)
const DOS_DATE = ((2024 - 1980) << 9) | (3 << 5) | 1

function write(relative: string, bytes: Uint8Array | string): void {
  const path = join(root, relative)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, bytes)
  console.log(
    `wrote test/fixtures/${relative} (${typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length} bytes)`,
  )
}

/** Deterministic pseudo-random bytes (xorshift32), for junk and fake ciphertext. */
function junk(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length)
  let state = seed >>> 0 || 1
  for (let index = 0; index < length; index += 1) {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    out[index] = state & 0xff
  }
  return out
}

function encode(text: string, encoding: string): Buffer {
  return iconv.encode(text, encoding)
}

// ---------------------------------------------------------------- zip writing

export interface ZipMember {
  /** The name exactly as stored: bytes in whatever code page the test needs. */
  readonly name: Buffer
  readonly data: Buffer
  readonly method?: 0 | 8
  /** General-purpose flags: bit 0 encrypted, bit 11 UTF-8 name. */
  readonly flags?: number
  readonly extra?: Buffer
  /** Unix mode bits for the external attributes (e.g. 0o120777 for a symlink). */
  readonly unixMode?: number
}

/** A zip built byte by byte, so names, flags and extra fields are exactly what a test needs. */
export function makeZip(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const member of members) {
    const method = member.method ?? 8
    const flags = member.flags ?? 0
    const extra = member.extra ?? Buffer.alloc(0)
    const encrypted = (flags & 1) !== 0
    // Encrypted members get a 12-byte header and scrambled bytes; nobody decrypts them.
    const stored =
      method === 8 ? zlib.deflateRawSync(member.data, { level: 9 }) : Buffer.from(member.data)
    const payload = encrypted
      ? Buffer.concat([junk(12, stored.length + 7), junk(stored.length, 99)])
      : stored
    const crc = zlib.crc32(member.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(payload.length, 18)
    local.writeUInt32LE(member.data.length, 22)
    local.writeUInt16LE(member.name.length, 26)
    local.writeUInt16LE(extra.length, 28)
    const localBytes = Buffer.concat([local, member.name, extra, payload])
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(member.unixMode === undefined ? 20 : (3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(payload.length, 20)
    central.writeUInt32LE(member.data.length, 24)
    central.writeUInt16LE(member.name.length, 28)
    central.writeUInt16LE(extra.length, 30)
    central.writeUInt32LE(member.unixMode === undefined ? 0 : (member.unixMode << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    centrals.push(Buffer.concat([central, member.name, extra]))
    locals.push(localBytes)
    offset += localBytes.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(members.length, 8)
  end.writeUInt16LE(members.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function utf8Member(name: string, data: string | Buffer): ZipMember {
  return { name: Buffer.from(name, 'utf8'), data: Buffer.from(data), flags: 0x800 }
}

/** An Info-ZIP Unicode Path extra field (0x7075) giving the UTF-8 form of `rawName`. */
function unicodePathField(rawName: Buffer, name: string): Buffer {
  const utf8 = Buffer.from(name, 'utf8')
  const field = Buffer.alloc(9)
  field.writeUInt16LE(0x7075, 0)
  field.writeUInt16LE(5 + utf8.length, 2)
  field.writeUInt8(1, 4)
  field.writeUInt32LE(zlib.crc32(rawName), 5)
  return Buffer.concat([field, utf8])
}

// ---------------------------------------------------------------- compound file (CFB)

/** A minimal compound file holding `EncryptionInfo` and `EncryptedPackage` streams: what
 *  Office writes for a password-protected .docx. Four 512-byte sectors after the header:
 *  FAT, directory, mini FAT, mini stream. */
export function makeEncryptedOfficeFile(): Buffer {
  const sector = 512
  const endOfChain = 0xfffffffe
  const free = 0xffffffff
  const header = Buffer.alloc(sector, 0)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0)
  header.writeUInt16LE(0x003e, 24)
  header.writeUInt16LE(0x0003, 26)
  header.writeUInt16LE(0xfffe, 28)
  header.writeUInt16LE(9, 30)
  header.writeUInt16LE(6, 32)
  header.writeUInt32LE(1, 44) // FAT sectors
  header.writeUInt32LE(1, 48) // first directory sector
  header.writeUInt32LE(0x1000, 56) // mini stream cutoff
  header.writeUInt32LE(2, 60) // first mini FAT sector
  header.writeUInt32LE(1, 64) // mini FAT sectors
  header.writeUInt32LE(endOfChain, 68) // no DIFAT sectors
  header.writeUInt32LE(0, 72)
  for (let index = 0; index < 109; index += 1)
    header.writeUInt32LE(index === 0 ? 0 : free, 76 + index * 4)

  const fat = Buffer.alloc(sector, 0xff)
  fat.writeUInt32LE(0xfffffffd, 0) // sector 0 is the FAT itself
  fat.writeUInt32LE(endOfChain, 4) // directory
  fat.writeUInt32LE(endOfChain, 8) // mini FAT
  fat.writeUInt32LE(endOfChain, 12) // mini stream

  const encryptionInfo = Buffer.concat([
    Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]),
    Buffer.from('<?xml version="1.0"?><encryption/>', 'latin1'),
  ])
  const encryptedPackage = Buffer.concat([Buffer.from([200, 0, 0, 0, 0, 0, 0, 0]), junk(56, 42)])
  const miniStream = Buffer.alloc(sector, 0)
  encryptionInfo.copy(miniStream, 0)
  encryptedPackage.copy(miniStream, 64)
  const miniFat = Buffer.alloc(sector, 0xff)
  miniFat.writeUInt32LE(endOfChain, 0)
  miniFat.writeUInt32LE(endOfChain, 4)

  const entry = (
    name: string,
    type: number,
    child: number,
    right: number,
    start: number,
    size: number,
  ): Buffer => {
    const bytes = Buffer.alloc(128, 0)
    const encoded = Buffer.from(`${name}\0`, 'utf16le')
    encoded.copy(bytes, 0)
    bytes.writeUInt16LE(encoded.length, 64)
    bytes.writeUInt8(type, 66)
    bytes.writeUInt8(1, 67) // black
    bytes.writeUInt32LE(free, 68) // left sibling
    bytes.writeUInt32LE(right, 72)
    bytes.writeUInt32LE(child, 76)
    bytes.writeUInt32LE(start, 116)
    bytes.writeUInt32LE(size, 120)
    return bytes
  }
  const directory = Buffer.concat([
    entry('Root Entry', 5, 1, free, 3, 128),
    entry('EncryptionInfo', 2, free, 2, 0, encryptionInfo.length),
    entry('EncryptedPackage', 2, free, free, 1, encryptedPackage.length),
    Buffer.alloc(128, 0),
  ])
  directory.writeUInt32LE(free, 3 * 128 + 68)
  directory.writeUInt32LE(free, 3 * 128 + 72)
  directory.writeUInt32LE(free, 3 * 128 + 76)
  return Buffer.concat([header, fat, directory, miniFat, miniStream])
}

// ---------------------------------------------------------------- text

function makeText(): void {
  write('text/arabic-windows-1256.txt', encode(`${ARABIC}\r\n`, 'windows-1256'))
  write('text/arabic-iso-8859-6.txt', encode(`${ARABIC}\n`, 'iso-8859-6'))
  write(
    'text/arabic-utf-16le-bom.txt',
    Buffer.concat([Buffer.from([0xff, 0xfe]), encode(`${ARABIC}\n`, 'utf-16le')]),
  )
  write('text/arabic-utf-16le-no-bom.txt', encode(`${ARABIC}\n`, 'utf-16le'))
  write('text/hebrew-utf-16be-no-bom.txt', encode(`${HEBREW}\n`, 'utf-16be'))
  write('text/arabic-utf-32le-bom.txt', encode(`\uFEFF${ARABIC}\n`, 'utf-32le'))
  write('text/hebrew-windows-1255.txt', encode(`${HEBREW}\r\n`, 'windows-1255'))
  write('text/hebrew-iso-8859-8.txt', encode(`${HEBREW_PLAIN}\n`, 'iso-8859-8'))
  write('text/french-windows-1252.txt', encode(`${FRENCH}\r\n`, 'windows-1252'))
  write('text/mixed-utf-8-bom.txt', `\uFEFF${ENGLISH}\n${ARABIC}\n${HEBREW}\n`)
  // Damaged: bytes that are not text at all.
  write('text/binary-junk.txt', junk(2048, 7))
}

// ---------------------------------------------------------------- html

function makeHtml(): void {
  const arabicPage = `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>محضر اجتماع مجلس الإدارة</title>
<meta name="description" content="تقرير داخلي">
<meta name="author" content="أمانة المجلس">
<meta name="keywords" content="ميزانية، تدقيق">
<style>body { font-family: serif }</style>
<script>document.write('لا يجوز أن يظهر هذا')</script>
</head>
<body>
<h1>محضر الاجتماع</h1>
<p>${ARABIC}</p>
<table>
<tr><th>البند</th><th>المبلغ</th></tr>
<tr><td>التدقيق</td><td>12000</td></tr>
</table>
<noscript>لا يجوز أن يظهر هذا أيضا</noscript>
<p>المرفقات &amp; الملاحق&nbsp;متاحة عند الطلب.</p>
</body>
</html>
`
  write('html/arabic-meta-windows-1256.html', encode(arabicPage, 'windows-1256'))
  // Word's "filtered HTML" writes its charset unquoted with spaces around the "=".
  const noisy = `<html><head><meta content=text/html; charset = iso-8859-6 http-equiv=Content-Type></head>
<body><p class=MsoNormal>${ARABIC}</p></body></html>
`
  write('html/word-noisy-meta-iso-8859-6.html', encode(noisy, 'iso-8859-6'))
  const hebrewPage = `<html><head><title>דוח פנימי</title></head><body><p>${HEBREW}</p></body></html>\n`
  write('html/hebrew-no-charset-windows-1255.html', encode(hebrewPage, 'windows-1255'))
  // Damaged: unclosed tags, stray closers, an unterminated comment at the end.
  const broken = `<html><head><title>Broken page</head><body><div><p>${ENGLISH}<p>Second paragraph</b></i>
<table><tr><td>cell one<td>cell two</table></div></div></span><!-- never closed`
  write('html/broken-markup.html', broken)
}

// ---------------------------------------------------------------- docx

const WORD_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

function paragraph(text: string, rtl = false): string {
  const properties = rtl ? '<w:pPr><w:bidi/></w:pPr>' : ''
  const runProperties = rtl ? '<w:rPr><w:rtl/></w:rPr>' : ''
  return `<w:p>${properties}<w:r>${runProperties}<w:t xml:space="preserve">${text}</w:t></w:r></w:p>`
}

function cell(text: string): string {
  return `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${paragraph(text)}</w:tc>`
}

function makeDocxBytes(): Buffer {
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="txt" ContentType="text/plain"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>`
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>`
  const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="embeddings/annex.txt"/>
</Relationships>`
  const footnoteReference =
    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${WORD_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:body>
${paragraph('Board report / تقرير المجلس')}
${paragraph(ARABIC, true)}
<w:p><w:r><w:t xml:space="preserve">${ENGLISH}</w:t></w:r>${footnoteReference}</w:p>
<w:tbl><w:tblPr><w:tblW w:w="4000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>
<w:tr>${cell('Account')}${cell('Amount')}</w:tr>
<w:tr>${cell('Offshore Holdings Ltd')}${cell('250000 USD')}</w:tr>
</w:tbl>
${paragraph(HEBREW, true)}
<w:sectPr/>
</w:body>
</w:document>`
  const footnotes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="${WORD_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1">${paragraph('Source: internal audit memo of March 2024.')}</w:footnote>
</w:footnotes>`
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>تقرير المجلس السنوي</dc:title>
<dc:creator>Rana Haddad</dc:creator>
<cp:lastModifiedBy>יוסי לוי</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T10:30:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-02T08:15:00Z</dcterms:modified>
</cp:coreProperties>`
  const app = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Daleel fixture script</Application><Company>Example Trading Co.</Company><Pages>1</Pages></Properties>`
  return makeZip([
    utf8Member('[Content_Types].xml', contentTypes),
    utf8Member('_rels/.rels', rels),
    utf8Member('word/document.xml', document),
    utf8Member('word/_rels/document.xml.rels', documentRels),
    utf8Member('word/footnotes.xml', footnotes),
    utf8Member('word/embeddings/annex.txt', `${ENGLISH}\n`),
    utf8Member('docProps/core.xml', core),
    utf8Member('docProps/app.xml', app),
  ])
}

function makeDocx(): void {
  const docx = makeDocxBytes()
  write('docx/board-report-ar-en-he.docx', docx)
  // Damaged: the download stopped halfway, taking the central directory with it.
  write('docx/truncated.docx', docx.subarray(0, Math.floor(docx.length / 2)))
  write('docx/encrypted.docx', makeEncryptedOfficeFile())
}

// ---------------------------------------------------------------- e-mail

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/gu) ?? []).join('\r\n')
}

/** Quoted-printable with soft line breaks, for the 8-bit body of a legacy-charset part. */
function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = []
  let line = ''
  for (const byte of bytes) {
    const piece =
      (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32
        ? String.fromCharCode(byte)
        : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
    if (line.length + piece.length > 75) {
      lines.push(`${line}=`)
      line = ''
    }
    line += piece
  }
  lines.push(line)
  return lines.join('\r\n')
}

function encodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`
}

function crlf(text: string): string {
  return text.replace(/\r?\n/gu, '\r\n')
}

function makeEmail(): void {
  const forwarded = crlf(`From: Auditor <auditor@example.org>
To: Board <board@example.com>
Subject: Audit schedule
Date: Wed, 28 Feb 2024 09:00:00 +0000
Message-ID: <audit-1@example.org>
Content-Type: text/plain; charset=utf-8

The audit of the offshore transfers starts on Monday.
`)
  const attachmentName = 'كشف الحساب.txt'
  const message = crlf(`Return-Path: <rana@example.com>
From: ${encodedWord('رنا حداد')} <rana@example.com>
To: "Board" <board@example.com>, yossi@example.net
Cc: ${encodedWord('יוסי לוי')} <yossi@example.net>
Subject: ${encodedWord('محضر الاجتماع السري')}
Date: Fri, 01 Mar 2024 10:30:00 +0300
Message-ID: <minutes-2024-03@example.com>
In-Reply-To: <agenda-2024-02@example.com>
References: <call-2024-01@example.com> <agenda-2024-02@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-boundary"

This is a multi-part message in MIME format.

--outer-boundary
Content-Type: multipart/alternative; boundary="alt-boundary"

--alt-boundary
Content-Type: text/plain; charset=windows-1256
Content-Transfer-Encoding: quoted-printable

${quotedPrintable(encode(ARABIC, 'windows-1256'))}
--alt-boundary
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

${base64Lines(Buffer.from(`<html><body><p>${ARABIC}</p><img src="https://tracker.example.com/pixel.gif"></body></html>`))}
--alt-boundary--

--outer-boundary
Content-Type: text/plain; charset=utf-8; name="${encodedWord(attachmentName)}"
Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(attachmentName)}
Content-Transfer-Encoding: base64

${base64Lines(Buffer.from(`${ENGLISH}\n`))}
--outer-boundary
Content-Type: message/rfc822
Content-Disposition: attachment

${forwarded}
--outer-boundary--
`)
  write('email/arabic-cp1256-with-attachments.eml', message)

  const htmlOnly = crlf(`From: Yossi Levi <yossi@example.net>
To: rana@example.com
Subject: ${encodedWord('דוח פנימי')}
Date: Sat, 02 Mar 2024 08:15:00 +0200
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/html; charset=windows-1255
Content-Transfer-Encoding: quoted-printable

${quotedPrintable(encode(`<html><head><style>p{color:red}</style></head><body><p>${HEBREW}</p></body></html>`, 'windows-1255'))}
--b1
Content-Type: application/pdf
Content-Transfer-Encoding: base64

${base64Lines(Buffer.from('%PDF-1.4\n%%EOF\n'))}
--b1--
`)
  write('email/hebrew-html-only.eml', htmlOnly)

  // Damaged: the connection dropped in the middle of the attachment.
  const cut = message.slice(0, message.indexOf('Content-Type: message/rfc822') - 40)
  write('email/truncated-multipart.eml', cut)
  write('email/not-mail.eml', junk(1500, 11))
}

// ---------------------------------------------------------------- zip

function makeArchive(): void {
  const nested = makeZip([utf8Member('inner/readme.txt', `${ENGLISH}\n`)])
  write(
    'archive/utf8-names.zip',
    makeZip([
      { name: Buffer.from('تقارير/', 'utf8'), data: Buffer.alloc(0), method: 0, flags: 0x800 },
      utf8Member('تقارير/تقرير سري.txt', `${ARABIC}\n`),
      utf8Member('דוחות/דוח פנימי.txt', `${HEBREW}\n`),
      utf8Member('nested.zip', nested),
    ]),
  )
  // Windows zip tools with an Arabic locale write names in the ANSI code page, flag unset.
  write(
    'archive/cp1256-names.zip',
    makeZip([
      { name: encode('تقرير مالي.txt', 'windows-1256'), data: Buffer.from(`${ARABIC}\n`) },
      { name: encode('محضر الاجتماع.txt', 'windows-1256'), data: Buffer.from(`${ENGLISH}\n`) },
    ]),
  )
  write(
    'archive/cp437-names.zip',
    makeZip([
      { name: encode('Résumé.txt', 'cp437'), data: Buffer.from(`${FRENCH}\n`) },
      { name: encode('Café menu.txt', 'cp437'), data: Buffer.from('Crème brûlée\n') },
    ]),
  )
  const legacyName = encode('report.txt', 'cp437')
  write(
    'archive/unicode-path-field.zip',
    makeZip([
      {
        name: legacyName,
        data: Buffer.from(`${ARABIC}\n`),
        extra: unicodePathField(legacyName, 'تقرير.txt'),
      },
    ]),
  )
  write(
    'archive/path-traversal.zip',
    makeZip([
      utf8Member('../../evil.txt', 'climbs out\n'),
      utf8Member('/etc/passwd-copy', 'absolute\n'),
      utf8Member('C:\\Windows\\win.txt', 'drive letter\n'),
      utf8Member('safe/normal.txt', `${ENGLISH}\n`),
      {
        name: Buffer.from('link-to-secret'),
        data: Buffer.from('/etc/shadow'),
        method: 0,
        unixMode: 0o120777,
      },
    ]),
  )
  write(
    'archive/encrypted-all.zip',
    makeZip([
      { name: Buffer.from('secret.txt'), data: Buffer.from(`${ENGLISH}\n`), flags: 1 },
      { name: Buffer.from('secret2.txt'), data: Buffer.from(`${FRENCH}\n`), flags: 1 },
    ]),
  )
  write(
    'archive/encrypted-some.zip',
    makeZip([
      { name: Buffer.from('secret.txt'), data: Buffer.from(`${ENGLISH}\n`), flags: 1 },
      { name: Buffer.from('public.txt'), data: Buffer.from(`${ARABIC}\n`) },
    ]),
  )
  // 10 MB of zeros deflate to about 10 KB: a ratio of 1000, far above the limit of 200.
  write(
    'archive/bomb-ratio.zip',
    makeZip([{ name: Buffer.from('zeros.bin'), data: Buffer.alloc(10 * 1024 ** 2) }]),
  )
  // Damaged: cut in the middle of the third member, central directory gone.
  const whole = makeZip([
    { name: Buffer.from('first.txt'), data: Buffer.from(`${ENGLISH}\n`) },
    { name: Buffer.from('second.txt'), data: Buffer.from(`${ARABIC}\n`) },
    { name: Buffer.from('third.txt'), data: Buffer.from(`${HEBREW}\n`.repeat(20)), method: 0 },
  ])
  const thirdStart = whole.indexOf(Buffer.from('third.txt'))
  write('archive/truncated.zip', whole.subarray(0, thirdStart + 200))
  // Damaged beyond repair: a local header signature followed by junk.
  write('archive/corrupt.zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), junk(600, 5)]))
}

// Importing this module (e.g. for makeZip) must not rewrite the fixtures.
if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url).startsWith(process.argv[1].replace(/\.[jt]s$/u, ''))
) {
  makeText()
  makeHtml()
  makeDocx()
  makeEmail()
  makeArchive()
}

/** Decides what kind of file an item is, by its content first: file-type's magic numbers, a
 *  look inside zips (a .docx is a zip), then our own sniffers for text formats that have no
 *  magic number (HTML, e-mail, mbox), and only then the file name's extension as a hint.
 *  Which extractor reads which media type is the registry's business. */

import { fileTypeFromBuffer } from 'file-type'
import { openZip, rawNameOf, readZipMemberByName } from './extractors/archive/read-zip.js'
import { compoundFileKind, listCompoundFileStreams } from './extractors/office/compound-file.js'
import { looksLikeWordml } from './extractors/office/wordml-extractor.js'
import { isTarHeader } from './extractors/archive/read-tar.js'
import { volumeRole } from './extractors/archive/volume-names.js'
import { decodeText, encodingFromBom } from './extractors/text/decode-text.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
const DOC = 'application/msword'
const XLS = 'application/vnd.ms-excel'
const PPT = 'application/vnd.ms-powerpoint'
const MSG = 'application/vnd.ms-outlook'
const WORDML = 'application/vnd.ms-wordml'
const SNIFF_BYTES = 4096

// Formats that announce themselves with a magic number: the extension is only believed when
// the content is neither a known format nor text (a damaged file still goes to its extractor,
// which can say why).
const BINARY_EXTENSIONS: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  docx: DOCX,
  xlsx: XLSX,
  pptx: PPTX,
  zip: 'application/zip',
  xlsm: XLSX,
  pptm: PPTX,
  ppsx: PPTX,
  doc: DOC,
  dot: DOC,
  xls: XLS,
  xlt: XLS,
  ppt: PPT,
  pps: PPT,
  msg: MSG,
  pst: 'application/vnd.ms-outlook-pst',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  odg: 'application/vnd.oasis.opendocument.graphics',
  ott: 'application/vnd.oasis.opendocument.text-template',
  ots: 'application/vnd.oasis.opendocument.spreadsheet-template',
  otp: 'application/vnd.oasis.opendocument.presentation-template',
  epub: 'application/epub+zip',
  '7z': 'application/x-7z-compressed',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  rar: 'application/x-rar-compressed',
  tar: 'application/x-tar',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  bz2: 'application/x-bzip2',
  tbz2: 'application/x-bzip2',
  tbz: 'application/x-bzip2',
  xz: 'application/x-xz',
  txz: 'application/x-xz',
}
// Text formats: believed when the content is text, or unrecognisable.
const TEXT_EXTENSIONS: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  text: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  tab: 'text/tab-separated-values',
  json: 'application/json',
  xml: 'application/xml',
  rss: 'application/xml',
  atom: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'text/html',
  shtml: 'text/html',
  eml: 'message/rfc822',
  emlx: 'message/rfc822',
  mht: 'message/rfc822',
  mhtml: 'message/rfc822',
  mbox: 'application/mbox',
  mbx: 'application/mbox',
  ics: 'text/calendar',
  vcs: 'text/calendar',
  vcf: 'text/vcard',
  rtf: 'application/rtf',
  fodt: 'application/vnd.oasis.opendocument.text-flat-xml',
  fods: 'application/vnd.oasis.opendocument.spreadsheet-flat-xml',
  fodp: 'application/vnd.oasis.opendocument.presentation-flat-xml',
  fodg: 'application/vnd.oasis.opendocument.graphics-flat-xml',
}
const OOXML_BY_EXTENSION: Readonly<Record<string, string>> = { docx: DOCX, xlsx: XLSX, pptx: PPTX }
// Header names that only mail has; unlike the e-mail extractor's list, none that HTTP
// responses share (Content-Type, User-Agent), since this list decides what a file is.
const MAIL_HEADERS = new Set(
  `
    from to cc subject date message-id received return-path mime-version sender reply-to
    delivered-to x-mailer dkim-signature in-reply-to references authentication-results
    x-originating-ip thread-topic
  `
    .trim()
    .split(/\s+/u),
)
const TYPE_NAMES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
  'text/markdown': 'text',
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'application/json': 'json',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/calendar': 'calendar',
  'text/vcard': 'vcard',
  [DOCX]: 'docx',
  [XLSX]: 'xlsx',
  [PPTX]: 'pptx',
  'message/rfc822': 'email',
  'application/mbox': 'mbox',
  'application/zip': 'zip',
  'application/msword': 'doc',
  [WORDML]: 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.ms-outlook': 'msg',
  'application/vnd.ms-outlook-pst': 'pst',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/vnd.oasis.opendocument.text-flat-xml': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet-flat-xml': 'ods',
  'application/vnd.oasis.opendocument.presentation-flat-xml': 'odp',
  'application/epub+zip': 'epub',
  'application/rtf': 'rtf',
  'text/rtf': 'rtf',
  'application/x-cfb': 'office',
  'application/x-7z-compressed': '7z',
  'application/x-rar-compressed': 'rar',
  'application/vnd.rar': 'rar',
  'application/x-tar': 'tar',
  'application/gzip': 'gzip',
  'application/x-bzip2': 'bzip2',
  'application/x-xz': 'xz',
  'application/x-gzip': 'gzip',
  'application/x-multivolume-archive': 'archive',
  'application/x-archive-volume': 'archive-volume',
}

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase()
}

/** The first few KB as a string, for sniffing: UTF-16 when a BOM says so, else Latin-1. */
function headOf(bytes: Uint8Array): string {
  const head = bytes.subarray(0, SNIFF_BYTES)
  const bom = encodingFromBom(head)
  if (bom === 'utf-16le' || bom === 'utf-16be') return new TextDecoder(bom).decode(head)
  return new TextDecoder('latin1').decode(head).replace(/^\u00ef\u00bb\u00bf/u, '')
}

/** True when the text opens like an HTML document (corpus: tika/http-response has HTTP
 *  headers before its markup). */
export function looksLikeHtml(head: string): boolean {
  const start = head
    .replace(/^\uFEFF/u, '')
    .replace(/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*/u, '')
    .slice(0, 64)
    .toLowerCase()
  if (/^<(?:!doctype html|html|head|body|meta|title)\b/u.test(start)) return true
  return /<!doctype html|<html[\s>]|<body[\s>]/iu.test(head.slice(0, 1024))
}

function isHeaderLine(line: string): boolean {
  return /^[!-9;-~]+[ \t]*:/u.test(line)
}

/** True when the text starts with an RFC 5322 header block that mail would have. */
export function looksLikeMail(head: string): boolean {
  let lines = head.replace(/^\uFEFF/u, '').split(/\r?\n/u)
  // Apple Mail .emlx files start with the message's length in bytes.
  if (/^\d+\s*$/u.test(lines[0] ?? '')) lines = lines.slice(1)
  if (!isHeaderLine(lines[0] ?? '')) return false
  let known = 0
  for (const line of lines) {
    if (line === '') break
    if (/^[ \t]/u.test(line)) continue
    // The sniffed head may end in the middle of a long header block.
    if (!isHeaderLine(line)) break
    const name = line.slice(0, line.indexOf(':')).trim().toLowerCase()
    if (MAIL_HEADERS.has(name)) known += 1
  }
  return known >= 2
}

/** True when the text starts like a Unix mailbox: a `From ` separator line, then headers. */
export function looksLikeMbox(head: string): boolean {
  const lines = head.replace(/^\uFEFF/u, '').split(/\r?\n/u)
  return /^From \S+/u.test(lines[0] ?? '') && isHeaderLine(lines[1] ?? '')
}

/** True when a mailbox holds more than the one message its first line introduces; a single
 *  message saved with its envelope line is just a message (corpus: tika/testEmailWithPNGAtt.eml). */
function hasSeveralMessages(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  return /\nFrom \S+[^\n]*\r?\n[!-9;-~]+[ \t]*:/u.test(text)
}

/** Tells the Office Open XML and OpenDocument formats (and EPUB) apart from plain zips. */
async function refineZip(bytes: Uint8Array): Promise<string> {
  let names: string[]
  let mimetype: string | null = null
  try {
    const zip = await openZip(bytes, 100_000)
    try {
      names = zip.entries.map((entry) => Buffer.from(rawNameOf(entry)).toString('utf8'))
      if (names.includes('mimetype')) {
        mimetype =
          (await readZipMemberByName(zip, 'mimetype', 256))?.toString('latin1').trim() ?? null
      }
    } finally {
      zip.zipfile.close()
    }
  } catch {
    // A cut-off zip has no directory; the local headers still carry the part names, and an
    // OpenDocument's uncompressed `mimetype` member comes first.
    const text = new TextDecoder('latin1').decode(bytes.subarray(0, 1024 * 1024))
    names = ['[Content_Types].xml', 'word/', 'xl/', 'ppt/'].filter((name) => text.includes(name))
    mimetype = text.startsWith('mimetype', 30)
      ? (/^application\/[\w.+-]+/u.exec(text.slice(38))?.[0] ?? null)
      : null
  }
  if (
    mimetype !== null &&
    /^application\/(?:vnd\.oasis\.opendocument\.|epub\+zip)/u.test(mimetype)
  ) {
    return mimetype
  }
  if (names.includes('[Content_Types].xml')) {
    if (names.some((name) => name.startsWith('word/'))) return DOCX
    if (names.some((name) => name.startsWith('xl/'))) return XLSX
    if (names.some((name) => name.startsWith('ppt/'))) return PPTX
  }
  return 'application/zip'
}

const COMPOUND_FILE_TYPES: Readonly<Record<string, string>> = {
  doc: DOC,
  xls: XLS,
  ppt: PPT,
  msg: MSG,
}

/**
 * Compound files hold .doc, .xls, .ppt and .msg alike; their stream names tell them apart
 * (WordDocument, Workbook/Book, PowerPoint Document, __substg1.0_…). Password-protected
 * .docx/.xlsx/.pptx are compound files with `EncryptionInfo`: the extension says which format
 * is inside, and its extractor reports FILE_ENCRYPTED. Anything else is `application/x-cfb`.
 */
function refineCfb(bytes: Uint8Array, name: string): string {
  const extension = extensionOf(name)
  const ooxml = OOXML_BY_EXTENSION[extension]
  const streams = listCompoundFileStreams(bytes)
  if (streams === null) {
    // A cut-off directory: the name is the best hint left.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (ooxml !== undefined && buffer.includes(Buffer.from('EncryptionInfo', 'utf16le')))
      return ooxml
    const byName = BINARY_EXTENSIONS[extension]
    return byName !== undefined && Object.values(COMPOUND_FILE_TYPES).includes(byName)
      ? byName
      : 'application/x-cfb'
  }
  const kind = compoundFileKind(streams)
  if (kind === 'encrypted-ooxml') return ooxml ?? 'application/x-cfb'
  return kind === null ? 'application/x-cfb' : (COMPOUND_FILE_TYPES[kind] ?? 'application/x-cfb')
}

/** The media type of an Office document saved as one XML file: flat OpenDocument or Word 2003
 *  XML (which systems save under a .doc name; corpus: hebrew-knesset/20_ptv_341203.doc). */
function officeXmlType(head: string): string | null {
  if (looksLikeWordml(head)) return WORDML
  return flatOpenDocumentType(head)
}

/** The media type of a flat (single XML file) OpenDocument, or null for other XML. */
function flatOpenDocumentType(head: string): string | null {
  if (!/<office:document[\s>]/u.test(head)) return null
  const mimetype =
    /office:mimetype="application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation|graphics)"/u.exec(
      head,
    )
  return `application/vnd.oasis.opendocument.${mimetype?.[1] ?? 'text'}-flat-xml`
}

function decodesAsText(bytes: Uint8Array): boolean {
  try {
    decodeText(bytes.subarray(0, 64 * 1024))
    return true
  } catch {
    return false
  }
}

/** The media type of text-like content, or null when the bytes are not text. */
function detectTextType(bytes: Uint8Array, extension: string): string | null {
  if (!decodesAsText(bytes)) return null
  const bom = encodingFromBom(bytes)
  let head = headOf(bytes)
  if (bom === null && head.includes('\0')) {
    head = decodeText(bytes.subarray(0, SNIFF_BYTES)).text
  }
  if (looksLikeMbox(head)) {
    // A patch mailed as an attachment has its own `From <sha>` line; the name settles it.
    if (TEXT_EXTENSIONS[extension] === 'message/rfc822') return 'message/rfc822'
    return hasSeveralMessages(bytes) ? 'application/mbox' : 'message/rfc822'
  }
  if (looksLikeMail(head)) return 'message/rfc822'
  if (looksLikeHtml(head)) return 'text/html'
  return officeXmlType(head) ?? TEXT_EXTENSIONS[extension] ?? 'text/plain'
}

/**
 * The media type of a file, from its content first and its name only as a hint.
 *
 * @example await detectMediaType(bytes, 'report.docx')
 * // → 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
 */
export async function detectMediaType(bytes: Uint8Array, name: string): Promise<string> {
  const extension = extensionOf(name)
  if (bytes.length === 0) {
    return TEXT_EXTENSIONS[extension] ?? BINARY_EXTENSIONS[extension] ?? 'application/octet-stream'
  }
  // The volumes of a multi-volume archive are told by their names (x.7z.001, x.part2.rar,
  // x.z01); a continuation volume's bytes start anywhere in the archive's data.
  const volume = volumeRole(
    name,
    bytes.subarray(0, 512),
    bytes.subarray(Math.max(0, bytes.length - 65_557)),
  )
  if (volume === 'continuation') return 'application/x-archive-volume'
  if (volume !== null) return 'application/x-multivolume-archive'
  // A UTF-16 BOM (FF FE) looks like an MPEG audio frame to magic-number matching
  // (corpus: tika/testHTML_charset_utf16le.html), so text with a BOM is sniffed as text.
  if (encodingFromBom(bytes) === null) {
    let found: { mime: string; ext: string } | undefined
    try {
      found = await fileTypeFromBuffer(bytes)
    } catch {
      found = undefined
    }
    if (found !== undefined) {
      if (found.mime === 'application/zip') return refineZip(bytes)
      if (found.mime === 'application/x-cfb') return refineCfb(bytes, name)
      // file-type gives Outlook's .pst and .msg one media type.
      if (found.ext === 'pst') return 'application/vnd.ms-outlook-pst'
      if (found.mime === 'application/xml') {
        const head = headOf(bytes)
        if (looksLikeHtml(head)) return 'text/html'
        return officeXmlType(head) ?? TEXT_EXTENSIONS[extension] ?? 'application/xml'
      }
      // Two-byte MPEG sync words also occur at the start of text files.
      const weak = found.mime === 'audio/mpeg' && found.ext !== 'mp3'
      if (!weak || !decodesAsText(bytes)) return found.mime
    }
  }
  // Old (v7) tars have no magic number, only a header checksum (corpus: tika/testTAR_no_magic.tar).
  if (isTarHeader(bytes.subarray(0, 512))) return 'application/x-tar'
  const textType = detectTextType(bytes, extension)
  if (textType !== null) return textType
  // Unrecognisable bytes under a known name go to that format's extractor, which can say the
  // file is damaged (fixture: email/not-mail.eml → FILE_CORRUPT).
  return BINARY_EXTENSIONS[extension] ?? TEXT_EXTENSIONS[extension] ?? 'application/octet-stream'
}

/**
 * The short type name used in `type:` filters and facets: pdf, html, text, docx, email, zip,
 * and for the rest a short name such as xlsx, doc, image or other.
 */
export function typeName(mediaType: string): string {
  const known = TYPE_NAMES[mediaType]
  if (known !== undefined) return known
  const [top] = mediaType.split('/')
  if (top === 'image' || top === 'audio' || top === 'video' || top === 'font') return top
  if (top === 'text') return 'text'
  return 'other'
}

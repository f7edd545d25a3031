/** Reads what legacy Office files (.doc, .xls, .ppt) say about themselves: the
 *  `\x05SummaryInformation` and `\x05DocumentSummaryInformation` property sets (MS-OLEPS) give
 *  title, author, dates, application and company; and the checks that tell an encrypted legacy
 *  file from a damaged one. The compound file itself is opened with the `cfb` package. */

import CFB from 'cfb'
import iconv from 'iconv-lite'
import type { Metadata } from '../../../domain/index.js'

const VT_I2 = 0x02
const VT_I4 = 0x03
const VT_LPSTR = 0x1e
const VT_LPWSTR = 0x1f
const VT_FILETIME = 0x40
const CODEPAGE_PROPERTY = 1
// Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01.
const FILETIME_EPOCH_SECONDS = 11_644_473_600n
const MAX_STRING_BYTES = 64 * 1024

// Property ids of the summary information set (MS-OLEPS 3.2.1).
const SUMMARY_FIELDS: Readonly<Record<number, string>> = {
  2: 'title',
  3: 'subject',
  4: 'author',
  5: 'keywords',
  6: 'description',
  7: 'template',
  8: 'lastModifiedBy',
  9: 'revision',
  11: 'lastPrinted',
  12: 'created',
  13: 'modified',
  14: 'pages',
  15: 'words',
  18: 'application',
}
// … and of the document summary information set (MS-OLEPS 3.2.2).
const DOCUMENT_SUMMARY_FIELDS: Readonly<Record<number, string>> = {
  2: 'category',
  14: 'manager',
  15: 'company',
}

/** An opened compound file, as the `cfb` package reads it. */
export type CompoundFile = CFB.CFB$Container

/** Opens a compound file, or returns null when the bytes cannot be read as one. */
export function openCompoundFile(bytes: Uint8Array): CompoundFile | null {
  try {
    return CFB.read(bytes, { type: 'buffer' })
  } catch {
    return null
  }
}

/** The bytes of a top-level stream by name (embedded objects have streams of the same names
 *  in their own storages), or null. */
export function streamOf(file: CompoundFile, name: string): Buffer | null {
  // Stream names compare case-insensitively (MS-CFB 2.6.4).
  const wanted = `${file.FullPaths[0] ?? ''}${name}`.toLowerCase()
  const index = file.FullPaths.findIndex(
    (path, at) => file.FileIndex[at]?.type === 2 && path.toLowerCase() === wanted,
  )
  const content = file.FileIndex[index]?.content
  if (content === undefined) return null
  return Buffer.isBuffer(content) ? content : Buffer.from(content)
}

function decodeString(bytes: Buffer, codePage: number): string {
  // 1200 is CP_WINUNICODE: "8-bit" strings are then UTF-16LE.
  const encoding = codePage === 1200 ? 'utf-16le' : codePage === 65001 ? 'utf-8' : `cp${codePage}`
  const text = iconv.encodingExists(encoding)
    ? iconv.decode(bytes, encoding)
    : bytes.toString('latin1')
  return text.replace(/\0[\s\S]*$/u, '').trim()
}

function fileTimeToIso(low: number, high: number): string | null {
  const ticks = (BigInt(high) << 32n) | BigInt(low)
  if (ticks === 0n) return null
  const milliseconds = Number(ticks / 10_000n - FILETIME_EPOCH_SECONDS * 1000n)
  const date = new Date(milliseconds)
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1900 ? null : date.toISOString()
}

/** The values of the first property set in a property set stream, by property id. */
function readPropertySet(
  stream: Buffer,
  fields: Readonly<Record<number, string>>,
  into: Metadata,
): void {
  if (stream.length < 48 || stream.readUInt16LE(0) !== 0xfffe) return
  const setOffset = stream.readUInt32LE(44)
  if (setOffset + 8 > stream.length) return
  const count = Math.min(stream.readUInt32LE(setOffset + 4), 1024)
  const entries: [number, number][] = []
  for (let index = 0; index < count; index++) {
    const at = setOffset + 8 + index * 8
    if (at + 8 > stream.length) break
    entries.push([stream.readUInt32LE(at), setOffset + stream.readUInt32LE(at + 4)])
  }
  let codePage = 1252
  const codePageEntry = entries.find(([id]) => id === CODEPAGE_PROPERTY)
  if (codePageEntry !== undefined && codePageEntry[1] + 6 <= stream.length) {
    codePage = stream.readUInt16LE(codePageEntry[1] + 4)
  }
  for (const [id, offset] of entries) {
    const key = fields[id]
    if (key === undefined || key in into || offset + 8 > stream.length) continue
    const type = stream.readUInt16LE(offset)
    let value: string | number | null = null
    if (type === VT_LPSTR || type === VT_LPWSTR) {
      const size = stream.readUInt32LE(offset + 4) * (type === VT_LPWSTR ? 2 : 1)
      const end = Math.min(offset + 8 + Math.min(size, MAX_STRING_BYTES), stream.length)
      const bytes = stream.subarray(offset + 8, end)
      value = type === VT_LPWSTR ? decodeString(bytes, 1200) : decodeString(bytes, codePage)
    } else if (type === VT_FILETIME && offset + 12 <= stream.length) {
      value = fileTimeToIso(stream.readUInt32LE(offset + 4), stream.readUInt32LE(offset + 8))
    } else if (type === VT_I4) {
      value = stream.readInt32LE(offset + 4)
    } else if (type === VT_I2) {
      value = stream.readInt16LE(offset + 4)
    }
    if (value !== null && value !== '') into[key] = value
  }
}

/** Title, author, dates and the rest of a legacy Office file's summary information. */
export function readOleProperties(file: CompoundFile): Metadata {
  const metadata: Metadata = {}
  try {
    const summary = streamOf(file, '\u0005SummaryInformation')
    if (summary !== null) readPropertySet(summary, SUMMARY_FIELDS, metadata)
    const documentSummary = streamOf(file, '\u0005DocumentSummaryInformation')
    if (documentSummary !== null)
      readPropertySet(documentSummary, DOCUMENT_SUMMARY_FIELDS, metadata)
  } catch {
    // Properties are a bonus: a damaged property set leaves them out, nothing more.
  }
  return metadata
}

/** True when a Word binary document says it is encrypted (FIB `fEncrypted`, MS-DOC 2.5.2). */
export function isEncryptedWordDocument(wordDocument: Buffer): boolean {
  return wordDocument.length >= 12 && (wordDocument.readUInt16LE(0x0a) & 0x0100) !== 0
}

/** True when an Excel workbook stream has a FILEPASS record (0x002F) before the end of its
 *  globals: the workbook is encrypted (MS-XLS 2.4.117). */
export function isEncryptedWorkbook(workbook: Buffer): boolean {
  let offset = 0
  for (let records = 0; offset + 4 <= workbook.length && records < 10_000; records++) {
    const type = workbook.readUInt16LE(offset)
    if (type === 0x002f) return true
    if (type === 0x000a) return false
    offset += 4 + workbook.readUInt16LE(offset + 2)
  }
  return false
}

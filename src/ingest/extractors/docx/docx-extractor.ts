/** Reads Word documents (.docx): mammoth turns the body into HTML, which becomes text with
 *  tables, footnotes, endnotes and comments; `docProps` give title, author and dates, and files
 *  embedded in the document become child items. Legacy .doc files are another extractor's. */

import mammoth from 'mammoth'
import type { Entry } from 'yauzl'
import { DaleelError } from '../../../domain/index.js'
import type { Metadata, Warning } from '../../../domain/index.js'
import type {
  ChildItem,
  ExtractionInput,
  ExtractionLimits,
  ExtractionResult,
  Extractor,
} from '../../extractor.js'
import {
  openZip,
  rawNameOf,
  readZipEntry,
  readZipMemberByName,
  ZipMemberTooLargeError,
  ZipTooManyMembersError,
} from '../archive/read-zip.js'
import type { OpenedZip } from '../archive/read-zip.js'
import { htmlToText } from '../html/html-to-text.js'
import { limitText } from '../text/limit-text.js'
import { toWarning } from '../text/to-warning.js'
import { decryptWithPasswords } from '../office/decrypt-ooxml.js'
import { openCompoundFile, streamOf } from '../office/ole-properties.js'
import { readOfficeProperties } from './read-office-properties.js'

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
// Stream names in a compound file's directory are UTF-16LE.
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le')
const PROPERTIES_MAX_BYTES = 1024 * 1024
// Mammoth writes a back-link after each note; it is navigation, not text.
const NOTE_BACK_LINK = /<a href="#(?:footnote|endnote|comment)-ref-[^"]*">↑<\/a>/gu

function startsWithCfb(bytes: Uint8Array): boolean {
  return CFB_SIGNATURE.every((byte, index) => bytes[index] === byte)
}

function nameOf(entry: Entry): string {
  return Buffer.from(rawNameOf(entry)).toString('utf8')
}

/** True for the parts mammoth reads: the main document, notes, styles and relationships. */
function isMarkupPart(name: string): boolean {
  return (
    name === '[Content_Types].xml' ||
    name.startsWith('_rels/') ||
    (name.startsWith('word/') && (name.endsWith('.xml') || name.endsWith('.rels')))
  )
}

/**
 * Inflates every part mammoth will read, counting the bytes, before mammoth (which trusts the
 * zip) sees the file: a 40 KB .docx must not unpack into gigabytes of XML.
 */
async function checkMarkupSizes(zip: OpenedZip, limits: ExtractionLimits): Promise<void> {
  let total = 0
  for (const entry of zip.entries) {
    if (!isMarkupPart(nameOf(entry))) continue
    const budget = Math.min(limits.maxMemberBytes, limits.maxExpandedBytes - total)
    if (entry.uncompressedSize > budget) {
      throw new DaleelError('ARCHIVE_BOMB', {
        detail: `${nameOf(entry)} is larger than ${budget} bytes`,
      })
    }
    try {
      total += (await readZipEntry(zip.zipfile, entry, budget)).length
    } catch (error) {
      if (error instanceof ZipMemberTooLargeError) {
        throw new DaleelError('ARCHIVE_BOMB', {
          detail: `${nameOf(entry)} is larger than ${budget} bytes`,
        })
      }
      throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
    }
  }
}

/** Files embedded in the document (OLE objects, attached workbooks, PDFs) as child items. */
async function readEmbeddings(
  zip: OpenedZip,
  limits: ExtractionLimits,
  warnings: Warning[],
): Promise<ChildItem[]> {
  const children: ChildItem[] = []
  let total = 0
  for (const entry of zip.entries) {
    const name = nameOf(entry)
    if (!name.startsWith('word/embeddings/') || name.endsWith('/')) continue
    const budget = Math.min(limits.maxMemberBytes, limits.maxExpandedBytes - total)
    try {
      const bytes = await readZipEntry(zip.zipfile, entry, budget)
      total += bytes.length
      children.push({ name, bytes })
    } catch (error) {
      if (error instanceof ZipMemberTooLargeError) {
        warnings.push(toWarning('FILE_TOO_LARGE', { limit: budget }, name))
      } else warnings.push(toWarning('FILE_CORRUPT', {}, name))
    }
  }
  return children
}

async function readProperties(zip: OpenedZip): Promise<Metadata> {
  const read = async (name: string): Promise<string | null> => {
    try {
      return (await readZipMemberByName(zip, name, PROPERTIES_MAX_BYTES))?.toString('utf8') ?? null
    } catch {
      // Properties are a bonus: a damaged or oversized part leaves them out, nothing more.
      return null
    }
  }
  return readOfficeProperties(await read('docProps/core.xml'), await read('docProps/app.xml'))
}

async function readBody(bytes: Uint8Array): Promise<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        // Images are not needed for text; an empty src keeps mammoth from base64-encoding them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        // Comments are dropped unless a style map asks for them; reviewers' notes matter to us.
        styleMap: ['comment-reference => sup'],
        externalFileAccess: false,
      },
    )
    html = result.value
  } catch (error) {
    throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
  }
  return htmlToText(html.replace(NOTE_BACK_LINK, '')).text
}

/** The package inside a password-protected .docx, when one of the passwords opens it. */
function decryptDocx(bytes: Uint8Array, passwords: readonly string[]): Buffer {
  const file = openCompoundFile(bytes)
  const info = file === null ? null : streamOf(file, 'EncryptionInfo')
  const encrypted = file === null ? null : streamOf(file, 'EncryptedPackage')
  const plain =
    info === null || encrypted === null ? null : decryptWithPasswords(info, encrypted, passwords)
  if (plain === null) throw new DaleelError('FILE_ENCRYPTED')
  return plain.bytes
}

async function readDocx(input: ExtractionInput): Promise<ExtractionResult> {
  const { limits } = input
  let { bytes } = input
  if (bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  // Password-protected Office files are not zips but compound files holding an encrypted
  // package (corpus: ingest-file/password_protected.xlsx; fixture: docx/encrypted.docx).
  let decrypted = false
  if (startsWithCfb(bytes)) {
    if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTION_INFO)) {
      throw new DaleelError('FORMAT_UNSUPPORTED', { mediaType: 'application/x-cfb' })
    }
    bytes = decryptDocx(bytes, input.passwords ?? [])
    decrypted = true
  }
  let zip: OpenedZip
  try {
    zip = await openZip(bytes, limits.maxMembers)
  } catch (error) {
    if (error instanceof ZipTooManyMembersError) {
      throw new DaleelError('ARCHIVE_BOMB', { detail: `${error.count} parts` })
    }
    throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
  }
  try {
    if (!zip.entries.some((entry) => nameOf(entry).startsWith('word/'))) {
      throw new DaleelError('FILE_CORRUPT')
    }
    await checkMarkupSizes(zip, limits)
    const body = await readBody(bytes)
    const warnings: Warning[] = []
    const metadata = await readProperties(zip)
    if (decrypted) metadata.openedWithPassword = true
    const children = await readEmbeddings(zip, limits, warnings)
    const limited = limitText(body, limits)
    const title = typeof metadata.title === 'string' ? metadata.title : null
    return {
      text: limited.text,
      title,
      metadata,
      method: 'markup',
      children,
      warnings: [...warnings, ...limited.warnings],
    }
  } finally {
    zip.zipfile.close()
  }
}

/** Turns a .docx into a document with its text, properties and embedded files. */
export class DocxExtractor implements Extractor {
  readonly name = 'docx'

  extract(input: ExtractionInput): Promise<ExtractionResult> {
    return readDocx(input)
  }
}

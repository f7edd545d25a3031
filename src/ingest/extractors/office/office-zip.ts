/** The zip packages of Office Open XML (.xlsx, .pptx) and OpenDocument (.odt, .ods, .odp):
 *  opens them with the extraction limits, reads or streams one part at a time while counting
 *  the bytes that really inflate, resolves OPC relationships and hands embedded files on as
 *  child items. Turning the parts into text is each format's extractor's job. */

import type { Entry } from 'yauzl'
import { DaleelError } from '../../../domain/index.js'
import type { Metadata, Warning } from '../../../domain/index.js'
import type { ChildItem, ExtractionLimits } from '../../extractor.js'
import {
  openZip,
  rawNameOf,
  ZipMemberTooLargeError,
  ZipTooManyMembersError,
} from '../archive/read-zip.js'
import type { OpenedZip } from '../archive/read-zip.js'
import { readOfficeProperties } from '../docx/read-office-properties.js'
import { toWarning } from '../text/to-warning.js'
import { compoundFileKind, isCompoundFile, listCompoundFileStreams } from './compound-file.js'
import { decryptWithPasswords } from './decrypt-ooxml.js'
import { openCompoundFile, streamOf } from './ole-properties.js'
import { attributeOf, localName, parseXmlBytes } from './parse-xml.js'

const PROPERTIES_MAX_BYTES = 1024 * 1024

/** One OPC relationship with its target resolved to a part name inside the package. */
export interface Relationship {
  readonly id: string
  /** The relationship type's last path segment, e.g. `worksheet`, `slide`, `notesSlide`. */
  readonly type: string
  readonly target: string
}

/** Thrown out of a chunk callback to stop reading a part early; not an error. */
class StopReading extends Error {}

/**
 * The zip inside bytes that are a compound file rather than a zip: Office writes
 * password-protected packages that way (corpus: ingest-file/password_protected.xlsx). Excel's
 * default password and the given ones are tried; when none opens it, FILE_ENCRYPTED.
 */
function unwrapCompoundFile(
  bytes: Uint8Array,
  passwords: readonly string[],
): { bytes: Buffer; defaultPassword: boolean } {
  const kind = compoundFileKind(listCompoundFileStreams(bytes) ?? [])
  if (kind !== 'encrypted-ooxml') {
    throw new DaleelError('FORMAT_UNSUPPORTED', { mediaType: 'application/x-cfb' })
  }
  const file = openCompoundFile(bytes)
  const info = file === null ? null : streamOf(file, 'EncryptionInfo')
  const encrypted = file === null ? null : streamOf(file, 'EncryptedPackage')
  const plain =
    info === null || encrypted === null ? null : decryptWithPasswords(info, encrypted, passwords)
  if (plain === null) throw new DaleelError('FILE_ENCRYPTED')
  return plain
}

/** `dir/sub/../x.xml` → `dir/x.xml`; a leading `/` means the package root. */
export function resolvePartName(base: string, target: string): string {
  let decoded = target
  try {
    decoded = decodeURIComponent(target)
  } catch {
    // A stray % in a target is kept as written.
  }
  const start = decoded.startsWith('/') ? [] : base.split('/').slice(0, -1)
  const parts = [...start]
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') parts.pop()
    else parts.push(segment)
  }
  return parts.join('/')
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`
}

/** An Office zip package opened for reading within the extraction limits. */
export class OfficeZip {
  private expanded = 0
  // Part names are case-insensitive in OPC (ECMA-376 part 2, 9.1.1.1): `XL/Workbook.xml` and
  // `xl/workbook.xml` are the same part.
  private readonly byName = new Map<string, Entry>()

  private constructor(
    private readonly zip: OpenedZip,
    private readonly limits: ExtractionLimits,
    /** How an encrypted package was opened: with Excel's default password or a given one. */
    readonly decrypted: 'default' | 'given' | null,
  ) {
    for (const entry of zip.entries) {
      const name = Buffer.from(rawNameOf(entry)).toString('utf8')
      if (!name.endsWith('/')) this.byName.set(name.toLowerCase(), entry)
    }
  }

  /** Opens a package; a compound file, a damaged zip or too many members become DaleelErrors. */
  static async open(
    bytes: Uint8Array,
    limits: ExtractionLimits,
    passwords: readonly string[] = [],
  ): Promise<OfficeZip> {
    if (bytes.length === 0) throw new DaleelError('FILE_EMPTY')
    const unwrapped = isCompoundFile(bytes) ? unwrapCompoundFile(bytes, passwords) : null
    try {
      return new OfficeZip(
        await openZip(unwrapped?.bytes ?? bytes, limits.maxMembers),
        limits,
        unwrapped === null ? null : unwrapped.defaultPassword ? 'default' : 'given',
      )
    } catch (error) {
      if (error instanceof ZipTooManyMembersError) {
        throw new DaleelError('ARCHIVE_BOMB', { detail: `${error.count} parts` })
      }
      throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
    }
  }

  /** Every part name, as written in the zip. */
  partNames(): string[] {
    return [...this.byName.values()].map((entry) => Buffer.from(rawNameOf(entry)).toString('utf8'))
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase())
  }

  private budget(): number {
    return Math.max(
      0,
      Math.min(this.limits.maxMemberBytes, this.limits.maxExpandedBytes - this.expanded),
    )
  }

  /**
   * Streams one part's inflated bytes to `onChunk`, which may return false to stop early.
   * Resolves to false when the part is absent. Too many bytes → ARCHIVE_BOMB; an inflate
   * error → FILE_CORRUPT.
   */
  async stream(name: string, onChunk: (chunk: Buffer) => boolean | void): Promise<boolean> {
    const entry = this.byName.get(name.toLowerCase())
    if (entry === undefined) return false
    const budget = this.budget()
    const tooLarge = (): DaleelError =>
      new DaleelError('ARCHIVE_BOMB', { detail: `${name} is larger than ${budget} bytes` })
    if (entry.uncompressedSize > budget) throw tooLarge()
    let total = 0
    try {
      await new Promise<void>((resolve, reject) => {
        this.zip.zipfile.openReadStream(entry, (error, stream) => {
          if (error !== null) return reject(error)
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length
            if (total > budget) return void stream.destroy(new ZipMemberTooLargeError(budget))
            try {
              if (onChunk(chunk) === false) stream.destroy(new StopReading())
            } catch (callbackError) {
              stream.destroy(callbackError as Error)
            }
          })
          stream.once('error', (streamError) =>
            streamError instanceof StopReading ? resolve() : reject(streamError),
          )
          stream.once('end', () => resolve())
        })
      })
    } catch (error) {
      if (error instanceof ZipMemberTooLargeError) throw tooLarge()
      if (error instanceof DaleelError) throw error
      throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
    } finally {
      this.expanded += total
    }
    return true
  }

  /** One whole part as bytes, or null when it is absent. */
  async read(name: string): Promise<Buffer | null> {
    const chunks: Buffer[] = []
    const found = await this.stream(name, (chunk) => void chunks.push(chunk))
    return found ? Buffer.concat(chunks) : null
  }

  /** A small optional part (properties, relationships): absent, damaged or oversized → null. */
  async readOptional(name: string, maxBytes = PROPERTIES_MAX_BYTES): Promise<Buffer | null> {
    const entry = this.byName.get(name.toLowerCase())
    if (entry === undefined || entry.uncompressedSize > maxBytes) return null
    try {
      return await this.read(name)
    } catch {
      return null
    }
  }

  /** The relationships of a part (`''` for the package itself), targets resolved; external
   *  targets (hyperlinks, linked files) are left out. */
  async relationships(part: string): Promise<Relationship[]> {
    const xml = await this.readOptional(part === '' ? '_rels/.rels' : relationshipsPartOf(part))
    if (xml === null) return []
    const found: Relationship[] = []
    parseXmlBytes(xml, {
      open(name, attributes) {
        if (localName(name) !== 'Relationship') return
        const id = attributeOf(attributes, 'Id') ?? ''
        const type = attributeOf(attributes, 'Type') ?? ''
        const target = attributeOf(attributes, 'Target')
        if (target === undefined || attributeOf(attributes, 'TargetMode') === 'External') return
        found.push({
          id,
          type: type.slice(type.lastIndexOf('/') + 1),
          target: resolvePartName(part, target),
        })
      },
    })
    return found
  }

  /** The package's main part (`officeDocument` relationship), or `fallback` when unnamed. */
  async mainPart(fallback: string): Promise<string> {
    const main = (await this.relationships('')).find((rel) => rel.type === 'officeDocument')
    return main !== undefined && this.has(main.target) ? main.target : fallback
  }

  /** Title, author and dates from `docProps/core.xml` and `docProps/app.xml`, and whether the
   *  package was encrypted (opened with the default password, or with a given one). */
  async officeProperties(): Promise<Metadata> {
    const text = async (name: string): Promise<string | null> =>
      (await this.readOptional(name))?.toString('utf8') ?? null
    const metadata = readOfficeProperties(
      await text('docProps/core.xml'),
      await text('docProps/app.xml'),
    )
    if (this.decrypted === 'default') metadata.encryptedWithDefaultPassword = true
    if (this.decrypted === 'given') metadata.openedWithPassword = true
    return metadata
  }

  /** Files embedded in the document (OLE objects, workbooks in slides, PDFs) as child items. */
  async embeddedFiles(folder: string, warnings: Warning[]): Promise<ChildItem[]> {
    const children: ChildItem[] = []
    const prefix = folder.toLowerCase()
    for (const [key, entry] of this.byName) {
      if (!key.startsWith(prefix)) continue
      const name = Buffer.from(rawNameOf(entry)).toString('utf8')
      try {
        const bytes = await this.read(name)
        if (bytes !== null) children.push({ name, bytes })
      } catch (error) {
        const code =
          error instanceof DaleelError && error.code === 'ARCHIVE_BOMB'
            ? 'ARCHIVE_BOMB'
            : 'FILE_CORRUPT'
        warnings.push(toWarning(code, { detail: `${name} is too large` }, name))
      }
    }
    return children
  }

  close(): void {
    this.zip.zipfile.close()
  }
}

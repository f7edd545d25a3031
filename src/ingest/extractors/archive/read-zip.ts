/** Promise helpers around yauzl for reading a zip held in memory: list the central directory,
 *  then inflate one member at a time while counting the bytes that really come out. Names stay
 *  raw bytes here (`decodeStrings: false`); decoding them is `decodeZipNames`'s job. */

import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'

/** A zip opened from memory with its central directory read. */
export interface OpenedZip {
  readonly zipfile: ZipFile
  readonly entries: readonly Entry[]
  /** The archive comment as raw bytes. */
  readonly comment: Uint8Array
}

/** Thrown when a member inflates to more bytes than the caller allowed. */
export class ZipMemberTooLargeError extends Error {
  override readonly name = 'ZipMemberTooLargeError'
  constructor(readonly limit: number) {
    super(`member inflates beyond ${limit} bytes`)
  }
}

/** Thrown when the central directory lists more members than the caller allowed. */
export class ZipTooManyMembersError extends Error {
  override readonly name = 'ZipTooManyMembersError'
  constructor(
    readonly count: number,
    readonly limit: number,
  ) {
    super(`${count} members, more than ${limit}`)
  }
}

/** The raw name bytes of an entry opened with `decodeStrings: false`. */
export function rawNameOf(entry: Entry): Uint8Array {
  const name: unknown = entry.fileName
  return name instanceof Uint8Array ? name : Buffer.from(String(name), 'latin1')
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * Opens a zip and reads its whole central directory; rejects for bytes that are not a zip or
 * whose directory is damaged, and with `ZipTooManyMembersError` above `maxEntries`.
 */
export function openZip(bytes: Uint8Array, maxEntries = Infinity): Promise<OpenedZip> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      toBuffer(bytes),
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (error, zipfile) => {
        if (error !== null) return reject(error)
        if (zipfile.entryCount > maxEntries) {
          zipfile.close()
          return reject(new ZipTooManyMembersError(zipfile.entryCount, maxEntries))
        }
        const entries: Entry[] = []
        zipfile.on('entry', (entry: Entry) => {
          entries.push(entry)
          zipfile.readEntry()
        })
        zipfile.once('end', () => {
          const comment: unknown = zipfile.comment
          resolve({
            zipfile,
            entries,
            comment: comment instanceof Uint8Array ? comment : new Uint8Array(),
          })
        })
        zipfile.once('error', reject)
        zipfile.readEntry()
      },
    )
  })
}

/**
 * Inflates one member, stopping as soon as more than `maxBytes` come out: the sizes in the
 * headers are the archive's claim, the counted bytes are the truth.
 */
export function readZipEntry(zipfile: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zipfile.openReadStream(entry, (error, stream: Readable) => {
      if (error !== null) return reject(error)
      const chunks: Buffer[] = []
      let total = 0
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length
        if (total > maxBytes) {
          stream.destroy(new ZipMemberTooLargeError(maxBytes))
          return
        }
        chunks.push(chunk)
      })
      stream.once('error', reject)
      stream.once('end', () => resolve(Buffer.concat(chunks, total)))
    })
  })
}

/** Reads one member by exact name (e.g. `docProps/core.xml`), or null when it is absent. */
export async function readZipMemberByName(
  zip: OpenedZip,
  name: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const wanted = Buffer.from(name, 'utf8')
  const entry = zip.entries.find((candidate) => wanted.equals(toBuffer(rawNameOf(candidate))))
  return entry === undefined ? null : readZipEntry(zip.zipfile, entry, maxBytes)
}

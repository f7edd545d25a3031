/** Reads zip archives: the document's text is the list of member names and every file member
 *  becomes a child item with its bytes (the walker extracts those in turn). Guards against zip
 *  bombs, path traversal and symlinks; salvages what it can from a cut-off archive. Members are
 *  never written to disk here, except that an archive with encrypted members is handed to
 *  7-Zip when passwords are given. */

import { crc32 } from 'node:zlib'
import type { Entry } from 'yauzl'
import { DaleelError } from '../../../domain/index.js'
import type { Metadata, Warning } from '../../../domain/index.js'
import type {
  ChildItem,
  ExtractionInput,
  ExtractionLimits,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { toWarning } from '../text/to-warning.js'
import { decodeZipNames } from './decode-zip-names.js'
import type { RawZipName } from './decode-zip-names.js'
import {
  openZip,
  rawNameOf,
  readZipEntry,
  ZipMemberTooLargeError,
  ZipTooManyMembersError,
} from './read-zip.js'
import type { OpenedZip } from './read-zip.js'
import { RecoveryLimitError, recoverZipMembers } from './recover-zip-members.js'
import { safeMemberName } from './safe-member-name.js'
import { UniqueNames } from './unique-names.js'
import { RATIO_CHECK_MIN_BYTES } from './bomb-guard.js'
import { readWithSevenZip } from './sevenzip-extractor.js'

const UNIX_HOST = 3
const SYMLINK_MODE = 0o120000
const FILE_TYPE_MASK = 0o170000
const DOS_DIRECTORY = 0x10

function bomb(detail: string): DaleelError {
  return new DaleelError('ARCHIVE_BOMB', { detail })
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${bytes} bytes`
}

/** Refuses archives whose headers already announce a bomb, before inflating anything. */
function checkDeclaredSizes(entries: readonly Entry[], limits: ExtractionLimits): void {
  let declared = 0
  const offsets = new Set<number>()
  for (const entry of entries) {
    declared += entry.uncompressedSize
    if (declared > limits.maxExpandedBytes) {
      throw bomb(`members declare more than ${formatBytes(limits.maxExpandedBytes)}`)
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
    if (entry.uncompressedSize > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
      throw bomb(
        `a member expands ${Math.round(ratio)} times, the limit is ${limits.maxCompressionRatio}`,
      )
    }
    // Overlapping members that all point at one compressed kernel are the classic way to
    // multiply a small file into petabytes.
    if (offsets.has(entry.relativeOffsetOfLocalHeader)) throw bomb('members share their data')
    offsets.add(entry.relativeOffsetOfLocalHeader)
  }
}

function isDirectory(entry: Entry, rawName: Uint8Array): boolean {
  const last = rawName[rawName.length - 1]
  if (last === 0x2f || last === 0x5c) return true
  return (entry.externalFileAttributes & DOS_DIRECTORY) !== 0 && entry.uncompressedSize === 0
}

function isSymlink(entry: Entry): boolean {
  return (
    entry.versionMadeBy >> 8 === UNIX_HOST &&
    ((entry.externalFileAttributes >>> 16) & FILE_TYPE_MASK) === SYMLINK_MODE
  )
}

function modifiedOf(entry: Entry): string | undefined {
  // DOS timestamps carry no zone; we read them as UTC so the same zip gives the same dates on
  // every machine. An Info-ZIP/NTFS extra field, when present, is real UTC.
  const date = (entry.getLastModDate as (options: { timezone: 'UTC' }) => Date).call(entry, {
    timezone: 'UTC',
  })
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1980
    ? undefined
    : date.toISOString()
}

function toRawName(entry: Entry): RawZipName {
  return {
    nameBytes: rawNameOf(entry),
    generalPurposeBitFlag: entry.generalPurposeBitFlag,
    extraFields: entry.extraFields,
  }
}

function decodeComment(comment: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(comment).trim()
  } catch {
    return Buffer.from(comment).toString('latin1').trim()
  }
}

interface Listing {
  readonly lines: string[]
  readonly children: ChildItem[]
  readonly warnings: Warning[]
}

/** The name with control characters (NUL included) shown as `?`, for messages. */
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/gu, '?')
}

/** Turns a member's raw name into a safe, unique child name, warning when it was unsafe. */
function nameMember(rawName: string, index: number, unique: UniqueNames, listing: Listing): string {
  const safe = safeMemberName(rawName, `member-${index + 1}`)
  if (safe.unsafe) {
    listing.warnings.push({
      code: 'ARCHIVE_UNSAFE_PATH',
      message: `An archive member has an unsafe name and was renamed: “${printable(rawName)}” → ${safe.name}.`,
    })
  }
  return unique.claim(safe.name)
}

async function readMembers(
  zip: OpenedZip,
  limits: ExtractionLimits,
  signal: AbortSignal | undefined,
): Promise<ExtractionResult> {
  const { entries } = zip
  checkDeclaredSizes(entries, limits)
  const decoded = decodeZipNames(entries.map(toRawName))
  const listing: Listing = { lines: [], children: [], warnings: [] }
  const unique = new UniqueNames()
  const files = entries.filter(
    (entry) => !isDirectory(entry, rawNameOf(entry)) && !isSymlink(entry),
  )
  if (files.length > 0 && files.every((entry) => entry.isEncrypted())) {
    throw new DaleelError('FILE_ENCRYPTED')
  }
  let expanded = 0
  for (const [index, entry] of entries.entries()) {
    signal?.throwIfAborted()
    const rawName = decoded.names[index] ?? ''
    if (isDirectory(entry, rawNameOf(entry))) {
      const safe = safeMemberName(rawName, `member-${index + 1}`)
      listing.lines.push(`${safe.name}/`)
      continue
    }
    if (isSymlink(entry)) {
      // A link's "content" is a path on the machine that made the archive; following it is
      // how zip-slip attacks reach outside (fixture: corpus ingest-file/badtar.tar).
      listing.warnings.push(toWarning('ARCHIVE_UNSAFE_PATH', { name: rawName }))
      continue
    }
    const name = nameMember(rawName, index, unique, listing)
    listing.lines.push(name)
    if (entry.isEncrypted()) {
      listing.warnings.push(toWarning('FILE_ENCRYPTED', {}, name))
      continue
    }
    if (entry.uncompressedSize > limits.maxMemberBytes) {
      listing.warnings.push(toWarning('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }, name))
      continue
    }
    let bytes: Buffer
    try {
      const budget = Math.min(limits.maxMemberBytes, limits.maxExpandedBytes - expanded)
      bytes = await readZipEntry(zip.zipfile, entry, budget)
    } catch (error) {
      if (error instanceof ZipMemberTooLargeError) {
        throw bomb(`members expand to more than ${formatBytes(limits.maxExpandedBytes)}`)
      }
      const message = error instanceof Error ? error.message : String(error)
      listing.warnings.push(
        /unsupported compression method/u.test(message)
          ? toWarning(
              'FORMAT_UNSUPPORTED',
              { mediaType: `zip method ${entry.compressionMethod}` },
              name,
            )
          : toWarning('FILE_CORRUPT', {}, name),
      )
      continue
    }
    expanded += bytes.length
    if (crc32(bytes) !== entry.crc32) {
      // Kept anyway: a flipped bit rarely spoils a whole document.
      listing.warnings.push(toWarning('FILE_CORRUPT', {}, name))
    }
    const modified = modifiedOf(entry)
    listing.children.push(modified === undefined ? { name, bytes } : { name, bytes, modified })
  }
  const metadata: Metadata = { members: listing.children.length }
  const comment = decodeComment(zip.comment)
  if (comment !== '') metadata.comment = comment
  return {
    text: listing.lines.join('\n'),
    title: null,
    metadata,
    encoding: decoded.encoding,
    method: 'container',
    children: listing.children,
    warnings: listing.warnings,
  }
}

/** Salvages the members of an archive without a readable central directory. */
function readTruncated(input: ExtractionInput, cause: unknown): ExtractionResult {
  const { limits } = input
  let members
  try {
    members = recoverZipMembers(input.bytes, limits.maxExpandedBytes, limits.maxMembers)
  } catch (error) {
    if (error instanceof RecoveryLimitError) throw bomb(error.message)
    throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
  }
  if (members.length === 0) throw new DaleelError('FILE_CORRUPT', {}, { cause })
  if (members.every((member) => member.encrypted))
    throw new DaleelError('FILE_ENCRYPTED', {}, { cause })
  const decoded = decodeZipNames(members)
  const listing: Listing = { lines: [], children: [], warnings: [toWarning('TEXT_TRUNCATED')] }
  const unique = new UniqueNames()
  for (const [index, member] of members.entries()) {
    const rawName = decoded.names[index] ?? ''
    const last = rawName[rawName.length - 1]
    if ((last === '/' || last === '\\') && (member.bytes?.length ?? 0) === 0) continue
    const name = nameMember(rawName, index, unique, listing)
    listing.lines.push(name)
    if (member.encrypted) listing.warnings.push(toWarning('FILE_ENCRYPTED', {}, name))
    else if (member.bytes === undefined) {
      listing.warnings.push(
        toWarning(
          'FORMAT_UNSUPPORTED',
          { mediaType: `zip method ${member.compressionMethod}` },
          name,
        ),
      )
    } else {
      if (member.partial) listing.warnings.push(toWarning('TEXT_TRUNCATED', {}, name))
      listing.children.push({ name, bytes: member.bytes })
    }
  }
  return {
    text: listing.lines.join('\n'),
    title: null,
    metadata: { members: listing.children.length },
    encoding: decoded.encoding,
    method: 'container',
    children: listing.children,
    warnings: listing.warnings,
  }
}

async function readZip(
  input: ExtractionInput,
  options?: ExtractOptions,
): Promise<ExtractionResult> {
  const signal = options?.signal
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  let zip: OpenedZip
  try {
    zip = await openZip(input.bytes, input.limits.maxMembers)
  } catch (error) {
    if (error instanceof ZipTooManyMembersError) {
      throw bomb(`${error.count} members, the limit is ${error.limit}`)
    }
    const message = error instanceof Error ? error.message : ''
    // Strong (certificate) encryption also hides the central directory.
    if (/strong encryption/u.test(message))
      throw new DaleelError('FILE_ENCRYPTED', {}, { cause: error })
    return readTruncated(input, error)
  }
  // yauzl cannot decrypt: with passwords to try, encrypted members (ZipCrypto or AES) are read
  // by 7-Zip instead.
  if ((input.passwords?.length ?? 0) > 0 && zip.entries.some((entry) => entry.isEncrypted())) {
    zip.zipfile.close()
    return readWithSevenZip(input, options)
  }
  try {
    return await readMembers(zip, input.limits, signal)
  } finally {
    zip.zipfile.close()
  }
}

/** Lists a zip archive and hands its file members on as children; method 'container'. */
export class ZipExtractor implements Extractor {
  readonly name = 'zip'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    return readZip(input, options)
  }
}

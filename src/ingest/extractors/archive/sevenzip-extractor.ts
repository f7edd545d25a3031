/** Reads 7z archives with the 7-Zip program: lists the archive, refuses bombs by the sizes the
 *  listing declares, extracts into a private temporary folder, reads the regular files back as
 *  children and deletes the folder. Symbolic links are skipped with a warning and never
 *  followed. An archive whose names are encrypted, or all of whose members are, is
 *  FILE_ENCRYPTED unless one of the given passwords opens it. Also reads a spanned zip (`x.z01` + `x.zip`) from its folder on disk. */

import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { DaleelError } from '../../../domain/index.js'
import type { Warning } from '../../../domain/index.js'
import type {
  ChildItem,
  ExtractionInput,
  ExtractionLimits,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { toWarning } from '../text/to-warning.js'
import { MemberNames, printableName } from './member-names.js'
import { plainBytes } from './plain-bytes.js'
import { extractArchive, listArchive } from './run-seven-zip.js'
import type { SevenZipEntry, SevenZipListing, SevenZipRunOptions } from './run-seven-zip.js'
import { sevenZipBinary } from './seven-zip-binary.js'
import { RATIO_CHECK_MIN_BYTES } from './bomb-guard.js'

const LIST_TIMEOUT_MS = 60_000
const EXTRACT_TIMEOUT_MS = 15 * 60_000

function bomb(detail: string): DaleelError {
  return new DaleelError('ARCHIVE_BOMB', { detail })
}

/** Refuses what the listing already shows to be too big, before anything is written to disk. */
function checkDeclaredSizes(
  entries: readonly SevenZipEntry[],
  archiveBytes: number,
  limits: ExtractionLimits,
): void {
  if (entries.length > limits.maxMembers)
    throw bomb(`${entries.length} members, the limit is ${limits.maxMembers}`)
  const declared = entries.reduce((sum, entry) => sum + (entry.size ?? 0), 0)
  if (declared > limits.maxExpandedBytes)
    throw bomb(`members declare more than ${limits.maxExpandedBytes} bytes`)
  // Solid 7z blocks give one packed size for many members, so the ratio is the archive's.
  const ratio = declared / Math.max(1, archiveBytes)
  if (declared > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
    throw bomb(`it expands ${Math.round(ratio)} times, the limit is ${limits.maxCompressionRatio}`)
  }
}

/** Every path under `folder`, relative and `/`-separated, with what lstat says it is. */
async function walkFolder(
  folder: string,
): Promise<{ path: string; kind: 'file' | 'symlink' | 'other'; size: number }[]> {
  const found: { path: string; kind: 'file' | 'symlink' | 'other'; size: number }[] = []
  const visit = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const full = join(directory, entry.name)
      const info = await lstat(full)
      const path = relative(folder, full).split(sep).join('/')
      if (info.isSymbolicLink()) found.push({ path, kind: 'symlink', size: 0 })
      else if (info.isDirectory()) await visit(full)
      else found.push({ path, kind: info.isFile() ? 'file' : 'other', size: info.size })
    }
  }
  await visit(folder)
  return found
}

/** The members 7-Zip names in `ERROR: Data Error : path` lines: their files are damaged or
 *  empty (a spanned zip without its other volumes gives `Unavailable data`). */
function failedMembers(error: string | null): Set<string> {
  const failed = new Set<string>()
  for (const match of (error ?? '').matchAll(/^ERROR: [^:\n]+ : (.+)$/gmu)) {
    if (match[1] !== undefined) failed.add(match[1].trim())
  }
  return failed
}

function isEncryptedError(error: string | null): boolean {
  return error !== null && /encrypted|wrong password/iu.test(error)
}

/** The archive's path on disk: the input file itself, or a copy of the bytes in `folder`. */
async function archivePathFor(input: ExtractionInput, folder: string): Promise<string> {
  if (input.sourcePath !== undefined && input.sourcePath !== null) return input.sourcePath
  // A name of our own: 7-Zip treats `.001` and friends specially, and the member's own name
  // may be anything.
  const path = join(folder, 'archive.7z')
  await writeFile(path, input.bytes, { mode: 0o600 })
  return path
}

async function readExtracted(
  listing: SevenZipListing,
  folder: string,
  limits: ExtractionLimits,
  options: ExtractOptions | undefined,
  warnings: Warning[],
  failed: ReadonlySet<string>,
  decrypted = false,
): Promise<{ lines: string[]; children: ChildItem[] }> {
  const byPath = new Map(listing.entries.map((entry) => [entry.path, entry]))
  const files = await walkFolder(folder)
  // Listing order where we know it: the archive's order is the user's order.
  const order = new Map(listing.entries.map((entry, index) => [entry.path, index]))
  files.sort(
    (a, b) =>
      (order.get(a.path) ?? Infinity) - (order.get(b.path) ?? Infinity) ||
      a.path.localeCompare(b.path),
  )
  const names = new MemberNames(warnings)
  const lines: string[] = listing.entries
    .filter((entry) => entry.isDirectory)
    .map((entry) => `${names.directory(entry.path, 0)}/`)
  const children: ChildItem[] = []
  let expanded = 0
  for (const [index, file] of files.entries()) {
    options?.signal?.throwIfAborted()
    options?.onProgress?.()
    const entry = byPath.get(file.path)
    if (file.kind === 'symlink' || entry?.isSymlink === true) {
      // A link's target is a path on the machine that made the archive (or one of ours).
      warnings.push(toWarning('ARCHIVE_UNSAFE_PATH', { name: printableName(file.path) }))
      continue
    }
    if (file.kind !== 'file') {
      warnings.push(
        toWarning('FORMAT_UNSUPPORTED', { mediaType: 'special file' }, printableName(file.path)),
      )
      continue
    }
    const name = names.claim(entry?.path ?? file.path, index)
    lines.push(name)
    if (entry?.encrypted === true && !decrypted) continue
    if (failed.has(file.path) || (file.size === 0 && (entry?.size ?? 0) > 0)) {
      warnings.push(toWarning('FILE_CORRUPT', {}, name))
      continue
    }
    if (entry?.size !== null && entry?.size !== undefined && entry.size !== file.size) {
      warnings.push(toWarning('TEXT_TRUNCATED', {}, name))
    }
    if (file.size > limits.maxMemberBytes) {
      warnings.push(toWarning('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }, name))
      continue
    }
    expanded += file.size
    if (expanded > limits.maxExpandedBytes)
      throw bomb(`members expand to more than ${limits.maxExpandedBytes} bytes`)
    const bytes = plainBytes(await readFile(join(folder, file.path)))
    const modified = entry?.modified ?? null
    children.push(modified === null ? { name, bytes } : { name, bytes, modified })
  }
  return { lines, children }
}

/** Reads any archive 7-Zip reads (7z, and zip with encrypted members, whose decryption the zip
 *  reader lacks) into a listing and children. */
export async function readWithSevenZip(
  input: ExtractionInput,
  options?: ExtractOptions,
): Promise<ExtractionResult> {
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  const bin = await sevenZipBinary()
  const work = await mkdtemp(join(tmpdir(), 'daleel-7z-'))
  try {
    const archive = await archivePathFor(input, work)
    const run = (timeoutMs: number, password?: string): SevenZipRunOptions => ({
      timeoutMs,
      ...(password === undefined ? {} : { password }),
      ...(options?.signal === undefined ? {} : { signal: options.signal }),
      ...(options?.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    })
    const passwords = input.passwords ?? []
    let password: string | undefined
    let listing = await listArchive(bin, archive, run(LIST_TIMEOUT_MS))
    options?.signal?.throwIfAborted()
    // Encrypted names (7z -mhe): only the right password lists the archive.
    for (const candidate of passwords) {
      if (!(isEncryptedError(listing.error) && listing.entries.length === 0)) break
      listing = await listArchive(bin, archive, run(LIST_TIMEOUT_MS, candidate))
      password = candidate
      options?.signal?.throwIfAborted()
    }
    if (isEncryptedError(listing.error) && listing.entries.length === 0) {
      throw new DaleelError('FILE_ENCRYPTED', {}, { cause: listing.error })
    }
    if (listing.entries.length === 0 && listing.error !== null) {
      throw new DaleelError('FILE_CORRUPT', {}, { cause: listing.error })
    }
    const files = listing.entries.filter((entry) => !entry.isDirectory && !entry.isSymlink)
    const encrypted = files.some((entry) => entry.encrypted)
    checkDeclaredSizes(listing.entries, input.bytes.length, input.limits)
    // Encrypted members: each given password is tried until one extracts them.
    const candidates = encrypted ? (password !== undefined ? [password] : passwords) : [password]
    if (candidates.length === 0 && files.length > 0 && files.every((entry) => entry.encrypted))
      throw new DaleelError('FILE_ENCRYPTED')
    let output = ''
    let extraction: { error: string | null } = { error: null }
    let opened = false
    const attempts = candidates.length > 0 ? candidates : [undefined]
    for (const [attempt, candidate] of attempts.entries()) {
      output = join(work, `out-${attempt}`)
      await mkdir(output, { mode: 0o700 })
      extraction = await extractArchive(bin, archive, output, run(EXTRACT_TIMEOUT_MS, candidate))
      options?.signal?.throwIfAborted()
      opened = !/wrong password/iu.test(extraction.error ?? '')
      if (opened || !encrypted) {
        password = candidate
        break
      }
      // The last attempt's output is kept: it holds the members that are not encrypted.
      if (attempt < attempts.length - 1) await rm(output, { recursive: true, force: true })
    }
    if (encrypted && !opened && files.every((entry) => entry.encrypted))
      throw new DaleelError('FILE_ENCRYPTED', {}, { cause: 'none of the given passwords opens it' })
    const warnings: Warning[] = []
    if (!opened) {
      for (const entry of files.filter((file) => file.encrypted)) {
        warnings.push(toWarning('FILE_ENCRYPTED', {}, printableName(entry.path)))
      }
    }
    const complaint = `${listing.error ?? ''}\n${extraction.error ?? ''}`
    if (/missing volume|unexpected end/iu.test(complaint))
      warnings.push(toWarning('TEXT_TRUNCATED'))
    const failed = failedMembers(extraction.error)
    const { lines, children } = await readExtracted(
      listing,
      output,
      input.limits,
      options,
      warnings,
      failed,
      opened && encrypted,
    )
    return {
      text: lines.join('\n'),
      title: null,
      metadata: {
        members: children.length,
        ...(password !== undefined ? { openedWithPassword: true } : {}),
      },
      method: 'container',
      children,
      warnings,
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Lists a 7z archive and hands on each file member as a child; method 'container'. */
export class SevenZipExtractor implements Extractor {
  readonly name = '7z'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    return readWithSevenZip(input, options)
  }
}

/** Reads RAR archives (RAR 1.5–5) with node-unrar-js, the official unrar compiled to
 *  WebAssembly, entirely in memory. Members become children; an archive with encrypted names
 *  or only encrypted members is FILE_ENCRYPTED; links are skipped with a warning; a cut-off
 *  archive keeps the members before the cut. The first volume of a multi-volume set
 *  (`x.part1.rar`, or `x.rar` + `x.r00`…) reads the other volumes from beside it on disk. */

import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { createExtractorFromData, UnrarError } from 'node-unrar-js'
import type { Extractor as UnrarExtractor, FileHeader } from 'node-unrar-js'
import { DataFile } from 'node-unrar-js/dist/js/ExtractorData.helper.js'
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
import { MemberNames, printableName } from './member-names.js'
import { missingVolumes, rarVolumeNames } from './volume-names.js'
import { RATIO_CHECK_MIN_BYTES } from './bomb-guard.js'

/** The in-memory extractor's private parts we use to hand unrar the other volumes. */
interface DataExtractorInternals {
  _filePath: string
  currentFd: number
  dataFiles: Record<string, { file: DataFile; fd: number }>
  dataFileMap: Record<number, string>
  write(fd: number, buffer: number, size: number): boolean
}

class ExpansionLimitError extends Error {
  override readonly name = 'ExpansionLimitError'
}

// The WASM module keeps one current extractor for its callbacks, so RAR files are read one
// at a time in a process.
let queue: Promise<unknown> = Promise.resolve()
function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work)
  queue = run.catch(() => undefined)
  return run
}

function bomb(detail: string): DaleelError {
  return new DaleelError('ARCHIVE_BOMB', { detail })
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

/** The other volumes of a set whose first volume is at `sourcePath`, in order, as far as
 *  they are there. */
async function readOtherVolumes(
  sourcePath: string,
): Promise<{ name: string; bytes: Uint8Array }[]> {
  const volumes: { name: string; bytes: Uint8Array }[] = []
  for (const name of rarVolumeNames(basename(sourcePath))) {
    try {
      volumes.push({ name, bytes: await readFile(join(dirname(sourcePath), name)) })
    } catch {
      break
    }
  }
  return volumes
}

/** Gives unrar the first volume under its real name and the others beside it, and counts
 *  every byte unrar writes against the expansion limit. */
function prepare(
  extractor: UnrarExtractor<Uint8Array>,
  firstName: string,
  volumes: readonly { name: string; bytes: Uint8Array }[],
  budget: { left: number },
): void {
  const internals = extractor as unknown as DataExtractorInternals
  const first = internals.dataFiles[internals._filePath]
  if (first !== undefined && volumes.length > 0) {
    delete internals.dataFiles[internals._filePath]
    internals.dataFiles[firstName] = first
    internals.dataFileMap[first.fd] = firstName
    internals._filePath = firstName
    for (const volume of volumes) {
      const fd = internals.currentFd++
      internals.dataFiles[volume.name] = { file: new DataFile(volume.bytes), fd }
      internals.dataFileMap[fd] = volume.name
    }
  }
  const write = internals.write.bind(extractor)
  internals.write = (fd, buffer, size) => {
    budget.left -= size
    if (budget.left < 0) throw new ExpansionLimitError('members expand beyond the limit')
    return write(fd, buffer, size)
  }
}

/** Reads the headers one by one, keeping those before a cut or damaged spot. */
function listHeaders(extractor: UnrarExtractor<Uint8Array>): {
  headers: FileHeader[]
  isVolume: boolean
  error: UnrarError | null
} {
  const headers: FileHeader[] = []
  let isVolume = false
  try {
    const list = extractor.getFileList()
    isVolume = list.arcHeader.flags.volume
    for (const header of list.fileHeaders) headers.push(header)
  } catch (error) {
    if (error instanceof UnrarError) return { headers, isVolume, error }
    throw error
  }
  return { headers, isVolume, error: null }
}

function checkDeclaredSizes(
  headers: readonly FileHeader[],
  archiveBytes: number,
  limits: ExtractionLimits,
): void {
  if (headers.length > limits.maxMembers)
    throw bomb(`${headers.length} members, the limit is ${limits.maxMembers}`)
  const declared = headers.reduce((sum, header) => sum + header.unpSize, 0)
  if (declared > limits.maxExpandedBytes)
    throw bomb(`members declare more than ${limits.maxExpandedBytes} bytes`)
  const ratio = declared / Math.max(1, archiveBytes)
  if (declared > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
    throw bomb(`it expands ${Math.round(ratio)} times, the limit is ${limits.maxCompressionRatio}`)
  }
}

function modifiedOf(header: FileHeader): string | undefined {
  // unrar gives the DOS time without a zone; like zip times we read it as UTC.
  const date = new Date(`${header.time}Z`)
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1980
    ? undefined
    : date.toISOString()
}

/** Extracts the wanted members; a member unrar cannot write (a link) or a damaged one is
 *  passed over and the rest read on, in as few passes over the archive as possible. */
function extractMembers(
  extractor: UnrarExtractor<Uint8Array>,
  wanted: ReadonlySet<string>,
  onMember: (header: FileHeader, bytes: Uint8Array) => void,
  onFailure: (name: string, error: unknown) => void,
  options: ExtractOptions | undefined,
): void {
  const done = new Set<string>()
  for (let passes = 0; passes <= wanted.size; passes += 1) {
    let current: string | null = null
    try {
      const { files } = extractor.extract({
        files: (header) => {
          current = header.name
          return wanted.has(header.name) && !done.has(header.name)
        },
      })
      for (const file of files) {
        options?.signal?.throwIfAborted()
        options?.onProgress?.()
        done.add(file.fileHeader.name)
        if (file.extraction !== undefined) onMember(file.fileHeader, file.extraction)
      }
      return
    } catch (error) {
      if (error instanceof ExpansionLimitError) throw error
      if (error instanceof Error && error.name === 'AbortError') throw error
      const failed = error instanceof UnrarError && error.file !== undefined ? error.file : current
      if (failed === null || done.has(failed)) return
      onFailure(failed, error)
      done.add(failed)
      // A damaged or cut archive fails at the same spot on every pass: stop after it.
      if (error instanceof UnrarError && /ERAR_(?:BAD_DATA|EREAD)/u.test(error.reason)) return
    }
  }
}

async function readRar(
  input: ExtractionInput,
  options?: ExtractOptions,
): Promise<ExtractionResult> {
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  const { limits } = input
  const volumes =
    input.sourcePath === undefined || input.sourcePath === null
      ? []
      : await readOtherVolumes(input.sourcePath)
  let extractor: UnrarExtractor<Uint8Array>
  try {
    extractor = await createExtractorFromData({ data: toArrayBuffer(input.bytes) })
  } catch (error) {
    throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
  }
  const budget = { left: limits.maxExpandedBytes }
  prepare(extractor, input.sourcePath ? basename(input.sourcePath) : input.name, volumes, budget)
  const { headers, isVolume, error: listError } = listHeaders(extractor)
  if (listError?.reason === 'ERAR_MISSING_PASSWORD' || listError?.reason === 'ERAR_BAD_PASSWORD') {
    throw new DaleelError('FILE_ENCRYPTED', {}, { cause: listError })
  }
  if (headers.length === 0) throw new DaleelError('FILE_CORRUPT', {}, { cause: listError })
  const files = headers.filter((header) => !header.flags.directory)
  if (files.length > 0 && files.every((header) => header.flags.encrypted))
    throw new DaleelError('FILE_ENCRYPTED')
  checkDeclaredSizes(
    headers,
    input.bytes.length + volumes.reduce((sum, volume) => sum + volume.bytes.length, 0),
    limits,
  )

  const warnings: Warning[] = []
  if (isVolume && volumes.length === 0) {
    const [next] = rarVolumeNames(basename(input.sourcePath ?? input.name))
    if (next !== undefined) warnings.push(missingVolumes([next]))
  }
  if (listError !== null)
    warnings.push(toWarning(listError.reason === 'ERAR_EREAD' ? 'TEXT_TRUNCATED' : 'FILE_CORRUPT'))
  const names = new MemberNames(warnings)
  const lines: string[] = []
  const nameOf = new Map<string, string>()
  const wanted = new Set<string>()
  for (const [index, header] of headers.entries()) {
    if (header.flags.directory) {
      lines.push(`${names.directory(header.name, index)}/`)
      continue
    }
    const name = names.claim(header.name, index)
    nameOf.set(header.name, name)
    lines.push(name)
    if (header.flags.encrypted) warnings.push(toWarning('FILE_ENCRYPTED', {}, name))
    else if (header.unpSize > limits.maxMemberBytes) {
      warnings.push(toWarning('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }, name))
    } else wanted.add(header.name)
  }
  const children: ChildItem[] = []
  try {
    extractMembers(
      extractor,
      wanted,
      (header, bytes) => {
        const name = nameOf.get(header.name) ?? header.name
        const modified = modifiedOf(header)
        children.push(modified === undefined ? { name, bytes } : { name, bytes, modified })
      },
      (rawName, error) => {
        const name = nameOf.get(rawName) ?? printableName(rawName)
        // unrar writes no file for a link; the wrapper then fails without a reason.
        if (!(error instanceof UnrarError))
          warnings.push(toWarning('ARCHIVE_UNSAFE_PATH', { name }))
        else
          warnings.push(
            toWarning(error.reason === 'ERAR_EREAD' ? 'TEXT_TRUNCATED' : 'FILE_CORRUPT', {}, name),
          )
      },
      options,
    )
  } catch (error) {
    if (error instanceof ExpansionLimitError)
      throw bomb(`members expand to more than ${limits.maxExpandedBytes} bytes`)
    throw error
  }
  const metadata: Metadata = { members: children.length }
  if (volumes.length > 0) metadata.volumes = volumes.length + 1
  return { text: lines.join('\n'), title: null, metadata, method: 'container', children, warnings }
}

/** Lists a RAR archive and hands on each file member as a child; method 'container'. */
export class RarExtractor implements Extractor {
  readonly name = 'rar'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    return exclusively(() => readRar(input, options))
  }
}

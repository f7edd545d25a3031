/** Reads single-file compression (.gz, .bz2, .xz, and .tgz/.tbz2/.txz): the one child is the
 *  decompressed file, named after the archive minus its suffix (`x.tar.gz` → `x.tar`, which the
 *  tar reader then lists) or after the name gzip stored in its header. The expansion limits are
 *  enforced while decoding; a cut stream keeps what was decoded with a TEXT_TRUNCATED warning. */

import { DaleelError } from '../../../domain/index.js'
import type { Metadata, Warning } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionLimits,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { toWarning } from '../text/to-warning.js'
import { decompressStream, NotCompressedError } from './decompress-stream.js'
import type { ChunkSink, CompressionFormat } from './decompress-stream.js'
import { plainBytes } from './plain-bytes.js'
import { safeMemberName } from './safe-member-name.js'
import { RATIO_CHECK_MIN_BYTES } from './bomb-guard.js'

const SUFFIXES: Readonly<Record<CompressionFormat, readonly [RegExp, string][]>> = {
  gzip: [
    [/\.(?:tgz|taz)$/iu, '.tar'],
    [/\.(?:gz|gzip|z)$/iu, ''],
  ],
  bzip2: [
    [/\.(?:tbz2?|tb2)$/iu, '.tar'],
    [/\.(?:bz2|bz)$/iu, ''],
  ],
  xz: [
    [/\.txz$/iu, '.tar'],
    [/\.xz$/iu, ''],
  ],
}
const FORMATS: Readonly<Record<string, CompressionFormat>> = {
  'application/gzip': 'gzip',
  'application/x-gzip': 'gzip',
  'application/x-bzip2': 'bzip2',
  'application/x-xz': 'xz',
}

class MemberTooLargeError extends Error {
  override readonly name = 'MemberTooLargeError'
}

function bomb(detail: string): DaleelError {
  return new DaleelError('ARCHIVE_BOMB', { detail })
}

/** Collects the decoded chunks while holding them to the limits. */
class LimitedSink implements ChunkSink {
  readonly chunks: Buffer[] = []
  size = 0

  constructor(
    private readonly limits: ExtractionLimits,
    private readonly onProgress?: () => void,
  ) {}

  push(chunk: Buffer, consumed: number): void {
    this.size += chunk.length
    if (this.size > this.limits.maxExpandedBytes) {
      throw bomb(`it expands to more than ${this.limits.maxExpandedBytes} bytes`)
    }
    const ratio = this.size / Math.max(1, consumed)
    if (this.size > RATIO_CHECK_MIN_BYTES && ratio > this.limits.maxCompressionRatio) {
      throw bomb(
        `it expands ${Math.round(ratio)} times, the limit is ${this.limits.maxCompressionRatio}`,
      )
    }
    if (this.size > this.limits.maxMemberBytes) throw new MemberTooLargeError()
    this.chunks.push(chunk)
    this.onProgress?.()
  }
}

/** The file name and modification time gzip may keep in its header (RFC 1952 FNAME, MTIME). */
function gzipHeader(bytes: Buffer): { name: string | null; modified: string | null } {
  if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    return { name: null, modified: null }
  const flags = bytes[3] ?? 0
  const seconds = bytes.readUInt32LE(4)
  const modified = seconds > 0 ? new Date(seconds * 1000).toISOString() : null
  let offset = 10
  if ((flags & 0x04) !== 0 && offset + 2 <= bytes.length) offset += 2 + bytes.readUInt16LE(offset)
  if ((flags & 0x08) === 0) return { name: null, modified }
  const end = bytes.indexOf(0, offset)
  if (end === -1 || end - offset > 1024) return { name: null, modified }
  // RFC 1952: the name is ISO 8859-1; only its last segment is a name, never a path.
  const stored = bytes.toString('latin1', offset, end)
  const name = safeMemberName(stored.split(/[/\\]/u).pop() ?? '', '').name
  return { name: name === '' ? null : name, modified }
}

/**
 * The decompressed file's name: the archive's name minus its suffix.
 *
 * @example decompressedName('report.tgz', 'gzip') // → 'report.tar'
 */
export function decompressedName(archiveName: string, format: CompressionFormat): string {
  for (const [pattern, replacement] of SUFFIXES[format]) {
    if (pattern.test(archiveName)) {
      const name = archiveName.replace(pattern, replacement)
      if (name !== '' && name !== replacement) return name
    }
  }
  return archiveName === '' ? 'decompressed' : archiveName
}

async function readCompressed(
  input: ExtractionInput,
  options?: ExtractOptions,
): Promise<ExtractionResult> {
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  const format = FORMATS[input.mediaType] ?? 'gzip'
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)
  const header = format === 'gzip' ? gzipHeader(bytes) : { name: null, modified: null }
  const name = header.name ?? decompressedName(input.name, format)
  const sink = new LimitedSink(input.limits, options?.onProgress)
  const warnings: Warning[] = []
  let tooLarge = false
  let end
  try {
    end = await decompressStream(format, bytes, sink)
  } catch (error) {
    if (error instanceof NotCompressedError)
      throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
    if (!(error instanceof MemberTooLargeError)) throw error
    tooLarge = true
  }
  const metadata: Metadata = { compression: format }
  if (header.name !== null) metadata.originalName = header.name
  if (tooLarge) {
    warnings.push(toWarning('FILE_TOO_LARGE', { limit: input.limits.maxMemberBytes }, name))
    return { text: name, title: null, metadata, method: 'container', children: [], warnings }
  }
  if (end === 'truncated') warnings.push(toWarning('TEXT_TRUNCATED'))
  if (end === 'corrupt') warnings.push(toWarning('FILE_CORRUPT', {}, `${name} (the end)`))
  const decompressed = plainBytes(Buffer.concat(sink.chunks, sink.size))
  metadata.expandedBytes = decompressed.length
  return {
    text: name,
    title: null,
    metadata,
    method: 'container',
    children: [
      header.modified === null
        ? { name, bytes: decompressed }
        : { name, bytes: decompressed, modified: header.modified },
    ],
    warnings,
  }
}

/** Decompresses a .gz, .bz2 or .xz file into its one child; method 'container'. */
export class CompressedExtractor implements Extractor {
  readonly name = 'compressed'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    return readCompressed(input, options)
  }
}

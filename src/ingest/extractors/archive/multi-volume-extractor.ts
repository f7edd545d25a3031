/** Reads multi-volume archives as the one archive they are. The first volume of a byte-split
 *  set (`x.7z.001`, `x.zip.001`) finds the others beside it on disk (`input.sourcePath`),
 *  joins them and hands the whole to the reader of what is inside; a spanned zip's `.zip` goes
 *  to 7-Zip, which opens its `.z01`… itself. Every other volume becomes a document with no
 *  text whose metadata says which volume it was read with: never silent, never a failure.
 *  (RAR sets are the RAR reader's: its first volume is a RAR archive of its own.) */

import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { DaleelError } from '../../../domain/index.js'
import type { Warning } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { isTarHeader } from './read-tar.js'
import { CompressedExtractor } from './compressed-extractor.js'
import { RarExtractor } from './rar-extractor.js'
import { SevenZipExtractor } from './sevenzip-extractor.js'
import { TarExtractor } from './tar-extractor.js'
import {
  firstVolumeName,
  missingVolumes,
  spannedZipVolumeNames,
  splitVolumeNames,
  volumeRole,
} from './volume-names.js'
import { ZipExtractor } from './zip-extractor.js'

/** The readers a joined set can hold, by the media type of its first bytes. */
const INNER: readonly {
  readonly mediaType: string
  readonly magic: (bytes: Uint8Array) => boolean
  readonly extractor: Extractor
}[] = [
  {
    mediaType: 'application/x-7z-compressed',
    magic: (b) => hasMagic(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
    extractor: new SevenZipExtractor(),
  },
  {
    mediaType: 'application/zip',
    magic: (b) => hasMagic(b, [0x50, 0x4b, 0x03, 0x04]) || hasMagic(b, [0x50, 0x4b, 0x07, 0x08]),
    extractor: new ZipExtractor(),
  },
  {
    mediaType: 'application/vnd.rar',
    magic: (b) => hasMagic(b, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]),
    extractor: new RarExtractor(),
  },
  {
    mediaType: 'application/gzip',
    magic: (b) => hasMagic(b, [0x1f, 0x8b]),
    extractor: new CompressedExtractor(),
  },
  {
    mediaType: 'application/x-bzip2',
    magic: (b) => hasMagic(b, [0x42, 0x5a, 0x68]),
    extractor: new CompressedExtractor(),
  },
  {
    mediaType: 'application/x-xz',
    magic: (b) => hasMagic(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]),
    extractor: new CompressedExtractor(),
  },
  {
    mediaType: 'application/x-tar',
    magic: (b) => isTarHeader(b.subarray(0, 512)),
    extractor: new TarExtractor(),
  },
]

function hasMagic(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte)
}

/** Reads the volumes after the first, in order, until one is missing. */
async function readFollowing(
  sourcePath: string,
  names: Iterable<string>,
  maxBytes: number,
): Promise<{ volumes: Buffer[]; missing: string | null }> {
  const volumes: Buffer[] = []
  let total = 0
  for (const name of names) {
    let bytes: Buffer
    try {
      bytes = await readFile(join(dirname(sourcePath), name))
    } catch {
      return { volumes, missing: name }
    }
    total += bytes.length
    if (total > maxBytes) throw new DaleelError('FILE_TOO_LARGE', { limit: maxBytes })
    volumes.push(bytes)
  }
  return { volumes, missing: null }
}

/** The result of the inner reader, or an empty document that says what is missing. */
async function delegate(
  extractor: Extractor,
  input: ExtractionInput,
  options: ExtractOptions | undefined,
  warnings: Warning[],
  volumes: number,
): Promise<ExtractionResult> {
  try {
    const result = await extractor.extract(input, options)
    return {
      ...result,
      metadata: { ...result.metadata, volumes },
      warnings: [...warnings, ...result.warnings],
    }
  } catch (error) {
    // Without its other volumes an archive is often unreadable; the missing volume is the
    // news, not the damage that follows from it (corpus: ingest-file/500_pages.7z.001).
    if (warnings.length === 0 || !(error instanceof DaleelError) || error.code !== 'FILE_CORRUPT')
      throw error
    return {
      text: '',
      title: null,
      metadata: { volumes },
      method: 'container',
      children: [],
      warnings,
    }
  }
}

async function readSplit(
  input: ExtractionInput,
  options?: ExtractOptions,
): Promise<ExtractionResult> {
  const innerName = input.name.replace(/\.\d+$/u, '')
  const warnings: Warning[] = []
  let volumes: Buffer[] = []
  if (input.sourcePath === undefined || input.sourcePath === null) {
    const [next = 'the next volume'] = splitVolumeNames(input.name)
    warnings.push(missingVolumes([next]))
  } else {
    const found = await readFollowing(
      input.sourcePath,
      splitVolumeNames(basename(input.sourcePath)),
      input.limits.maxExpandedBytes,
    )
    volumes = found.volumes
    if (volumes.length === 0 && found.missing !== null)
      warnings.push(missingVolumes([found.missing]))
  }
  const joined = volumes.length === 0 ? input.bytes : Buffer.concat([input.bytes, ...volumes])
  const inner = INNER.find((candidate) => candidate.magic(joined))
  if (inner === undefined) {
    if (warnings.length > 0)
      return {
        text: '',
        title: null,
        metadata: { volumes: 1 },
        method: 'container',
        children: [],
        warnings,
      }
    throw new DaleelError('FORMAT_UNSUPPORTED', { mediaType: 'split archive of an unknown kind' })
  }
  return delegate(
    inner.extractor,
    {
      bytes: joined,
      name: innerName,
      mediaType: inner.mediaType,
      limits: input.limits,
      sourcePath: null,
      ...(input.ocr === undefined ? {} : { ocr: input.ocr }),
    },
    options,
    warnings,
    volumes.length + 1,
  )
}

async function readSpannedZip(
  input: ExtractionInput,
  options?: ExtractOptions,
): Promise<ExtractionResult> {
  const warnings: Warning[] = []
  let count = 1
  if (input.sourcePath === undefined || input.sourcePath === null) {
    warnings.push(
      missingVolumes([spannedZipVolumeNames(input.name).next().value ?? 'the first volume']),
    )
  } else {
    const found = await readFollowing(
      input.sourcePath,
      spannedZipVolumeNames(basename(input.sourcePath)),
      input.limits.maxExpandedBytes,
    )
    count += found.volumes.length
    if (found.volumes.length === 0 && found.missing !== null)
      warnings.push(missingVolumes([found.missing]))
  }
  // 7-Zip reads a spanned zip from its `.zip` and finds the `.z01`… beside it.
  return delegate(
    new SevenZipExtractor(),
    { ...input, mediaType: 'application/zip' },
    options,
    warnings,
    count,
  )
}

/** Reads the first volume of a byte-split set or the `.zip` of a spanned zip, with the rest. */
export class MultiVolumeExtractor implements Extractor {
  readonly name = 'multi-volume'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    if (input.bytes.length === 0) return Promise.reject(new DaleelError('FILE_EMPTY'))
    const tail = input.bytes.subarray(Math.max(0, input.bytes.length - 0x10000 - 22))
    return volumeRole(input.name, input.bytes.subarray(0, 512), tail) === 'spanned-zip'
      ? readSpannedZip(input, options)
      : readSplit(input, options)
  }
}

/** A volume after the first: a document with no text and a note saying where its content is. */
export class ArchiveVolumeExtractor implements Extractor {
  readonly name = 'archive-volume'

  extract(input: ExtractionInput): Promise<ExtractionResult> {
    const first = firstVolumeName(input.name)
    return Promise.resolve({
      text: '',
      title: null,
      metadata: {
        volumeOf: first,
        note: `A volume of a multi-volume archive: its content is read with ${first}.`,
      },
      method: 'container',
      children: [],
      warnings: [],
    })
  }
}

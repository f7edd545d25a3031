/** Reads tar archives (v7, ustar, GNU, pax; with or without the `ustar` magic): the document's
 *  text is the list of member names and every file member becomes a child item whose bytes are
 *  a view into the archive. Symbolic links, devices and FIFOs are skipped with a warning, unsafe
 *  names are cleaned, and a cut-off archive keeps what it has. Compression (.tar.gz) is the
 *  compressed-file reader's job: it hands the .tar on as a child. */

import { DaleelError } from '../../../domain/index.js'
import type { Warning } from '../../../domain/index.js'
import type {
  ChildItem,
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { toWarning } from '../text/to-warning.js'
import { decodeZipNames } from './decode-zip-names.js'
import { MemberNames, printableName } from './member-names.js'
import { plainBytes } from './plain-bytes.js'
import { readTar, TarTooManyEntriesError } from './read-tar.js'
import type { TarEntry, TarListing } from './read-tar.js'

const UTF8_FLAG = 0x800
const UNSUPPORTED: Readonly<Record<string, string>> = {
  'character-device': 'character device',
  'block-device': 'block device',
  fifo: 'FIFO',
  sparse: 'GNU sparse file',
  continuation: 'continued member of a multi-volume tar',
}

function bomb(detail: string): DaleelError {
  return new DaleelError('ARCHIVE_BOMB', { detail })
}

/** Decodes all names (entries' and hard-link targets') in one go, so one code page is chosen. */
function decodeNames(entries: readonly TarEntry[]): {
  names: string[]
  links: string[]
  encoding: string | null
} {
  const raw = entries.flatMap((entry) => [
    {
      nameBytes: entry.nameBytes,
      generalPurposeBitFlag: entry.utf8 ? UTF8_FLAG : 0,
      extraFields: [],
    },
    {
      nameBytes: entry.linkBytes,
      generalPurposeBitFlag: entry.utf8 ? UTF8_FLAG : 0,
      extraFields: [],
    },
  ])
  const decoded = decodeZipNames(raw)
  return {
    names: entries.map((_, index) => decoded.names[index * 2] ?? ''),
    links: entries.map((_, index) => decoded.names[index * 2 + 1] ?? ''),
    encoding: decoded.encoding,
  }
}

function readEntries(
  input: ExtractionInput,
  listing: TarListing,
  options?: ExtractOptions,
): ExtractionResult {
  const { limits } = input
  const { entries } = listing
  const { names, links, encoding } = decodeNames(entries)
  const warnings: Warning[] = []
  const lines: string[] = []
  const children: ChildItem[] = []
  const memberNames = new MemberNames(warnings)
  // Hard links point at an earlier member of the same archive: its bytes are ours to reuse,
  // and they count again against the expansion limit (a thousand links to one big member).
  const byRawName = new Map<string, Uint8Array>()
  let expanded = 0
  for (const [index, entry] of entries.entries()) {
    options?.signal?.throwIfAborted()
    options?.onProgress?.()
    const rawName = names[index] ?? ''
    if (entry.kind === 'directory') {
      lines.push(`${memberNames.directory(rawName, index)}/`)
      continue
    }
    if (entry.kind === 'volume-label') continue
    if (entry.kind === 'symlink') {
      // A link's target is a path on the machine that made the archive; following it is how
      // tar-slip attacks reach outside (corpus: ingest-file/badtar.tar).
      warnings.push(
        toWarning('ARCHIVE_UNSAFE_PATH', {
          name: `${printableName(rawName)} → ${printableName(links[index] ?? '')}`,
        }),
      )
      continue
    }
    const unsupported = UNSUPPORTED[entry.kind]
    if (unsupported !== undefined) {
      warnings.push(
        toWarning('FORMAT_UNSUPPORTED', { mediaType: unsupported }, printableName(rawName)),
      )
      continue
    }
    let data = plainBytes(entry.data)
    let declared = entry.size
    if (entry.kind === 'hardlink') {
      const target = byRawName.get(links[index] ?? '')
      if (target === undefined) {
        warnings.push(
          toWarning('ARCHIVE_UNSAFE_PATH', {
            name: `${printableName(rawName)} → ${printableName(links[index] ?? '')}`,
          }),
        )
        continue
      }
      data = target
      declared = target.length
    }
    const name = memberNames.claim(rawName, index)
    lines.push(name)
    if (declared > limits.maxMemberBytes) {
      warnings.push(toWarning('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }, name))
      continue
    }
    expanded += data.length
    if (expanded > limits.maxExpandedBytes)
      throw bomb(`members expand to more than ${limits.maxExpandedBytes} bytes`)
    if (data.length < declared) warnings.push(toWarning('TEXT_TRUNCATED', {}, name))
    byRawName.set(rawName, data)
    children.push(
      entry.modified === null
        ? { name, bytes: data }
        : { name, bytes: data, modified: entry.modified.toISOString() },
    )
  }
  if (listing.stop === 'truncated') warnings.unshift(toWarning('TEXT_TRUNCATED'))
  if (listing.stop === 'corrupt')
    warnings.unshift(toWarning('FILE_CORRUPT', {}, 'after the last member listed'))
  return {
    text: lines.join('\n'),
    title: null,
    metadata: { members: children.length },
    encoding,
    method: 'container',
    children,
    warnings,
  }
}

function readTarFile(input: ExtractionInput, options?: ExtractOptions): ExtractionResult {
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  let listing: TarListing
  try {
    listing = readTar(input.bytes, input.limits.maxMembers)
  } catch (error) {
    if (error instanceof TarTooManyEntriesError) throw bomb(`more than ${error.limit} members`)
    throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
  }
  return readEntries(input, listing, options)
}

/** Lists a tar archive and hands on each file member as a child; method 'container'. */
export class TarExtractor implements Extractor {
  readonly name = 'tar'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    return Promise.resolve().then(() => readTarFile(input, options))
  }
}

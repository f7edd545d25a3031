/** Walks the headers of a tar archive held in memory (v7, ustar, GNU and pax) and returns its
 *  entries with their data as views into the archive: nothing is copied. Names stay raw bytes
 *  unless a pax header gives them in UTF-8, so `decodeZipNames` can guess the code page of the
 *  machine that made the archive. Whether an entry is safe to hand on is the caller's call.
 *
 *  The `tar` package decodes every name as UTF-8 and extracts through the file system; reading
 *  the 512-byte headers here keeps the raw names and the data where they are. */

const BLOCK = 512

/** What kind of entry a header announces. */
export type TarEntryKind =
  | 'file'
  | 'directory'
  | 'hardlink'
  | 'symlink'
  | 'character-device'
  | 'block-device'
  | 'fifo'
  | 'sparse'
  | 'volume-label'
  | 'continuation'

/** One entry of the archive. */
export interface TarEntry {
  /** The name as stored: raw bytes, or UTF-8 bytes when `utf8` is true (pax or GNU long name). */
  readonly nameBytes: Uint8Array
  readonly utf8: boolean
  readonly kind: TarEntryKind
  /** For links: the raw target. */
  readonly linkBytes: Uint8Array
  /** The size the header declares. */
  readonly size: number
  /** The data there is; shorter than `size` when the archive was cut. */
  readonly data: Uint8Array
  readonly modified: Date | null
}

/** The entries, and why the walk stopped early (if it did). */
export interface TarListing {
  readonly entries: TarEntry[]
  /** 'truncated': the file ends inside a header or a member; 'corrupt': a header is unreadable. */
  readonly stop: 'truncated' | 'corrupt' | null
}

/** Thrown when the archive has more entries than the caller allowed. */
export class TarTooManyEntriesError extends Error {
  override readonly name = 'TarTooManyEntriesError'
  constructor(readonly limit: number) {
    super(`more than ${limit} entries`)
  }
}

function field(block: Uint8Array, start: number, length: number): Uint8Array {
  const bytes = block.subarray(start, start + length)
  const end = bytes.indexOf(0)
  return end === -1 ? bytes : bytes.subarray(0, end)
}

/** A numeric field: octal text, or base-256 when the high bit of the first byte is set. */
function numberField(block: Uint8Array, start: number, length: number): number {
  const first = block[start] ?? 0
  if ((first & 0x80) !== 0) {
    // GNU base-256: big-endian two's complement; only positive sizes make sense.
    let value = first & 0x7f
    for (let index = 1; index < length; index += 1)
      value = value * 256 + (block[start + index] ?? 0)
    return value
  }
  const text = Buffer.from(field(block, start, length))
    .toString('latin1')
    .trim()
  if (text === '') return 0
  const value = Number.parseInt(text, 8)
  return Number.isNaN(value) ? Number.NaN : value
}

/** True when the 512-byte block is a tar header: its checksum matches (signed or unsigned
 *  sums, as old tars wrote either), whether or not it carries the `ustar` magic. */
export function isTarHeader(block: Uint8Array): boolean {
  if (block.length < BLOCK) return false
  const stored = numberField(block, 148, 8)
  if (Number.isNaN(stored)) return false
  let unsigned = 0
  let signed = 0
  for (let index = 0; index < BLOCK; index += 1) {
    const byte = index >= 148 && index < 156 ? 0x20 : (block[index] ?? 0)
    unsigned += byte
    signed += byte > 127 ? byte - 256 : byte
  }
  // An all-zero block sums to 256 (the spaces) and is the end marker, not a header.
  return unsigned !== 256 && (stored === unsigned || stored === signed)
}

function isZeroBlock(block: Uint8Array): boolean {
  for (const byte of block) if (byte !== 0) return false
  return true
}

function kindOf(
  flag: number,
): TarEntryKind | 'pax' | 'pax-global' | 'gnu-longname' | 'gnu-longlink' {
  switch (String.fromCharCode(flag)) {
    case '1':
      return 'hardlink'
    case '2':
      return 'symlink'
    case '3':
      return 'character-device'
    case '4':
      return 'block-device'
    case '5':
    case 'D':
      return 'directory'
    case '6':
      return 'fifo'
    case 'x':
      return 'pax'
    case 'g':
      return 'pax-global'
    case 'L':
      return 'gnu-longname'
    case 'K':
      return 'gnu-longlink'
    case 'S':
      return 'sparse'
    case 'V':
      return 'volume-label'
    case 'M':
      return 'continuation'
    default:
      // '0', '\0', '7' and, as POSIX asks, any unknown type: a regular file.
      return 'file'
  }
}

/** Pax records `LEN key=value\n`; values stay bytes (UTF-8 unless hdrcharset says BINARY). */
function parsePax(data: Uint8Array): Map<string, Uint8Array> {
  const records = new Map<string, Uint8Array>()
  let offset = 0
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset)
    if (space === -1) break
    const length = Number(Buffer.from(data.subarray(offset, space)).toString('latin1'))
    if (!Number.isInteger(length) || length <= 0 || offset + length > data.length) break
    const record = data.subarray(space + 1, offset + length - 1)
    const equals = record.indexOf(0x3d)
    if (equals > 0) {
      records.set(
        Buffer.from(record.subarray(0, equals)).toString('utf8'),
        record.subarray(equals + 1),
      )
    }
    offset += length
  }
  return records
}

function trimNul(bytes: Uint8Array): Uint8Array {
  const end = bytes.indexOf(0)
  return end === -1 ? bytes : bytes.subarray(0, end)
}

/**
 * Lists every entry of the archive. Throws when the first block is not a tar header (so the
 * caller can say the file is not a tar) and `TarTooManyEntriesError` above `maxEntries`.
 */
export function readTar(bytes: Uint8Array, maxEntries = Infinity): TarListing {
  const entries: TarEntry[] = []
  let offset = 0
  let pax = new Map<string, Uint8Array>()
  let global = new Map<string, Uint8Array>()
  let longName: Uint8Array | null = null
  let longLink: Uint8Array | null = null
  while (offset + BLOCK <= bytes.length) {
    const block = bytes.subarray(offset, offset + BLOCK)
    if (isZeroBlock(block)) return { entries, stop: null }
    if (!isTarHeader(block)) {
      if (offset === 0) throw new Error('not a tar archive: the first header is unreadable')
      return { entries, stop: 'corrupt' }
    }
    const flag = block[156] ?? 0
    const kind = kindOf(flag)
    const records = new Map([...global, ...pax])
    const paxSize = records.get('size')
    let size =
      paxSize === undefined
        ? numberField(block, 124, 12)
        : Number(Buffer.from(paxSize).toString('latin1'))
    if (!Number.isFinite(size) || size < 0) return { entries, stop: 'corrupt' }
    // Symbolic links, devices, FIFOs and directories carry no data whatever their size field
    // says (POSIX); a GNU dumpdir ('D') does, and is skipped over like a file.
    if (
      kind === 'symlink' ||
      kind === 'character-device' ||
      kind === 'block-device' ||
      kind === 'fifo' ||
      (kind === 'directory' && flag !== 0x44)
    ) {
      size = 0
    }
    const dataStart = offset + BLOCK
    const dataEnd = dataStart + size
    const data = bytes.subarray(dataStart, Math.min(dataEnd, bytes.length))
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (
      kind === 'pax' ||
      kind === 'pax-global' ||
      kind === 'gnu-longname' ||
      kind === 'gnu-longlink'
    ) {
      if (dataEnd > bytes.length) return { entries, stop: 'truncated' }
      if (kind === 'pax') pax = parsePax(data)
      else if (kind === 'pax-global') global = new Map([...global, ...parsePax(data)])
      else if (kind === 'gnu-longname') longName = trimNul(data)
      else longLink = trimNul(data)
      offset = next
      continue
    }
    if (entries.length >= maxEntries) throw new TarTooManyEntriesError(maxEntries)
    const magic = Buffer.from(block.subarray(257, 263)).toString('latin1')
    let nameBytes: Uint8Array = field(block, 0, 100)
    // POSIX ustar splits long names into prefix + name; old GNU tars use those bytes for times.
    if (magic === 'ustar\u0000') {
      const prefix = field(block, 345, 155)
      if (prefix.length > 0) nameBytes = Buffer.concat([prefix, Buffer.from('/'), nameBytes])
    }
    const binary = Buffer.from(records.get('hdrcharset') ?? []).toString('latin1') === 'BINARY'
    const paxPath = records.get('path')
    let utf8 = false
    if (paxPath !== undefined) {
      nameBytes = paxPath
      utf8 = !binary
    } else if (longName !== null) {
      nameBytes = longName
    }
    const linkBytes = records.get('linkpath') ?? longLink ?? field(block, 157, 100)
    const mtimeRecord = records.get('mtime')
    const seconds =
      mtimeRecord === undefined
        ? numberField(block, 136, 12)
        : Number(Buffer.from(mtimeRecord).toString('latin1'))
    entries.push({
      nameBytes,
      utf8,
      kind,
      linkBytes,
      size,
      data,
      modified: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : null,
    })
    pax = new Map()
    longName = null
    longLink = null
    if (dataEnd > bytes.length) return { entries, stop: 'truncated' }
    offset = next
  }
  // Archives end with two zero blocks; one that just stops after a whole member was cut
  // exactly at a block boundary, or written by a careless tool. Only a partial block is a cut.
  return { entries, stop: offset < bytes.length ? 'truncated' : null }
}

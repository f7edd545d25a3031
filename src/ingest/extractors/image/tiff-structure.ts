/** Reads the TIFF structure (byte order, image file directories, tag values) that both TIFF
 *  files and the EXIF block of a JPEG use. Every offset is checked against the data, so a
 *  damaged or hostile file fails with `TiffFormatError` instead of reading out of bounds. */

/** The structure of a TIFF or EXIF block is damaged. */
export class TiffFormatError extends Error {
  override readonly name = 'TiffFormatError'
}

/** One directory entry: a tag, its type, its value count and where the value bytes are. */
export interface IfdEntry {
  readonly tag: number
  readonly type: number
  readonly count: number
  /** Offset of the value bytes from the start of the TIFF header. */
  readonly valueOffset: number
}

/** One image file directory and the offset of the next one (0 at the end of the chain). */
export interface Ifd {
  readonly offset: number
  readonly entries: ReadonlyMap<number, IfdEntry>
  readonly next: number
}

const TYPE_SIZES: Readonly<Record<number, number>> = {
  1: 1, // BYTE
  2: 1, // ASCII
  3: 2, // SHORT
  4: 4, // LONG
  5: 8, // RATIONAL
  6: 1, // SBYTE
  7: 1, // UNDEFINED
  8: 2, // SSHORT
  9: 4, // SLONG
  10: 8, // SRATIONAL
  11: 4, // FLOAT
  12: 8, // DOUBLE
  13: 4, // IFD
}
// More entries than this in one directory is damage, not a real file.
const MAX_ENTRIES = 4096

/** A TIFF structure inside `bytes`, starting at `base` (0 for a TIFF file, the block after
 *  "Exif\0\0" for a JPEG). */
export class TiffStructure {
  readonly littleEndian: boolean
  readonly #view: DataView
  readonly #length: number

  private constructor(
    readonly bytes: Uint8Array,
    readonly base: number,
    littleEndian: boolean,
  ) {
    this.littleEndian = littleEndian
    this.#view = new DataView(bytes.buffer, bytes.byteOffset + base, bytes.byteLength - base)
    this.#length = bytes.byteLength - base
  }

  /** Opens a classic TIFF header ("II*\0" or "MM\0*"); null when the bytes are not one. */
  static open(bytes: Uint8Array, base = 0): TiffStructure | null {
    if (bytes.length < base + 8) return null
    const order = String.fromCharCode(bytes[base]!, bytes[base + 1]!)
    if (order !== 'II' && order !== 'MM') return null
    const structure = new TiffStructure(bytes, base, order === 'II')
    return structure.uint16(2) === 42 ? structure : null
  }

  /** Offset of the first directory. */
  firstIfd(): number {
    return this.uint32(4)
  }

  /** Reads the directory at `offset`. */
  readIfd(offset: number): Ifd {
    const count = this.uint16(offset)
    if (count > MAX_ENTRIES) throw new TiffFormatError(`directory with ${count} entries`)
    this.#check(offset, 2 + count * 12 + 4)
    const entries = new Map<number, IfdEntry>()
    for (let index = 0; index < count; index++) {
      const at = offset + 2 + index * 12
      const tag = this.uint16(at)
      const type = this.uint16(at + 2)
      const valueCount = this.uint32(at + 4)
      const size = (TYPE_SIZES[type] ?? 0) * valueCount
      // Unknown types are skipped, as the TIFF specification asks of readers.
      if (size === 0) continue
      const valueOffset = size <= 4 ? at + 8 : this.uint32(at + 8)
      if (valueOffset + size > this.#length) continue
      if (!entries.has(tag)) entries.set(tag, { tag, type, count: valueCount, valueOffset })
    }
    return { offset, entries, next: this.uint32(offset + 2 + count * 12) }
  }

  /** The directories of the chain from the first one, at most `limit`; a chain that loops or
   *  points outside the data ends there. */
  readChain(limit: number): Ifd[] {
    const directories: Ifd[] = []
    const seen = new Set<number>()
    let offset = this.firstIfd()
    while (offset !== 0 && directories.length < limit && !seen.has(offset)) {
      seen.add(offset)
      if (offset + 2 > this.#length) {
        if (directories.length === 0) throw new TiffFormatError('first directory outside the file')
        break
      }
      try {
        const directory = this.readIfd(offset)
        directories.push(directory)
        offset = directory.next
      } catch (error) {
        // A damaged later directory costs the pages from there on, not the whole file.
        if (directories.length === 0) throw error
        break
      }
    }
    return directories
  }

  /** The numeric values of an entry (integers, rationals as fractions, floats). */
  numbers(entry: IfdEntry | undefined, max = 1_000_000): number[] {
    if (!entry) return []
    const size = TYPE_SIZES[entry.type] ?? 0
    const values: number[] = []
    for (let index = 0; index < Math.min(entry.count, max); index++) {
      const at = entry.valueOffset + index * size
      values.push(this.#number(entry.type, at))
    }
    return values
  }

  /** The first numeric value of an entry, or undefined. */
  number(entry: IfdEntry | undefined): number | undefined {
    return entry ? this.#number(entry.type, entry.valueOffset) : undefined
  }

  /** An ASCII entry as text, without its NUL terminator and padding; null when empty. */
  text(entry: IfdEntry | undefined): string | null {
    if (!entry || (entry.type !== 2 && entry.type !== 7 && entry.type !== 1)) return null
    const raw = this.bytesOf(entry)
    const end = raw.indexOf(0)
    const value = new TextDecoder('utf-8')
      .decode(end >= 0 ? raw.subarray(0, end) : raw)
      .replace(/\s+/gu, ' ')
      .trim()
    return value === '' ? null : value
  }

  /** The raw value bytes of an entry. */
  bytesOf(entry: IfdEntry): Uint8Array {
    const size = (TYPE_SIZES[entry.type] ?? 0) * entry.count
    const start = this.base + entry.valueOffset
    return this.bytes.subarray(start, start + size)
  }

  uint16(offset: number): number {
    this.#check(offset, 2)
    return this.#view.getUint16(offset, this.littleEndian)
  }

  uint32(offset: number): number {
    this.#check(offset, 4)
    return this.#view.getUint32(offset, this.littleEndian)
  }

  #number(type: number, at: number): number {
    const view = this.#view
    const le = this.littleEndian
    this.#check(at, TYPE_SIZES[type] ?? 1)
    switch (type) {
      case 1:
      case 7:
        return view.getUint8(at)
      case 6:
        return view.getInt8(at)
      case 3:
        return view.getUint16(at, le)
      case 8:
        return view.getInt16(at, le)
      case 4:
      case 13:
        return view.getUint32(at, le)
      case 9:
        return view.getInt32(at, le)
      case 5: {
        const denominator = view.getUint32(at + 4, le)
        return denominator === 0 ? 0 : view.getUint32(at, le) / denominator
      }
      case 10: {
        const denominator = view.getInt32(at + 4, le)
        return denominator === 0 ? 0 : view.getInt32(at, le) / denominator
      }
      case 11:
        return view.getFloat32(at, le)
      case 12:
        return view.getFloat64(at, le)
      default:
        return 0
    }
  }

  #check(offset: number, size: number): void {
    if (offset < 0 || offset + size > this.#length) {
      throw new TiffFormatError(`offset ${offset} outside the data`)
    }
  }
}

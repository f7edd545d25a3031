/** Knows how the volumes of multi-volume archives are named and tells which volume a file is:
 *  byte-split sets (`x.7z.001`, `x.zip.001`, … as 7-Zip and `split` write them), RAR sets
 *  (`x.part1.rar`, or `x.rar` + `x.r00`…) and spanned zips (`x.z01`, … + `x.zip`, whose last
 *  volume holds the directory). Pure functions of names and first bytes; no file access. */

import type { Warning } from '../../../domain/index.js'

/** Where a file stands in a multi-volume set. */
export type VolumeRole =
  /** The first part of a byte-split set: the parts joined are one archive. */
  | 'split-first'
  /** The `.zip` that ends a spanned zip: it holds the central directory. */
  | 'spanned-zip'
  /** Any other part: read with the first (or, for spanned zips, the last) volume. */
  | 'continuation'

const ARCHIVE_EXTENSIONS = '(?:7z|zip|rar|tar|tgz|tar\\.gz|gz|bz2|tbz2?|xz|txz|cab|iso|wim|arj|lzh)'
const SPLIT_PART = new RegExp(`^(.+\\.${ARCHIVE_EXTENSIONS})\\.(\\d{2,4})$`, 'iu')
const GENERIC_PART = /^(.+)\.(\d{3})$/u
const RAR_PART = /^(.+\.part)(\d+)(\.rar)$/iu
const RAR_OLD_PART = /^(.+)\.([r-y])(\d\d)$/iu
const ZIP_SPAN_PART = /^(.+)\.z(\d\d)$/iu

const RAR4_MAGIC = Buffer.from('Rar!\x1a\x07\x00', 'latin1')
const RAR5_MAGIC = Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1')
const SEVEN_ZIP_MAGIC = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06])

function startsWith(bytes: Uint8Array, magic: Buffer): boolean {
  return bytes.length >= magic.length && magic.equals(bytes.subarray(0, magic.length))
}

function isRar(bytes: Uint8Array): boolean {
  return startsWith(bytes, RAR4_MAGIC) || startsWith(bytes, RAR5_MAGIC)
}

/** True when the archive begins like one a split could start with. */
function startsLikeArchive(bytes: Uint8Array): boolean {
  return isRar(bytes) || startsWith(bytes, SEVEN_ZIP_MAGIC) || startsWith(bytes, ZIP_MAGIC)
}

/** True when a `.zip` ends with a directory record that says it is not the only disk. */
function isSpannedZipEnd(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end record is 22 bytes plus a comment of at most 64 KB.
  const from = Math.max(0, buffer.length - 22 - 0xffff)
  const at = buffer.lastIndexOf(ZIP_END)
  if (at < from || at + 22 > buffer.length) return false
  return buffer.readUInt16LE(at + 4) > 0
}

/**
 * The role of a file in a multi-volume set, or null when it is a file of its own. The first
 * volume of a RAR set is null too: it is a RAR archive, and the RAR reader fetches the rest.
 *
 * @example volumeRole('x.7z.001', bytes) // → 'split-first'
 * @example volumeRole('x.part2.rar', bytes) // → 'continuation'
 */
export function volumeRole(
  name: string,
  head: Uint8Array,
  tail: Uint8Array = head,
): VolumeRole | null {
  const rar = RAR_PART.exec(name)
  if (rar !== null) return Number(rar[2]) > 1 ? 'continuation' : null
  const split = SPLIT_PART.exec(name)
  if (split !== null) return Number(split[2]) === 1 ? 'split-first' : 'continuation'
  const generic = GENERIC_PART.exec(name)
  if (generic !== null && Number(generic[2]) === 1 && startsLikeArchive(head)) return 'split-first'
  if (RAR_OLD_PART.test(name) && isRar(head)) return 'continuation'
  if (ZIP_SPAN_PART.test(name) && !startsLikeArchive(head)) return 'continuation'
  if (/\.zip$/iu.test(name) && isSpannedZipEnd(tail)) return 'spanned-zip'
  return null
}

/** The name of the volume a continuation volume is read with. */
export function firstVolumeName(name: string): string {
  const rar = RAR_PART.exec(name)
  if (rar !== null) return `${rar[1]}${'1'.padStart((rar[2] ?? '').length, '0')}${rar[3]}`
  const split = SPLIT_PART.exec(name) ?? GENERIC_PART.exec(name)
  if (split !== null) return `${split[1]}.${'1'.padStart((split[2] ?? '').length, '0')}`
  const old = RAR_OLD_PART.exec(name)
  if (old !== null) return `${old[1]}.rar`
  const span = ZIP_SPAN_PART.exec(name)
  if (span !== null) return `${span[1]}.zip`
  return name
}

/** The names that follow a byte-split first volume: `x.7z.001` → `x.7z.002`, `x.7z.003`, … */
export function* splitVolumeNames(firstName: string): Generator<string, void, undefined> {
  const match = SPLIT_PART.exec(firstName) ?? GENERIC_PART.exec(firstName)
  if (match === null) return
  const width = (match[2] ?? '').length
  for (let number = 2; number < 10 ** width; number += 1)
    yield `${match[1]}.${String(number).padStart(width, '0')}`
}

/** The parts of a spanned zip that come before its `.zip`: `x.zip` → `x.z01`, `x.z02`, … */
export function* spannedZipVolumeNames(zipName: string): Generator<string, void, undefined> {
  const stem = zipName.replace(/\.zip$/iu, '')
  const upper = /\.ZIP$/u.test(zipName)
  for (let number = 1; number < 100; number += 1)
    yield `${stem}.${upper ? 'Z' : 'z'}${String(number).padStart(2, '0')}`
}

/** The volumes after a RAR set's first: `x.part1.rar` → `x.part2.rar`…, `x.rar` → `x.r00`… */
export function* rarVolumeNames(firstName: string): Generator<string, void, undefined> {
  const part = RAR_PART.exec(firstName)
  if (part !== null) {
    const width = (part[2] ?? '').length
    for (let number = Number(part[2]) + 1; number < 10 ** Math.max(width, 3); number += 1) {
      yield `${part[1]}${String(number).padStart(width, '0')}${part[3]}`
    }
    return
  }
  if (!/\.rar$/iu.test(firstName)) return
  const stem = firstName.replace(/\.rar$/iu, '')
  const upper = /\.RAR$/u.test(firstName)
  // After .r99 WinRAR goes on with .s00 … .s99, then .t00 …
  for (const letter of 'rstuvwxy') {
    for (let number = 0; number < 100; number += 1) {
      yield `${stem}.${upper ? letter.toUpperCase() : letter}${String(number).padStart(2, '0')}`
    }
  }
}

/** The warning for a first volume read without (some of) the volumes that follow it. */
export function missingVolumes(names: readonly string[]): Warning {
  return {
    code: 'TEXT_TRUNCATED',
    message: `Only part of the file could be read: it is the first volume of a multi-volume archive and ${names.join(', ')} ${names.length === 1 ? 'was' : 'were'} not found beside it.`,
  }
}

/** Decodes the raw bytes of zip member names. A name is UTF-8 when the archive says so (flag
 *  bit 11 or an Info-ZIP Unicode Path field); otherwise it is in the code page of the machine
 *  that made the archive, which the zip does not record. We guess it once per archive from all
 *  such names together, by how plausible each decoding reads. Path safety is `safeMemberName`'s. */

import { crc32 } from 'node:zlib'
import iconv from 'iconv-lite'
import { ratePlausibility } from '../text/rate-plausibility.js'

/** What the central directory says about one member's name. */
export interface RawZipName {
  readonly nameBytes: Uint8Array
  readonly generalPurposeBitFlag: number
  readonly extraFields: readonly { readonly id: number; readonly data: Uint8Array }[]
}

/** The decoded names, in order, and the legacy code page chosen for unflagged names (if any). */
export interface DecodedZipNames {
  readonly names: string[]
  readonly encoding: string | null
}

const UTF8_FLAG = 0x800
const UNICODE_PATH_FIELD = 0x7075
// DOS code pages first: zip tools on Windows write names in the OEM code page (437 in the US,
// 720/864 Arabic, 862 Hebrew, 866 Russian), but many Arabic tools use the ANSI page 1256.
const CODE_PAGES = [
  'cp437',
  'cp1256',
  'cp866',
  'cp1255',
  'cp850',
  'cp720',
  'cp862',
  'shift_jis',
  'gb18030',
]

/** The UTF-8 name from an Info-ZIP Unicode Path extra field, if present and still valid. */
function unicodePathOf(name: RawZipName): string | null {
  for (const field of name.extraFields) {
    if (field.id !== UNICODE_PATH_FIELD || field.data.length < 6 || field.data[0] !== 1) continue
    const view = Buffer.from(field.data.buffer, field.data.byteOffset, field.data.byteLength)
    // The field carries the CRC of the name it translates; a renamed entry keeps a stale
    // field, which the spec says to ignore.
    if (view.readUInt32LE(1) !== crc32(name.nameBytes)) continue
    return decodeUtf8(view.subarray(5)) ?? null
  }
  return null
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false
  return true
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
}

/** Picks the code page whose decoding of all the legacy names reads best. */
function chooseCodePage(legacy: readonly Uint8Array[]): string {
  let best = CODE_PAGES[0] ?? 'cp437'
  let bestScore = -Infinity
  for (const encoding of CODE_PAGES) {
    const text = legacy.map((bytes) => decodeWith(bytes, encoding)).join('\n')
    let broken = 0
    for (const char of text) if (char === '\uFFFD') broken += 1
    const score = ratePlausibility(text) - broken / Math.max(1, text.length)
    // Ties go to the earlier code page: strict improvement is needed to move on.
    if (score > bestScore + 0.001) {
      best = encoding
      bestScore = score
    }
  }
  return best
}

/**
 * Decodes every member name of one archive.
 *
 * @example decodeZipNames([{ nameBytes: cp1256Bytes, generalPurposeBitFlag: 0, extraFields: [] }])
 * // → { names: ['تقرير.txt'], encoding: 'cp1256' }
 */
export function decodeZipNames(raw: readonly RawZipName[]): DecodedZipNames {
  const names: (string | null)[] = raw.map((name) => {
    // The Unicode Path field wins even over an ASCII name: old tools store a transliterated
    // or `?`-filled name there (fixture: archive/unicode-path-field.zip).
    const unicode = unicodePathOf(name)
    if (unicode !== null) return unicode
    if (isAscii(name.nameBytes)) return decodeWith(name.nameBytes, 'latin1')
    if ((name.generalPurposeBitFlag & UTF8_FLAG) !== 0)
      return new TextDecoder().decode(name.nameBytes)
    return null
  })
  // Many tools (macOS Archive Utility, 7-Zip on Linux) write UTF-8 without setting the flag; a
  // legacy name that happens to be valid UTF-8 is rare. Decide for the archive as a whole.
  const legacy = raw.filter((_, index) => names[index] === null).map((name) => name.nameBytes)
  if (legacy.length === 0) return { names: names.map((name) => name ?? ''), encoding: null }
  const allUtf8 = legacy.every((bytes) => decodeUtf8(bytes) !== undefined)
  const encoding = allUtf8 ? 'utf-8' : chooseCodePage(legacy)
  return {
    names: raw.map(
      (name, index) =>
        names[index] ??
        (encoding === 'utf-8'
          ? new TextDecoder().decode(name.nameBytes)
          : decodeWith(name.nameBytes, encoding)),
    ),
    encoding,
  }
}

/** Turns the bytes of a text file into a string and names the encoding it chose. The order is
 *  BOM, UTF-16 without BOM, a check for binary junk, the declared charset (checked, not
 *  trusted blindly), strict UTF-8, and last chardet's guesses re-ranked by how plausible each
 *  decoding reads. Markup-specific declarations (`<meta charset>`, XML) are found by callers. */

import chardet from 'chardet'
import iconv from 'iconv-lite'
import { DaleelError } from '../../../domain/index.js'
import { dominantScript, ratePlausibility } from './rate-plausibility.js'

/** A decoded text and the encoding it was read as, in lower-case WHATWG-style spelling. */
export interface DecodedText {
  readonly text: string
  readonly encoding: string
}

// Labels people and programs write, mapped to the one name we record. ISO-8859-1 and ASCII
// become windows-1252 as in browsers: the C1 range is unused in Latin-1 text anyway.
const ALIASES: Readonly<Record<string, string>> = {
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  'ucs-2': 'utf-16le',
  unicode: 'utf-16le',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  'utf-32': 'utf-32le',
  utf32le: 'utf-32le',
  utf32be: 'utf-32be',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ansi_x3.4-1968': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  cp819: 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  cp1256: 'windows-1256',
  'x-cp1256': 'windows-1256',
  arabic: 'iso-8859-6',
  'asmo-708': 'iso-8859-6',
  'ecma-114': 'iso-8859-6',
  'iso_8859-6': 'iso-8859-6',
  'iso-8859-6-i': 'iso-8859-6',
  'iso-8859-6-e': 'iso-8859-6',
  iso8859_6: 'iso-8859-6',
  cp1255: 'windows-1255',
  'x-cp1255': 'windows-1255',
  hebrew: 'iso-8859-8',
  visual: 'iso-8859-8',
  logical: 'iso-8859-8',
  'iso_8859-8': 'iso-8859-8',
  'iso-8859-8-i': 'iso-8859-8',
  'iso-8859-8-e': 'iso-8859-8',
  iso8859_8: 'iso-8859-8',
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  cp1254: 'windows-1254',
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  cp1253: 'windows-1253',
  cp1257: 'windows-1257',
  cp1258: 'windows-1258',
  sjis: 'shift_jis',
  shiftjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  ms_kanji: 'shift_jis',
  cp932: 'shift_jis',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  cp936: 'gb18030',
  'x-gbk': 'gb18030',
  'ks_c_5601-1987': 'euc-kr',
  cp949: 'euc-kr',
  ibm866: 'cp866',
  'x-mac-cyrillic': 'maccyrillic',
  mac_cyrillic: 'maccyrillic',
}

// chardet names the Hebrew legacy charset ISO-8859-8; Windows-1255 decodes every letter the
// same and adds the C1 punctuation real files use, so a guess of ISO-8859-8 is read as 1255
// (fixture: text/hebrew-windows-1255.txt). A declared ISO-8859-8 is kept.
const DETECTED_ALIASES: Readonly<Record<string, string>> = {
  'iso-8859-8': 'windows-1255',
}

// Every file with non-UTF-8 bytes is also tried in these, whatever chardet says: they are the
// code pages our users' files come in.
const ALWAYS_TRIED = [
  'utf-8',
  'windows-1256',
  'iso-8859-6',
  'windows-1255',
  'windows-1252',
  'windows-1251',
]
// Our users' files are mostly Arabic and Hebrew. Short Hebrew text in Windows-1255 reads as
// lowercase Russian in Windows-1251 and as lowercase Greek in ISO-8859-7 just as plausibly;
// real Russian or Greek has capitals and letters that turn into broken Hebrew, so the bonus
// only decides near-ties between scripts.
const TARGET_SCRIPT_BONUS = 0.1
// Order of preference when two decodings read equally well.
const PREFERENCE = [
  'utf-8',
  'windows-1256',
  'windows-1255',
  'windows-1252',
  'iso-8859-6',
  'windows-1251',
]

const MULTI_BYTE = new Set(['big5', 'gb18030', 'shift_jis', 'euc-jp', 'euc-kr'])

const SAMPLE_BYTES = 64 * 1024
const BINARY_SCAN_BYTES = 4 * 1024 * 1024

/** The canonical lower-case name for a charset label, or null when we cannot decode it. */
export function canonicalEncoding(label: string): string | null {
  const cleaned = label
    .trim()
    .replace(/^["']|["']$/gu, '')
    .toLowerCase()
  if (cleaned === '') return null
  const name = ALIASES[cleaned] ?? cleaned
  if (name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) return name
  return iconv.encodingExists(name) ? name : null
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
    return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes)
  }
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, {
    stripBOM: false,
  })
}

function findBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [b0, b1, b2, b3] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0 && bytes.length >= 8)
    return { encoding: 'utf-32le', length: 4 }
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', length: 4 }
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

/** The BOM's encoding when the bytes start with one (UTF-8, UTF-16LE/BE, UTF-32LE/BE). */
export function encodingFromBom(bytes: Uint8Array): string | null {
  return findBom(bytes)?.encoding ?? null
}

/** Share of the bytes at one parity taken by its two most common values. */
function topTwoShare(bytes: Uint8Array, parity: 0 | 1, end: number): number {
  const counts = new Uint32Array(256)
  let total = 0
  for (let index = parity; index < end; index += 2) {
    const byte = bytes[index] ?? 0
    counts[byte] = (counts[byte] ?? 0) + 1
    total += 1
  }
  let first = 0
  let second = 0
  for (const count of counts) {
    if (count > first) {
      second = first
      first = count
    } else if (count > second) second = count
  }
  return total === 0 ? 0 : (first + second) / total
}

function countControls(text: string): number {
  let controls = 0
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) ||
      code === 0xfffd
    )
      controls += 1
  }
  return controls
}

/**
 * 'utf-16le' or 'utf-16be' when BOM-less bytes have the UTF-16 shape: one byte of each pair
 * nearly constant (0x00 for Latin, 0x06 for Arabic, 0x05 for Hebrew) and the other varied.
 */
export function detectUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const end = Math.min(bytes.length, SAMPLE_BYTES) & ~1
  if (end < 4) return null
  const evenShare = topTwoShare(bytes, 0, end)
  const oddShare = topTwoShare(bytes, 1, end)
  let candidate: 'utf-16le' | 'utf-16be' | null = null
  let highParity: 0 | 1 = 1
  if (oddShare >= 0.8 && evenShare < 0.75) candidate = 'utf-16le'
  else if (evenShare >= 0.8 && oddShare < 0.75) {
    candidate = 'utf-16be'
    highParity = 0
  }
  if (candidate === null) return null
  // Text has spaces and line breaks, whose high byte is zero; arrays of numbers may not.
  let zeros = 0
  for (let index = highParity; index < end; index += 2) if (bytes[index] === 0) zeros += 1
  if (zeros === 0) return null
  let text: string
  try {
    text = new TextDecoder(candidate, { fatal: true }).decode(bytes.subarray(0, end))
  } catch {
    return null
  }
  if (countControls(text) > text.length * 0.01) return null
  return ratePlausibility(text) >= 0.5 ? candidate : null
}

/** True when the bytes hold many control bytes or NULs, as binary files do and text does not. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SCAN_BYTES)
  if (end === 0) return false
  let controls = 0
  let nuls = 0
  for (let index = 0; index < end; index += 1) {
    const byte = bytes[index] ?? 0
    if (byte === 0) nuls += 1
    // Tab, line feed, vertical tab, form feed, carriage return, SUB (DOS end of file) and
    // ESC (terminal colours) occur in real text files.
    else if (byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1a && byte !== 0x1b)
      controls += 1
  }
  return nuls > end * 0.001 || nuls >= 16 || controls > end * 0.01
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false
  return true
}

function decodeStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

function hasC1Bytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80 && byte <= 0x9f) return true
  return false
}

/** Up to 64 KB starting shortly before the first non-ASCII byte: that is where the choice is. */
function sampleOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SAMPLE_BYTES) return bytes
  let first = 0
  while (first < bytes.length && (bytes[first] ?? 0) < 0x80) first += 1
  const start = Math.max(0, Math.min(first - 1024, bytes.length - SAMPLE_BYTES))
  return bytes.subarray(start, start + SAMPLE_BYTES)
}

interface Candidate {
  readonly encoding: string
  readonly confidence: number
  readonly score: number
}

/** How well a decoding reads: plausibility, minus undecodable bytes, plus the nudges below. */
function scoreDecoding(text: string, encoding: string): number {
  // Undecodable bytes show up as U+FFFD; a few in a large sample are damage, many are a
  // wrong guess.
  const broken = countControls(text) / Math.max(1, text.length)
  // When a single-byte reading is as good, it wins: real CJK bytes read as Windows-1256 are
  // mojibake, so this costs CJK text nothing.
  const handicap = MULTI_BYTE.has(encoding) ? 0.05 : 0
  const script = dominantScript(text)
  const bonus = script === 'arabic' || script === 'hebrew' ? TARGET_SCRIPT_BONUS : 0
  return ratePlausibility(text) - broken * 10 - handicap + bonus
}

/** chardet's guesses plus the code pages we always try, each rated on a sample; the best
 *  reading wins, and among near-equals chardet's confidence, then our order of preference. */
function chooseLegacyEncoding(bytes: Uint8Array): Candidate {
  const sample = sampleOf(bytes)
  const confidences = new Map<string, number>()
  for (const [rank, match] of chardet.analyse(sample).slice(0, 5).entries()) {
    const canonical = canonicalEncoding(match.name)
    if (canonical === null || canonical.startsWith('utf-16') || canonical.startsWith('utf-32'))
      continue
    // Two Arabic letters read as one Chinese character make a "plausible" word, so CJK code
    // pages only compete when chardet is sure of them.
    if (MULTI_BYTE.has(canonical) && (rank > 0 || match.confidence < 50)) continue
    const encoding = DETECTED_ALIASES[canonical] ?? canonical
    confidences.set(encoding, Math.max(confidences.get(encoding) ?? 0, match.confidence))
  }
  for (const encoding of ALWAYS_TRIED) if (!confidences.has(encoding)) confidences.set(encoding, 0)
  const candidates = [...confidences].map(([encoding, confidence]) => ({
    encoding,
    confidence,
    score: scoreDecoding(decodeWith(sample, encoding), encoding),
  }))
  const best = Math.max(...candidates.map((candidate) => candidate.score))
  const preference = (encoding: string): number => {
    const index = PREFERENCE.indexOf(encoding)
    return index === -1 ? PREFERENCE.length : index
  }
  const [winner] = candidates
    .filter((candidate) => best - candidate.score <= 0.02)
    .sort((a, b) => b.confidence - a.confidence || preference(a.encoding) - preference(b.encoding))
  return winner ?? { encoding: 'windows-1252', confidence: 0, score: 0 }
}

function stripNuls(text: string): string {
  return text.includes('\0') ? text.replace(/\0/gu, '') : text
}

/** Best guess among the legacy encodings, decoding the whole file. */
function decodeLegacy(bytes: Uint8Array): DecodedText & { score: number } {
  const { encoding, score } = chooseLegacyEncoding(bytes)
  return { text: decodeWith(bytes, encoding), encoding, score }
}

/** Decodes with a declared charset unless the bytes clearly say otherwise. */
function decodeDeclared(bytes: Uint8Array, declared: string): DecodedText | null {
  if (declared.startsWith('utf-16') || declared.startsWith('utf-32')) return null
  const utf8 = decodeStrictUtf8(bytes)
  if (declared === 'utf-8') return utf8 === null ? null : { text: utf8, encoding: 'utf-8' }
  if (isAscii(bytes)) return { text: decodeWith(bytes, declared), encoding: declared }
  // Valid UTF-8 with multi-byte letters almost never happens by chance in a legacy encoding:
  // the declaration is stale, as when a page was re-saved by a newer editor.
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' }
  const encoding = declared === 'iso-8859-8' && hasC1Bytes(bytes) ? 'windows-1255' : declared
  const text = decodeWith(bytes, encoding)
  const score = scoreDecoding(decodeWith(sampleOf(bytes), encoding), encoding)
  if (score >= 0.9) return { text, encoding }
  const detected = decodeLegacy(bytes)
  return detected.score > score + 0.15
    ? { text: detected.text, encoding: detected.encoding }
    : { text, encoding }
}

/**
 * Decodes the bytes of a text file, choosing the encoding; throws FORMAT_UNSUPPORTED for bytes
 * that are binary rather than text. A leading BOM is removed, and so are NUL characters.
 *
 * @param declared a charset label from the container (HTTP header, `<meta>`, MIME part)
 * @param mediaType named in the error when the bytes are binary
 * @example decodeText(bytes) // → { text: 'تقرير سري …', encoding: 'windows-1256' }
 */
export function decodeText(
  bytes: Uint8Array,
  declared?: string,
  mediaType = 'application/octet-stream',
): DecodedText {
  const bom = findBom(bytes)
  if (bom !== null) {
    const text = decodeWith(bytes.subarray(bom.length), bom.encoding)
    return { text: stripNuls(text), encoding: bom.encoding }
  }
  const utf16 = detectUtf16(bytes)
  if (utf16 !== null) return { text: stripNuls(decodeWith(bytes, utf16)), encoding: utf16 }

  // Files cut from disk images are often padded with NULs: they are not part of the text.
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === 0) end -= 1
  const body = bytes.subarray(0, end)
  if (looksBinary(body)) throw new DaleelError('FORMAT_UNSUPPORTED', { mediaType })

  const canonical = declared === undefined ? null : canonicalEncoding(declared)
  if (canonical !== null) {
    const result = decodeDeclared(body, canonical)
    if (result !== null) return { text: stripNuls(result.text), encoding: result.encoding }
  }
  const utf8 = decodeStrictUtf8(body)
  if (utf8 !== null) return { text: stripNuls(utf8), encoding: 'utf-8' }
  const { text, encoding } = decodeLegacy(body)
  return { text: stripNuls(text), encoding }
}

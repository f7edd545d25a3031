/** Folds a raw text into the spelling the entity rules match against, one character at a time,
 *  and keeps the way back: every folded character knows the raw offset it came from, so a
 *  mention found in the folded text is reported with offsets into the raw text. The folding is
 *  the analyser's (alef, yeh and teh marbuta variants, diacritics, niqqud, tatweel, final Hebrew
 *  letters, Arabic-Indic and Persian digits, invisible characters) plus the separators that
 *  numbers and Hebrew abbreviations use. Words and patterns are the other modules' job. */
import { addArabicRules } from '../normalize/arabic.js'
import { createCharTable, DROP, KEEP, TABLE_SIZE } from '../normalize/char-table.js'
import { addHebrewRules } from '../normalize/hebrew.js'

/** A folded copy of a raw text with the raw offset of each folded character. */
export interface FoldedText {
  /** The raw text, as given. */
  readonly raw: string
  /** The folded text: same order, some characters replaced, some dropped. */
  readonly text: string
  /** `toRaw[i]` is the raw offset of folded character `i`; `toRaw[text.length]` is `raw.length`. */
  readonly toRaw: Int32Array
}

const TABLE = createCharTable()
addArabicRules(TABLE)
addHebrewRules(TABLE)
// Gershayim and geresh stay, as the ASCII quotes that most keyboards type for them: ש"ח and
// ש״ח, צה"ל and צה״ל must look alike, and the quote tells an abbreviation from a word.
TABLE[0x05f4] = 0x22
TABLE[0x05f3] = 0x27
// The maqaf joins a Hebrew prefix to a number or name (ב־2009) as a hyphen does.
TABLE[0x05be] = 0x2d
// Arabic decimal and thousands separators and percent sign: ١٫٢ is 1.2 and ١٬٠٠٠ is 1,000.
TABLE[0x066b] = 0x2e
TABLE[0x066c] = 0x2c
TABLE[0x066a] = 0x25
// A no-break space separates words as a space does (mail clients and PDFs write it).
TABLE[0x00a0] = 0x20

// Above the table: curly quotes become ASCII (צה”ל), the thin and narrow no-break spaces and the
// other Unicode spaces become a space; the invisible format characters are dropped.
function foldAbove(code: number): number {
  if (code === 0x2019 || code === 0x2018) return 0x27
  if (code === 0x201d || code === 0x201c) return 0x22
  if ((code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f) return 0x20
  if (
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  ) {
    return DROP
  }
  return KEEP
}

const CHUNK = 4096

/**
 * The folded form of `raw` with its offset map.
 * @example foldText('بـ ١٫٢ مليار').text // 'ب 1.2 مليار'
 */
export function foldText(raw: string): FoldedText {
  const length = raw.length
  const codes = new Uint16Array(length)
  const toRaw = new Int32Array(length + 1)
  let size = 0
  for (let i = 0; i < length; i += 1) {
    const code = raw.charCodeAt(i)
    const mapped = code < TABLE_SIZE ? TABLE[code]! : foldAbove(code)
    if (mapped === DROP) continue
    codes[size] = mapped === KEEP ? code : mapped
    toRaw[size] = i
    size += 1
  }
  toRaw[size] = length
  const parts: string[] = []
  for (let i = 0; i < size; i += CHUNK) {
    parts.push(String.fromCharCode(...codes.subarray(i, Math.min(i + CHUNK, size))))
  }
  return { raw, text: parts.join(''), toRaw: toRaw.subarray(0, size + 1) }
}

// Marks that belong to the letter before them: a span that ends on a letter takes them along,
// so دولاراً is cited whole, tanwin included.
const TRAILING_MARK =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0640]/

/** The raw span `[start, end)` of the folded span `[start, end)`; `end > start`. */
export function rawSpan(folded: FoldedText, start: number, end: number): [number, number] {
  const rawStart = folded.toRaw[start]!
  let rawEnd = folded.toRaw[end - 1]! + 1
  // A surrogate pair is kept whole (the table keeps both halves, so end-1 is the low half).
  while (rawEnd < folded.raw.length && TRAILING_MARK.test(folded.raw[rawEnd]!)) rawEnd += 1
  return [rawStart, rawEnd]
}

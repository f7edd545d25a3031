/** Finds the words of a raw text as UTF-16 offsets, the same way at index time and at query
 *  time. A word is a run of letters, marks and digits (`\p{L}\p{M}\p{N}`). Invisible joiners,
 *  soft hyphens and bidi controls inside a word, and geresh/gershayim inside a Hebrew word, do not
 *  split it; CJK characters are one word each, so phrase search works without a dictionary.
 *  What a word becomes (its form and term) is left to `normalize/` and `stem/`. */

/** A word of the raw text: `text.slice(start, end)`. */
export interface WordSpan {
  readonly start: number
  readonly end: number
}

// One flag set per UTF-16 code unit, computed on first sight: classifying a character with a
// Unicode property regex costs far more than a table read, and a text uses few distinct ones.
const KNOWN = 1
const WORD = 2 // \p{L} \p{M} \p{N}
const MARK = 4 // \p{M}: stays with the CJK character before it
const CJK = 8 // Han, kana, hangul: one word per character
const JOINER = 16 // invisible inside a word: ZWNJ, ZWJ, soft hyphen, bidi controls
const HEBREW = 32 // a Hebrew letter or point: a geresh may follow it
const HEBREW_LETTER = 64 // an ASCII apostrophe or quote must sit before one of these
const GERESH = 128 // U+05F3 geresh, U+05F4 gershayim
// ASCII ' and " (what most keyboards type for geresh and gershayim), and ’ ” (what word
// processors turn them into)
const QUOTE = 256
const CJK_TAIL = 512 // belongs to the CJK character before it (Hangul vowel/final jamo, halfwidth voicing)
const WIDE = 1024 // set only by flagsAt: the character is a surrogate pair

const IS_WORD = /^[\p{L}\p{M}\p{N}]$/u
const IS_MARK = /^\p{M}$/u
const IS_CJK = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]$/u
const IS_JOINER = /^[\u00AD\u061C\u200C-\u200F\u202A-\u202E\u2066-\u2069]$/u
const IS_HEBREW =
  /^[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u05D0-\u05EA\u05EF-\u05F2\uFB1D-\uFB4F]$/u
const IS_HEBREW_LETTER = /^[\u05D0-\u05EA\u05EF-\u05F2\uFB1D-\uFB4F]$/u
const IS_CJK_TAIL = /^[\u1160-\u11FF\uD7B0-\uD7FF\uFF9E\uFF9F]$/u

const bmpFlags = new Uint16Array(0x10000)
const astralFlags = new Map<number, number>()

function classify(char: string): number {
  let flags = KNOWN
  if (IS_WORD.test(char)) flags |= WORD
  if (IS_MARK.test(char)) flags |= MARK
  if (flags & WORD && IS_CJK.test(char)) flags |= CJK // not the CJK radicals and symbols
  if (IS_JOINER.test(char)) flags |= JOINER
  if (IS_HEBREW.test(char)) flags |= HEBREW
  if (IS_HEBREW_LETTER.test(char)) flags |= HEBREW_LETTER
  if (char === '\u05F3' || char === '\u05F4') flags |= GERESH
  if (char === "'" || char === '"' || char === '\u2019' || char === '\u201D') flags |= QUOTE
  if (IS_CJK_TAIL.test(char)) flags |= CJK_TAIL
  return flags
}

function bmpFlagsOf(code: number): number {
  const flags = bmpFlags[code]!
  if (flags !== 0) return flags
  return (bmpFlags[code] = classify(String.fromCharCode(code)))
}

/** Flags of the character at `i`, with WIDE when it is a surrogate pair (2 code units). */
function flagsAt(text: string, i: number): number {
  const code = text.charCodeAt(i)
  if (code < 0xd800 || code > 0xdbff || i + 1 >= text.length) return bmpFlagsOf(code)
  const low = text.charCodeAt(i + 1)
  if (low < 0xdc00 || low > 0xdfff) return bmpFlagsOf(code)
  const point = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
  let flags = astralFlags.get(point)
  if (flags === undefined) {
    flags = classify(String.fromCodePoint(point))
    astralFlags.set(point, flags)
  }
  return flags | WIDE
}

/**
 * Calls `visit(start, end)` for each word of `text`, in order; the allocation-free form of
 * `tokenize`, for the hot path.
 */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  const length = text.length
  let start = -1 // start of the word being read, -1 between words
  let previous = 0 // flags of the last character taken into that word
  let i = 0
  while (i < length) {
    const flags = flagsAt(text, i)
    const width = flags & WIDE ? 2 : 1
    if (flags & WORD && !(flags & CJK)) {
      if (start < 0) start = i
      previous = flags
      i += width
      continue
    }
    if (flags & CJK) {
      if (start >= 0) visit(start, i)
      start = -1
      let end = i + width
      while (end < length) {
        const next = flagsAt(text, end)
        if (!(next & (MARK | CJK_TAIL))) break
        end += next & WIDE ? 2 : 1
      }
      visit(i, end)
      i = end
      continue
    }
    if (start >= 0) {
      // צה"ל, ג'ורג', ג׳ורג׳: the geresh is part of the Hebrew word (the form drops it).
      if (flags & GERESH && previous & HEBREW) {
        previous = flags
        i += 1
        continue
      }
      if (
        flags & QUOTE &&
        previous & HEBREW &&
        i + 1 < length &&
        bmpFlagsOf(text.charCodeAt(i + 1)) & HEBREW_LETTER
      ) {
        previous = flags
        i += 1
        continue
      }
      if (flags & JOINER) {
        let next = i + 1
        while (next < length && bmpFlagsOf(text.charCodeAt(next)) & JOINER) next += 1
        if (next < length) {
          const after = flagsAt(text, next)
          if (after & WORD && !(after & CJK)) {
            i = next
            continue
          }
        }
      }
      visit(start, i)
      start = -1
    }
    i += width
  }
  if (start >= 0) visit(start, length)
}

/**
 * The words of `text`, as offsets into it.
 * @example tokenize('قال: צה"ל') // [{ start: 0, end: 3 }, { start: 5, end: 9 }]
 */
export function tokenize(text: string): WordSpan[] {
  const words: WordSpan[] = []
  forEachWord(text, (start, end) => {
    words.push({ start, end })
  })
  return words
}

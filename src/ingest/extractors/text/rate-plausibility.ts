/** Rates how much a decoded text looks like real writing rather than mojibake. Decoding the
 *  same bytes with the wrong single-byte code page gives tell-tale shapes: Latin letters inside
 *  Arabic words, Hebrew points with no letter to sit on, box-drawing soup, `ÇáÚÑÈíÉ` with its
 *  case flipping mid-word. Picking the code page is left to `decodeText` and the zip reader. */

/** The scripts the plausibility rules tell apart. */
export type Script = 'latin' | 'arabic' | 'hebrew' | 'greek' | 'cyrillic' | 'cjk' | 'other'

// Splits words at whitespace and ASCII punctuation/digits: these decode the same in every code
// page we compare, so only the non-ASCII parts of words decide. CJK and full-width punctuation
// separate too, as Chinese and Japanese put no spaces between sentences' words.
const SEPARATORS =
  /[\s!-@[-`{-~\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/u
const LETTER = /\p{L}/u
const MARK = /\p{M}/u
const UPPER = /\p{Lu}/u
const LOWER = /\p{Ll}/u
const BROKEN = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}\uFFFD\uFF66-\uFF9F]/u

// Punctuation that may stand at either end of a word in real text.
const EDGE_PUNCTUATION = new Set(Array.from('«»“”‘’„‹›…–—•¡¿،؛؟۔׳״€£₪¥¢©®™§°'))
// Characters that may stand inside a word: apostrophe, Hebrew geresh/gershayim/maqaf, middle
// dot, zero-width (non-)joiners, direction marks, soft hyphen, non-breaking hyphen.
const INNER_PUNCTUATION = new Set(Array.from('’׳״־·\u200c\u200d\u200e\u200f\u00ad\u2011'))

function scriptOf(codePoint: number): Script {
  if (codePoint < 0x250) return 'latin'
  if (codePoint >= 0x1e00 && codePoint <= 0x1eff) return 'latin'
  if (codePoint >= 0x370 && codePoint <= 0x3ff) return 'greek'
  if (codePoint >= 0x1f00 && codePoint <= 0x1fff) return 'greek'
  if (codePoint >= 0x400 && codePoint <= 0x52f) return 'cyrillic'
  if (codePoint >= 0x590 && codePoint <= 0x5ff) return 'hebrew'
  if (codePoint >= 0xfb1d && codePoint <= 0xfb4f) return 'hebrew'
  if (codePoint >= 0x600 && codePoint <= 0x8ff) return 'arabic'
  if (codePoint >= 0xfb50 && codePoint <= 0xfeff) return 'arabic'
  if (
    (codePoint >= 0x1100 && codePoint <= 0x11ff) ||
    (codePoint >= 0x3040 && codePoint <= 0x30ff) ||
    (codePoint >= 0x3130 && codePoint <= 0x318f) ||
    (codePoint >= 0x3400 && codePoint <= 0x9fff) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7af) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    codePoint >= 0x20000
  )
    return 'cjk'
  return 'other'
}

function hasNonAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1)
    if (text.charCodeAt(index) > 0x7f) return true
  return false
}

/** Drops the common punctuation that may surround a word. */
function trimWord(chars: string[]): string[] {
  let start = 0
  let end = chars.length
  while (start < end && EDGE_PUNCTUATION.has(chars[start] ?? '')) start += 1
  while (end > start && EDGE_PUNCTUATION.has(chars[end - 1] ?? '')) end -= 1
  return chars.slice(start, end)
}

/** True when a word (already trimmed, with some non-ASCII) could occur in real text. */
function isPlausibleWord(chars: readonly string[]): boolean {
  const scripts = new Set<Script>()
  let letters = 0
  let nonAsciiLetters = 0
  let marksInRow = 0
  let previous = ''
  for (const [index, char] of chars.entries()) {
    if (BROKEN.test(char)) return false
    const codePoint = char.codePointAt(0) ?? 0
    if (MARK.test(char)) {
      // A vowel sign or point needs a letter to sit on; four in a row do not occur.
      if (index === 0) return false
      marksInRow += 1
      if (marksInRow > 3) return false
      continue
    }
    marksInRow = 0
    if (LETTER.test(char)) {
      scripts.add(scriptOf(codePoint))
      letters += 1
      if (codePoint > 0x7f) nonAsciiLetters += 1
      // Case flipping to upper in the middle of a word happens in camelCase names, but hardly
      // ever with accented letters: `ÇáÚ` is Arabic read as Windows-1252.
      if (
        index > 0 &&
        UPPER.test(char) &&
        LOWER.test(previous) &&
        (codePoint > 0x7f || (previous.codePointAt(0) ?? 0) > 0x7f)
      )
        return false
      previous = char
      continue
    }
    if (!INNER_PUNCTUATION.has(char)) return false
    previous = char
  }
  if (scripts.size > 1) return false
  if (scripts.has('latin')) {
    // Latin languages use accents on some letters, not on most of a word.
    if (letters >= 2 && nonAsciiLetters === letters) return false
    if (letters >= 4 && nonAsciiLetters / letters > 0.5) return false
  }
  return true
}

/**
 * A score from 0 (mojibake) to 1 (every word with non-ASCII letters looks real). Text with no
 * non-ASCII letters scores 1: it decodes the same in every code page.
 *
 * @example ratePlausibility('مرحبا بالعالم') // → 1
 * @example ratePlausibility('ãÑÍÈÇ ÈÇáÚÇáã') // → 0
 */
export function ratePlausibility(text: string): number {
  let total = 0
  let good = 0
  for (const token of text.split(SEPARATORS)) {
    if (!hasNonAscii(token)) continue
    const chars = trimWord(Array.from(token))
    let weight = 0
    for (const char of chars) if ((char.codePointAt(0) ?? 0) > 0x7f) weight += 1
    if (weight === 0) continue
    total += weight
    if (isPlausibleWord(chars)) good += weight
  }
  return total === 0 ? 1 : good / total
}

/** The script most of the text's non-ASCII letters belong to, or null when it has none. */
export function dominantScript(text: string): Script | null {
  const counts = new Map<Script, number>()
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0
    if (codePoint <= 0x7f || !LETTER.test(char)) continue
    const script = scriptOf(codePoint)
    counts.set(script, (counts.get(script) ?? 0) + 1)
  }
  let best: Script | null = null
  let bestCount = 0
  for (const [script, count] of counts) {
    if (count > bestCount) {
      best = script
      bestCount = count
    }
  }
  return best
}

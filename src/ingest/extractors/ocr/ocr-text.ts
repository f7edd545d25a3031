/** Cleans the lines tesseract returns into the logical-order text the rest of Daleel expects,
 *  and counts letters per script. Tesseract's LSTM recogniser already gives right-to-left lines
 *  in logical order; what it gets wrong, found on real output (see docs/ocr.md), is repaired
 *  here: the order of a number that belongs to a Latin run inside a right-to-left line, brackets
 *  around such runs, and the bidi marks it wraps them in. */

const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]/u
const HEBREW_LETTER = /[\u05d0-\u05ea\u05ef-\u05f2\ufb1d-\ufb4f]/u
const LATIN_LETTER = /\p{Script=Latin}/u
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u

/**
 * Turns one line of tesseract output into clean logical text.
 *
 * In a right-to-left line tesseract wraps each left-to-right run in LRM … RLM but leaves a
 * number printed just right of the run outside it, in right-to-left order: a line typed
 * `الاسم Daleel 2023` comes back as `الاسم 2023 ‎Daleel‏`, an IBAN `SA03 8000 7519` as
 * `7519 8000 ‎SA03‏`. The bidi algorithm reads such a number as part of the Latin run (the
 * PDF extractor does the same), so numbers between a right-to-left word and a marked run are
 * moved behind the run, in left-to-right order. Then the marks are removed.
 *
 * @example cleanOcrLine('الاسم 2023 \u200eDaleel\u200f هو', 'rtl') // 'الاسم Daleel 2023 هو'
 */
export function cleanOcrLine(line: string, direction: 'ltr' | 'rtl'): string {
  let text = line.replace(/[\r\n]+/gu, ' ')
  if (direction === 'rtl' && text.includes(LRM)) text = attachNumbersToLatinRuns(text)
  text = text.replace(BIDI_CONTROLS, '')
  if (direction === 'rtl') text = repairMirroredBrackets(text)
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim()
}

const LRM = '\u200e'
const RLM = '\u200f'
const NUMBER_TOKEN = /^[+-]?\d[\d.,:/%-]*$/u

function attachNumbersToLatinRuns(line: string): string {
  let result = ''
  let rest = line
  for (let start = rest.indexOf(LRM); start >= 0; start = rest.indexOf(LRM)) {
    const end = rest.indexOf(RLM, start)
    if (end < 0) break
    const before = rest.slice(0, start)
    const run = rest.slice(start + 1, end)
    const tokens = before.split(' ')
    // `before` ends with a space when a number precedes the run: the last token is empty.
    const numbers: string[] = []
    let index = tokens.length - 2
    while (tokens.at(-1) === '' && index >= 0 && NUMBER_TOKEN.test(tokens[index]!)) {
      numbers.push(tokens[index]!)
      index--
    }
    const previous = index >= 0 ? tokens[index]! : ''
    // Only after a right-to-left word (or at the start of the line): after another Latin run
    // the order cannot be told, and tesseract's is kept.
    if (numbers.length > 0 && (index < 0 || RTL_LETTER.test(previous)) && !previous.includes(RLM)) {
      const head = tokens.slice(0, index + 1).join(' ')
      result += `${head}${head === '' ? '' : ' '}${run} ${numbers.join(' ')}`
    } else {
      result += `${before}${run}`
    }
    rest = rest.slice(end + 1)
  }
  return result + rest
}

// With a Latin model loaded beside the Arabic one, brackets around a number or Latin word in a
// right-to-left line come back as drawn, not as typed: `(12)` is read `)12(`. A pair that
// closes before it opens around left-to-right content is turned round.
const MIRRORED_PAIRS: readonly (readonly [string, string])[] = [
  [')', '('],
  [']', '['],
  ['}', '{'],
]

function repairMirroredBrackets(text: string): string {
  let result = text
  for (const [close, open] of MIRRORED_PAIRS) {
    const pattern = new RegExp(`\\${close}([^()[\\]{}]*?)\\${open}`, 'gu')
    result = result.replace(pattern, (whole, inner: string) =>
      RTL_LETTER.test(inner) || inner.trim() === '' ? whole : `${open}${inner}${close}`,
    )
  }
  return result
}

/** Letters of each script in a text. */
export interface ScriptCounts {
  arabic: number
  hebrew: number
  latin: number
}

/** Counts Arabic, Hebrew and Latin letters (marks, digits and punctuation are not counted). */
export function countScripts(text: string, counts: ScriptCounts = emptyCounts()): ScriptCounts {
  for (const char of text) {
    if (ARABIC_LETTER.test(char)) counts.arabic++
    else if (HEBREW_LETTER.test(char)) counts.hebrew++
    else if (LATIN_LETTER.test(char)) counts.latin++
  }
  return counts
}

export function emptyCounts(): ScriptCounts {
  return { arabic: 0, hebrew: 0, latin: 0 }
}

/** The scripts of a recognised page, as reported to users. */
export type OcrScript = 'arabic' | 'hebrew' | 'latin' | 'mixed'

// A second script with at least this share of the letters makes a page mixed.
const MIXED_SHARE = 0.1

/** The script of a text from its letter counts: null without letters, 'mixed' when a second
 *  script has at least a tenth of them. */
export function scriptOf(counts: ScriptCounts): OcrScript | null {
  const entries = (Object.entries(counts) as [keyof ScriptCounts, number][]).sort(
    (a, b) => b[1] - a[1],
  )
  const total = entries.reduce((sum, [, count]) => sum + count, 0)
  const [first, second] = entries
  if (!first || total === 0) return null
  if (second && second[1] / total >= MIXED_SHARE) return 'mixed'
  return first[0]
}

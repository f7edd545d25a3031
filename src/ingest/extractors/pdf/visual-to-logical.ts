/** Turns one line of PDF text in visual order (left to right, as drawn) into logical order
 *  (as typed) with the Unicode bidi algorithm, and cleans the result: real letters instead of
 *  presentation forms, no bidi controls, combining marks attached to their letters. Which
 *  glyphs form a line is decided by `page-lines.ts`. */

import bidiModule from 'bidi-js'

// bidi-js is a CommonJS module whose export is the factory itself; its typings describe an ES
// default export, which TypeScript's Node rules read as `module.exports.default`.
const bidiFactory = bidiModule as unknown as typeof import('bidi-js').default
const bidi = bidiFactory()

const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u
const RTL_LETTER =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u
const LETTER = /\p{L}/u
const MIRRORABLE = /[()[\]{}<>«»‹›]/u

/** True when the text holds a right-to-left letter or presentation form. */
export function hasRightToLeft(text: string): boolean {
  return RTL_CHAR.test(text)
}

/** The paragraph direction a reader would give a line: the script with more letters wins. */
export function lineDirection(text: string): 'ltr' | 'rtl' {
  let rtl = 0
  let ltr = 0
  for (const char of text) {
    if (!LETTER.test(char)) continue
    if (RTL_LETTER.test(char)) rtl++
    else ltr++
  }
  return rtl > ltr ? 'rtl' : 'ltr'
}

/** Runs the reordering step of the bidi algorithm (rule L2) on `text`, optionally mirroring the
 *  characters that end up right-to-left (rule L4). The reordering is its own inverse for the
 *  runs a PDF line holds, so it maps visual to logical as well as logical to visual. */
export function reorder(text: string, direction: 'ltr' | 'rtl', mirror: boolean): string {
  const embedding = bidi.getEmbeddingLevels(text, direction)
  const units = text.split('')
  if (mirror) {
    for (const [index, replacement] of bidi.getMirroredCharactersMap(text, embedding.levels)) {
      units[index] = replacement
    }
  }
  for (const [start = 0, end = -1] of bidi.getReorderSegments(text, embedding)) {
    for (let i = start, j = end; i < j; i++, j--) {
      const left = units[i] ?? ''
      units[i] = units[j] ?? ''
      units[j] = left
    }
  }
  return repairSurrogates(units.join(''))
}

// Reversing UTF-16 code units swaps the halves of a surrogate pair (an emoji, a rare CJK sign).
function repairSurrogates(text: string): string {
  return text.replace(/([\udc00-\udfff])([\ud800-\udbff])/gu, '$2$1')
}

/** One line in both possible bracket forms, and whether the brackets tell which one is right. */
export interface ReorderedLine {
  readonly plain: string
  readonly mirrored: string
  /** +1: only the mirrored form pairs its brackets; −1: only the plain form; 0: no evidence. */
  readonly mirrorVote: -1 | 0 | 1
}

/** Reorders one visual line. PDF producers disagree on brackets in right-to-left runs:
 *  Chromium maps the drawn glyph “(” to U+0028 even where it closes a phrase, LibreOffice maps it
 *  to the character typed, U+0029. Both forms are computed and the brackets themselves vote
 *  (fixtures: pdf/chromium-arabic-hebrew.pdf, pdf/libreoffice-arabic-hebrew.pdf). */
export function reorderVisualLine(visual: string): ReorderedLine {
  if (!hasRightToLeft(visual)) return { plain: visual, mirrored: visual, mirrorVote: 0 }
  const direction = lineDirection(visual)
  const plain = reorder(visual, direction, false)
  if (!MIRRORABLE.test(visual)) return { plain, mirrored: plain, mirrorVote: 0 }
  const mirrored = reorder(visual, direction, true)
  const plainErrors = bracketErrors(plain)
  const mirroredErrors = bracketErrors(mirrored)
  const mirrorVote = plainErrors === mirroredErrors ? 0 : mirroredErrors < plainErrors ? 1 : -1
  return { plain, mirrored, mirrorVote }
}

const OPENING = '([{<«‹'
const CLOSING = ')]}>»›'

/** Counts brackets that close before they open or never close. */
export function bracketErrors(text: string): number {
  const depth = [0, 0, 0, 0, 0, 0]
  let errors = 0
  for (const char of text) {
    const open = OPENING.indexOf(char)
    if (open >= 0) {
      depth[open] = (depth[open] ?? 0) + 1
      continue
    }
    const close = CLOSING.indexOf(char)
    if (close < 0) continue
    if ((depth[close] ?? 0) > 0) depth[close] = (depth[close] ?? 0) - 1
    else errors++
  }
  return errors + depth.reduce((sum, open) => sum + open, 0)
}

// Directional formatting characters (and the Arabic letter mark) carry no text of their own;
// some producers write them into ToUnicode maps and pdftotext adds them around every run.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu
// Presentation forms (Arabic, Hebrew and Latin ligatures): compatibility characters that NFKC
// maps to the letters a user types and searches for. Other text keeps its exact characters.
const PRESENTATION_FORMS = /[\ufb00-\ufdff\ufe70-\ufefe]+/gu
// A space that pdf.js put between a letter and its mark because the mark sits off the advance
// line (fixture: pdf/libreoffice-arabic-hebrew.pdf, كَتَبَ).
const SPACE_BEFORE_MARK = /([\p{L}\p{M}]) +(?=\p{M})/gu
// LibreOffice writes a cluster's marks once per glyph and again in the ToUnicode of the next
// glyph (fixture: pdf/libreoffice-arabic-hebrew.pdf, שָׁלוֹם); a mark repeated at once adds nothing.
const REPEATED_MARK = /(\p{M})\1+/gu

/** Cleans one logical line: NFKC for presentation forms, no bidi controls, marks kept on their
 *  letters, NFC, single spaces.
 *  @example cleanLine('ﺍﻟﺘﺤﻮﻳﻼﺕ') === 'التحويلات' */
export function cleanLine(text: string): string {
  return text
    .replace(BIDI_CONTROLS, '')
    .replace(PRESENTATION_FORMS, (forms) => forms.normalize('NFKC'))
    .replace(SPACE_BEFORE_MARK, '$1')
    .normalize('NFC')
    .replace(REPEATED_MARK, '$1')
    .replace(/[ \t\u00a0]{2,}/gu, ' ')
    .trim()
}

/** Reorders the visual lines of one document page by page. The bracket convention is learned
 *  from the lines that show it and applied to those that don't. */
export class VisualLineReader {
  #mirrorVotes = 0

  /** Returns the logical, cleaned form of each visual line, in the same order. */
  readLines(visualLines: readonly string[]): string[] {
    const reordered = visualLines.map(reorderVisualLine)
    for (const line of reordered) this.#mirrorVotes += line.mirrorVote
    return reordered.map((line) => {
      const mirror = line.mirrorVote > 0 || (line.mirrorVote === 0 && this.#mirrorVotes > 0)
      return cleanLine(mirror ? line.mirrored : line.plain)
    })
  }
}

// Used only when the patched worker is not active: pdf.js then ran its own bidi over each
// item, and a ligature glyph's two letters come out swapped. Only the unambiguous case is
// repaired: two alefs in a row (األمل → الأمل) never occur in Arabic words, while “ال”
// inside a word is usually right (أعمال) and cannot be told apart from a swapped “لا”.
const SWAPPED_HAMZA_LAM_ALEF = /ا([أإآ])ل/gu

/** Repairs the lam-alef swaps that are certain in text pdf.js has already reordered. */
export function repairSwappedLamAlef(text: string): string {
  return text.replace(SWAPPED_HAMZA_LAM_ALEF, 'ال$1')
}

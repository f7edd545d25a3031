/** Reads numbers written in Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩) again. The Arabic tesseract model
 *  cannot write ٢–٩ at all (its character set holds only ٠ and ١), so it reads such a number as
 *  Western digits and dots that are mostly wrong (`٢٥٠٠٠٠` → `...100`, `٢٠٢٤` → `7014`; measured in
 *  docs/ocr.md). Each word tesseract read as a number is cut into glyphs here, and the glyphs
 *  are compared with Arabic-Indic and Western digits drawn in common Arabic fonts
 *  (`digit-templates.ts`); when the Arabic-Indic reading fits clearly better, it replaces
 *  tesseract's. Western numbers, which tesseract reads well, are left alone. */

import { DIGIT_TEMPLATES } from './digit-templates.js'
import {
  findGlyphs,
  glyphDistance,
  glyphFeatures,
  type GlyphBox,
  type GlyphFeatures,
} from './digit-glyphs.js'
import type { GrayImage } from './gray-image.js'

interface Template {
  readonly char: string
  readonly set: 'arabic' | 'western'
  readonly separator: boolean
  readonly features: GlyphFeatures
}

const SEPARATORS = new Set('٫٬/.,:-٪%')

let templates: readonly Template[] | undefined

function allTemplates(): readonly Template[] {
  templates ??= DIGIT_TEMPLATES.map(([char, set, grid, aspect, height, middle]) => ({
    char,
    set,
    separator: SEPARATORS.has(char),
    features: {
      grid: Array.from(grid, (digit) => parseInt(digit, 16) / 15),
      aspect,
      height,
      middle,
    },
  }))
  return templates
}

// A word tesseract read as a number (digits of either kind with separators, as the Arabic
// model writes them), or as ٠/١ mixed with a few stray letters.
const NUMBER_LIKE = /^[\d٠-٩۰-۹.,:/٫٬%٪؟?!\-()]+$/u
const HAS_DIGIT = /[\d٠-٩]/u
// The Arabic-Indic reading must fit this much better than the Western one (sum of distances).
const MARGIN = 0.8
// A glyph farther than this from every template is not a digit: the word is left as read.
const MAX_GLYPH_DISTANCE = 0.2

/** True when tesseract's text for a word looks like a number worth reading again. */
export function isNumberLike(word: string): boolean {
  const text = word.replace(/[\u200e\u200f\u061c]/gu, '')
  return NUMBER_LIKE.test(text) && HAS_DIGIT.test(text)
}

/**
 * The number in `box` read as Arabic-Indic digits, or null when its glyphs look more like
 * Western digits, or not like digits at all.
 *
 * @example readArabicIndicNumber(gray, threshold, word.bbox) // '٢٠٢٤'
 */
export function readArabicIndicNumber(
  image: GrayImage,
  threshold: number,
  box: { x0: number; y0: number; x1: number; y1: number },
): string | null {
  const height = box.y1 - box.y0
  if (height < 6 || box.x1 - box.x0 < 2) return null
  // Tesseract's word boxes are tight; a little room keeps cut strokes whole.
  const pad = Math.max(1, Math.round(height * 0.1))
  const area: GlyphBox = {
    left: box.x0 - pad,
    top: box.y0 - pad,
    right: box.x1 + pad,
    bottom: box.y1 + pad,
  }
  const minArea = Math.max(2, Math.round((height * height) / 400))
  const glyphs = findGlyphs(image, area, threshold, minArea)
  if (glyphs.length === 0 || glyphs.length > 40) return null
  const extent = {
    top: Math.min(...glyphs.map((glyph) => glyph.top)),
    bottom: Math.max(...glyphs.map((glyph) => glyph.bottom)),
  }
  const features = glyphs.map((glyph) => glyphFeatures(image, glyph, threshold, extent))
  const arabic = readAs(features, 'arabic')
  const western = readAs(features, 'western')
  if (!arabic || arabic.worst > MAX_GLYPH_DISTANCE || !/[٠-٩]/u.test(arabic.text)) return null
  return arabic.distance < western.distance * MARGIN ? toLogical(arabic.text) : null
}

/** The glyphs were read left to right. Arabic-Indic digits are bidi class AN: a run of them
 *  joined by `/ . , :` (and ٫ ٬) reads left to right, but a percent sign or a hyphen does not
 *  join it (rule W5 applies to European digits only), so in a right-to-left line `١٥٪` is drawn
 *  `٪١٥` and `٢٠٢٤-٠١-٠٨` is drawn `٠٨-٠١-٢٠٢٤`. */
export function toLogical(visual: string): string {
  const parts = visual.split('-')
  return parts
    .reverse()
    .map((part) => {
      const match = /^([٪%]*)(.*?)([٪%]*)$/u.exec(part)
      return match ? `${match[2]}${match[1]}${match[3]}` : part
    })
    .join('-')
}

function readAs(
  features: readonly GlyphFeatures[],
  set: 'arabic' | 'western',
): { text: string; distance: number; worst: number } {
  let text = ''
  let distance = 0
  let worst = 0
  for (const glyph of features) {
    let best: Template | null = null
    let bestDistance = Infinity
    for (const template of allTemplates()) {
      if (template.set !== set) continue
      const candidate = glyphDistance(glyph, template.features)
      if (candidate < bestDistance) {
        best = template
        bestDistance = candidate
      }
    }
    text += best?.char ?? '?'
    distance += bestDistance
    worst = Math.max(worst, bestDistance)
  }
  return { text, distance, worst }
}

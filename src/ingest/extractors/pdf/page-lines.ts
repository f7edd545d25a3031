/** Rebuilds the visual lines of one PDF page from pdf.js text items: items on one baseline form a
 *  line, sorted left to right, with a space wherever the gap between two items is wide enough.
 *  The result is still in visual order; `visual-to-logical.ts` turns it into logical order. */

import { VISUAL_DIR } from './pdfjs-runtime.js'
import { hasRightToLeft, lineDirection, reorder } from './visual-to-logical.js'

/** The fields of a pdf.js text item this module reads. */
export interface PositionedText {
  readonly str: string
  readonly dir: string
  readonly transform: readonly number[]
  readonly width: number
  readonly height: number
}

/** A marked-content boundary from `getTextContent({ includeMarkedContent: true })`; the patched
 *  worker adds the ActualText of inline property dictionaries. */
export interface MarkedContent {
  readonly type: string
  readonly actualText?: string | null
}

/** A line in visual order, and whether a blank line (new paragraph or block) comes before it. */
export interface VisualLine {
  readonly text: string
  readonly paragraphBefore: boolean
}

// A gap wider than this share of the font size between two items is a word space. pdf.js
// itself splits words at 0.1 em inside an item; between items 0.15 em keeps letters of a
// word drawn one by one (Chromium) together and still catches the space LibreOffice leaves
// between a number and an Arabic word (fixtures: pdf/chromium-arabic-hebrew.pdf,
// pdf/libreoffice-arabic-hebrew.pdf).
const SPACE_GAP = 0.15
// Two items share a line when their baselines differ by less than this share of the smaller
// font size: enough for marks raised by a font's anchors and for sub- and superscripts.
const BASELINE_TOLERANCE = 0.5
// Share of the font size taken as the band between baseline and the top of small letters, and
// the share of a smaller item's band that must lie in the line's band for it to join the line.
const X_HEIGHT = 0.7
const SCRIPT_OVERLAP = 0.6
// A line distance this much larger than the page's usual one starts a paragraph.
const PARAGRAPH_GAP = 1.3
// With fewer than two line distances on a page there is no usual one: use this many em.
const PARAGRAPH_GAP_EM = 1.8
// A unit starting this many em before the previous one ends is drawn over it, not next to it.
const OVERDRAWN = 0.5
// A glyph drawn inside another run goes into a space of the run at most this many characters
// from where it lies, else into the word there.
const NEAR_SPACE_CHARS = 3

interface Unit {
  str: string
  x: number
  end: number
  y: number
  size: number
  space: boolean
}

interface Placed {
  readonly str: string
  readonly x: number
  readonly y: number
  readonly advance: number
  readonly size: number
  readonly space: boolean
}

interface Line {
  readonly y: number
  readonly size: number
  readonly units: Unit[]
}

/** Groups a page's text items into visual lines, in the order the page draws them. */
export function buildVisualLines(
  content: readonly (PositionedText | MarkedContent)[],
): VisualLine[] {
  const groups = new Map<number, Placed[]>()
  for (const item of applyActualText(content)) {
    const placed = placeItem(item)
    if (!placed) continue
    const angle = orientation(item)
    const group = groups.get(angle)
    if (group) group.push(placed)
    else groups.set(angle, [placed])
  }
  // The orientation with the most text comes first (a rotated margin note after the body).
  const ordered = [...groups.values()].sort((a, b) => textLength(b) - textLength(a))
  const lines: VisualLine[] = []
  for (const group of ordered) {
    const groupOfLines = groupLines(group)
    const breaks = paragraphBreaks(groupOfLines)
    groupOfLines.forEach((line, index) => {
      const text = lineText(line)
      if (text.trim() === '') return
      lines.push({
        text,
        paragraphBefore: lines.length > 0 && (index === 0 || breaks[index] === true),
      })
    })
  }
  return lines
}

function textLength(group: readonly Placed[]): number {
  return group.reduce((sum, placed) => sum + placed.str.length, 0)
}

// Text direction in degrees, rounded to 5° so items of one rotated block share a group;
// vertical (top-to-bottom) writing runs at −90°.
function orientation(item: PositionedText): number {
  if (item.dir === 'ttb') return -90
  const [a = 1, b = 0] = item.transform
  const degrees = Math.round((Math.atan2(b, a) * 180) / Math.PI / 5) * 5
  return degrees === -180 ? 180 : degrees
}

// Coordinates are rotated so that the text of every group runs along +x and lines stack
// along −y, whatever the page rotation or text matrix.
function placeItem(item: PositionedText): Placed | null {
  if (item.str === '') return null
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform
  const angle = (orientation(item) * Math.PI) / 180
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  const vertical = item.dir === 'ttb'
  const size = (vertical ? Math.hypot(a, b) : Math.hypot(c, d)) || Math.hypot(a, b) || 1
  const advance = Math.abs(vertical ? item.height : item.width)
  const space = item.str.trim() === ''
  // A whitespace item with no width is pdf.js marking a gap it measured as nothing.
  if (space && advance < size * 0.01) return null
  // Without the patched worker pdf.js has already reordered right-to-left items; undo that so
  // every item is visual (the lam-alef repair in the extractor covers what cannot be undone).
  const str =
    item.dir !== VISUAL_DIR && item.dir !== 'ttb' && hasRightToLeft(item.str)
      ? reorder(item.str, item.dir === 'rtl' ? 'rtl' : 'ltr', false)
      : item.str
  return { str, x: e * cos + f * sin, y: -e * sin + f * cos, advance, size, space }
}

// Same baseline within tolerance, or a smaller item whose x-height band lies mostly inside the
// line's (a superscript footnote number, corpus ocr-arabic/ArabicOCR-SOA.pdf).
function sameLine(line: Line, placed: Placed): boolean {
  const smaller = Math.min(line.size, placed.size)
  if (Math.abs(line.y - placed.y) <= BASELINE_TOLERANCE * smaller) return true
  const overlap =
    Math.min(line.y + X_HEIGHT * line.size, placed.y + X_HEIGHT * placed.size) -
    Math.max(line.y, placed.y)
  return overlap >= SCRIPT_OVERLAP * X_HEIGHT * smaller
}

// Lines are built in drawing order: producers draw a line's runs together, even when they
// draw them right to left (LibreOffice). A glyph with no advance (a mark, or the second letter
// of a ligature that Chromium writes as two glyphs) is drawn just before the glyph it belongs
// to in visual order, so it is glued to the next item rather than sorted by its own x, which
// fonts place anywhere over the letter (fixture: pdf/chromium-arabic-hebrew.pdf).
function groupLines(group: readonly Placed[]): Line[] {
  const lines: Line[] = []
  let pending: Placed[] = []
  let current: Line | undefined
  for (const placed of group) {
    if (placed.advance < placed.size * 0.01) {
      pending.push(placed)
      continue
    }
    // A space drawn between a mark and its letter does not take the mark (Chromium draws
    // “mark, space, letter” when a word's first letter carries a mark).
    if (placed.space && pending.length > 0 && current && sameLine(current, placed)) {
      current.units.push(toUnit([placed]))
      continue
    }
    const unit: Unit = {
      str: placed.str,
      x: placed.x,
      end: placed.x + placed.advance,
      y: placed.y,
      size: placed.size,
      space: placed.space,
    }
    if (current && sameLine(current, placed)) {
      unit.str = pending.map((p) => p.str).join('') + unit.str
      current.units.push(unit)
    } else {
      const first = pending[0]
      if (current && first && sameLine(current, first)) {
        appendTo(current, pending)
      } else {
        unit.str = pending.map((p) => p.str).join('') + unit.str
      }
      current = { y: placed.y, size: placed.size, units: [unit] }
      lines.push(current)
    }
    pending = []
  }
  if (pending.length > 0) {
    const first = pending[0]
    if (current) appendTo(current, pending)
    else if (first) lines.push({ y: first.y, size: first.size, units: [toUnit(pending)] })
  }
  return lines
}

function appendTo(line: Line, pending: readonly Placed[]): void {
  const last = line.units.at(-1)
  if (last) last.str += pending.map((p) => p.str).join('')
}

function toUnit(placed: readonly Placed[]): Unit {
  const first = placed[0]
  return {
    str: placed.map((p) => p.str).join(''),
    x: first?.x ?? 0,
    end: (first?.x ?? 0) + (first?.advance ?? 0),
    y: first?.y ?? 0,
    size: first?.size ?? 1,
    space: first?.space ?? false,
  }
}

// Units are sorted by where they start; the sort is stable, so units that start at the same
// point keep their drawing order.
function lineText(line: Line): string {
  const units = nestContainedUnits([...line.units].sort((a, b) => a.x - b.x))
  let text = ''
  let end = -Infinity
  for (const unit of units) {
    if (unit.space && (text === '' || isSpace(text.at(-1)))) {
      end = Math.max(end, unit.end)
      continue
    }
    const str = unit.space ? ' ' : unit.str
    const gap = unit.x - end
    // A unit that starts well before the previous one ends is text drawn over text
    // (tika testOverlappingText.pdf): keep the two apart.
    if (
      text !== '' &&
      (gap > SPACE_GAP * unit.size || gap < -OVERDRAWN * unit.size) &&
      !isSpace(text.at(-1)) &&
      !isSpace(str[0])
    ) {
      text += ' '
    }
    text += str
    end = Math.max(end, unit.end)
  }
  return text
}

// Looks at one character only: a regular expression anchored at the end of a long line would
// scan all of it for every unit.
function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/u.test(char)
}

// A line starts a paragraph when it lies further below the previous one than the page's usual
// line distance allows, or above it (a new column or text box).
function paragraphBreaks(lines: readonly Line[]): boolean[] {
  const ratios: number[] = []
  for (let i = 1; i < lines.length; i++) {
    const ratio = lineDistance(lines[i - 1], lines[i])
    if (ratio > BASELINE_TOLERANCE) ratios.push(ratio)
  }
  ratios.sort((a, b) => a - b)
  const usual = ratios.length >= 2 ? ratios[Math.floor((ratios.length - 1) / 4)] : undefined
  const limit = usual === undefined ? PARAGRAPH_GAP_EM : usual * PARAGRAPH_GAP
  return lines.map((line, i) => {
    if (i === 0) return false
    const ratio = lineDistance(lines[i - 1], line)
    return ratio < -BASELINE_TOLERANCE || ratio > limit
  })
}

// The distance between two baselines, in units of the larger font size.
function lineDistance(above: Line | undefined, below: Line | undefined): number {
  if (!above || !below) return 0
  return (above.y - below.y) / Math.max(above.size, below.size)
}

// pdf.js makes one item of a run that the producer drew with a positioned gap, and the glyph
// drawn into the gap in another font arrives as a separate item inside the run's extent
// (LibreOffice: a Latin full stop inside an Arabic line, corpus JA-politic-48-22072016.pdf).
// Item widths give no glyph positions, so the glyph goes where it would be if all characters
// were equally wide: into the space nearest to that point, with a space on either side, or
// into the word there when no space is within a few characters.
function nestContainedUnits(units: readonly Unit[]): Unit[] {
  const insertions = new Map<Unit, { index: number; str: string; word: boolean }[]>()
  const kept: Unit[] = []
  // Units come sorted by start, so the only candidate container is the one reaching furthest.
  let reach: Unit | undefined
  for (const unit of units) {
    const container = !unit.space && reach && contains(reach, unit) ? reach : undefined
    if (!container) {
      kept.push(unit)
      if (!unit.space && (!reach || unit.end > reach.end)) reach = unit
      continue
    }
    const share = ((unit.x + unit.end) / 2 - container.x) / (container.end - container.x)
    const estimate = Math.round(share * container.str.length)
    const space = nearestSpace(container.str, estimate)
    const word = space < 0 || Math.abs(space - estimate) > NEAR_SPACE_CHARS
    const list = insertions.get(container) ?? []
    list.push({ index: word ? estimate : space, str: unit.str, word })
    insertions.set(container, list)
  }
  for (const [container, list] of insertions) {
    let str = container.str
    for (const { index, str: inserted, word } of list.sort((a, b) => b.index - a.index)) {
      str = word
        ? `${str.slice(0, index)}${inserted}${str.slice(index)}`
        : `${str.slice(0, index)} ${inserted} ${str.slice(index + 1)}`
    }
    container.str = str
  }
  return kept
}

function contains(outer: Unit, inner: Unit): boolean {
  const margin = 0.1 * inner.size
  return (
    outer !== inner && !outer.space && outer.x < inner.x - margin && outer.end > inner.end + margin
  )
}

function nearestSpace(str: string, target: number): number {
  let best = -1
  for (let i = str.indexOf(' '); i >= 0; i = str.indexOf(' ', i + 1)) {
    if (best < 0 || Math.abs(i + 0.5 - target) < Math.abs(best + 0.5 - target)) best = i
  }
  return best
}

/** Replaces the glyphs of each marked-content span that has an ActualText by one item holding
 *  that text, placed where the glyphs were; the outermost span wins. An empty ActualText removes
 *  its glyphs, as the producer asked. */
export function applyActualText(
  content: readonly (PositionedText | MarkedContent)[],
): PositionedText[] {
  const items: PositionedText[] = []
  let depth = 0
  let span: { text: string; depth: number; items: PositionedText[] } | null = null
  for (const item of content) {
    if ('str' in item) {
      ;(span ? span.items : items).push(item)
    } else if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
      depth++
      if (!span && typeof item.actualText === 'string') {
        span = { text: item.actualText, depth, items: [] }
      }
    } else if (item.type === 'endMarkedContent') {
      if (span?.depth === depth) {
        items.push(...spanItems(span.text, span.items))
        span = null
      }
      depth = Math.max(0, depth - 1)
    }
  }
  if (span) items.push(...spanItems(span.text, span.items))
  return items
}

function spanItems(text: string, glyphs: readonly PositionedText[]): PositionedText[] {
  const drawn = glyphs.filter((glyph) => glyph.str.trim() !== '')
  const first = drawn[0]
  // ActualText over no glyphs (an image, a path) has no place on the line.
  if (!first) return [...glyphs]
  if (text === '') return []
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = first.transform
  const scale = Math.hypot(a, b) || 1
  const cos = a / scale
  const sin = b / scale
  let start = Infinity
  let end = -Infinity
  for (const glyph of drawn) {
    const at = (glyph.transform[4] ?? 0) * cos + (glyph.transform[5] ?? 0) * sin
    start = Math.min(start, at)
    end = Math.max(end, at + glyph.width)
  }
  const shift = start - (e * cos + f * sin)
  // The ActualText is in logical order; the line around it is visual.
  const visual = hasRightToLeft(text) ? reorder(text, lineDirection(text), false) : text
  return [
    {
      str: visual,
      dir: first.dir === 'ttb' ? 'ttb' : VISUAL_DIR,
      transform: [a, b, c, d, e + shift * cos, f + shift * sin],
      width: first.dir === 'ttb' ? first.width : end - start,
      height: first.height,
    },
  ]
}

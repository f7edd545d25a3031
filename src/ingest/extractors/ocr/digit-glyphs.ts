/** Shape features of single glyphs cut from a grey page, and the distance between two of them:
 *  what `arabic-digits.ts` uses to tell Arabic-Indic digits apart, and what
 *  `test/fixtures/ocr/source/make-digit-templates.ts` computes from fonts to make the templates. */

import type { GrayImage } from './gray-image.js'

/** Side of the coverage grid a glyph is scaled into. */
export const GRID = 12

/** A glyph's bounding box in image pixels (right and bottom exclusive). */
export interface GlyphBox {
  readonly left: number
  readonly top: number
  readonly right: number
  readonly bottom: number
}

/** What a glyph looks like, independent of its size. */
export interface GlyphFeatures {
  /** Ink coverage (0–1) of a GRID × GRID grid over the glyph's box, row by row. */
  readonly grid: readonly number[]
  /** Width / height of the box. */
  readonly aspect: number
  /** Height of the box over the height of the number it belongs to. */
  readonly height: number
  /** Vertical centre of the box within the number's extent: 0 top, 1 bottom. */
  readonly middle: number
}

/**
 * The glyphs of an area of a page: 8-connected ink components, those that overlap horizontally
 * merged into one glyph (the two dots of `:`, the parts of `%`), left to right. Specks smaller
 * than `minArea` pixels are dropped.
 */
export function findGlyphs(
  image: GrayImage,
  area: GlyphBox,
  threshold: number,
  minArea: number,
): GlyphBox[] {
  const left = Math.max(0, area.left)
  const top = Math.max(0, area.top)
  const right = Math.min(image.width, area.right)
  const bottom = Math.min(image.height, area.bottom)
  const width = right - left
  const height = bottom - top
  if (width <= 0 || height <= 0) return []
  const seen = new Uint8Array(width * height)
  const ink = (x: number, y: number): boolean =>
    image.data[(top + y) * image.width + left + x]! <= threshold
  const boxes: { left: number; top: number; right: number; bottom: number; area: number }[] = []
  const stack: number[] = []
  for (let start = 0; start < seen.length; start++) {
    if (seen[start] || !ink(start % width, Math.floor(start / width))) continue
    seen[start] = 1
    stack.push(start)
    const box = { left: width, top: height, right: 0, bottom: 0, area: 0 }
    while (stack.length > 0) {
      const index = stack.pop()!
      const x = index % width
      const y = (index - x) / width
      box.area++
      if (x < box.left) box.left = x
      if (x >= box.right) box.right = x + 1
      if (y < box.top) box.top = y
      if (y >= box.bottom) box.bottom = y + 1
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx
          const ny = y + dy
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue
          const next = ny * width + nx
          if (seen[next] || !ink(nx, ny)) continue
          seen[next] = 1
          stack.push(next)
        }
      }
    }
    if (box.area >= minArea) boxes.push(box)
  }
  boxes.sort((a, b) => a.left - b.left)
  const merged: GlyphBox[] = []
  for (const box of boxes) {
    const last = merged.at(-1)
    const overlap = last ? Math.min(last.right, box.right) - Math.max(last.left, box.left) : 0
    const narrower = last ? Math.min(last.right - last.left, box.right - box.left) : 0
    if (last && overlap > 0.5 * narrower) {
      merged[merged.length - 1] = {
        left: Math.min(last.left, box.left),
        top: Math.min(last.top, box.top),
        right: Math.max(last.right, box.right),
        bottom: Math.max(last.bottom, box.bottom),
      }
    } else {
      merged.push({ left: box.left, top: box.top, right: box.right, bottom: box.bottom })
    }
  }
  return merged.map((box) => ({
    left: box.left + left,
    top: box.top + top,
    right: box.right + left,
    bottom: box.bottom + top,
  }))
}

/** The features of a glyph, measured against the vertical extent of its number. */
export function glyphFeatures(
  image: GrayImage,
  box: GlyphBox,
  threshold: number,
  extent: { top: number; bottom: number },
): GlyphFeatures {
  const width = box.right - box.left
  const height = box.bottom - box.top
  const grid: number[] = []
  for (let gy = 0; gy < GRID; gy++) {
    const y0 = box.top + Math.floor((gy * height) / GRID)
    const y1 = Math.max(y0 + 1, box.top + Math.floor(((gy + 1) * height) / GRID))
    for (let gx = 0; gx < GRID; gx++) {
      const x0 = box.left + Math.floor((gx * width) / GRID)
      const x1 = Math.max(x0 + 1, box.left + Math.floor(((gx + 1) * width) / GRID))
      let dark = 0
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) if (image.data[y * image.width + x]! <= threshold) dark++
      }
      grid.push(dark / ((y1 - y0) * (x1 - x0)))
    }
  }
  const span = Math.max(1, extent.bottom - extent.top)
  return {
    grid,
    aspect: width / Math.max(1, height),
    height: height / span,
    middle: ((box.top + box.bottom) / 2 - extent.top) / span,
  }
}

/** How different two glyphs look: 0 for the same shape at the same place. */
export function glyphDistance(a: GlyphFeatures, b: GlyphFeatures): number {
  let grid = 0
  for (let index = 0; index < a.grid.length; index++) {
    const difference = (a.grid[index] ?? 0) - (b.grid[index] ?? 0)
    grid += difference * difference
  }
  const aspect = Math.log(Math.max(0.05, a.aspect) / Math.max(0.05, b.aspect))
  return (
    grid / a.grid.length +
    0.15 * aspect * aspect +
    1.5 * (a.height - b.height) ** 2 +
    1.5 * (a.middle - b.middle) ** 2
  )
}

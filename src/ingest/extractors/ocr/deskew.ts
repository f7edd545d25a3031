/** Straightens a skewed scan: finds the angle at which the rows of ink line up best (the
 *  projection-profile method) and rotates the page by it. Tesseract reads a page skewed by a
 *  few degrees badly (a corpus page rotated by 10° reads at confidence 31 instead of 94), and
 *  the line finder of `gray-image.ts` needs level lines too. Pages turned by 90° or 180° are
 *  not recognised here. */

import { otsuThreshold, scaleGray, type GrayImage } from './gray-image.js'

// Skews up to this many degrees are found; larger turns are left alone.
const MAX_DEGREES = 12
const COARSE_STEP = 0.5
const FINE_STEP = 0.1
// Smaller skews are left to tesseract, which copes with them.
const MIN_DEGREES = 0.3
// The angle is searched on a copy about this wide, which is precise to a tenth of a degree.
const WORK_WIDTH = 1000

/** The skew of the page's text lines in degrees (positive: lines rise to the right), or 0 when
 *  the page has too little ink to tell. */
export function estimateSkew(image: GrayImage): number {
  const small = image.width > WORK_WIDTH ? scaleGray(image, WORK_WIDTH / image.width) : image
  const threshold = otsuThreshold(small)
  const xs: number[] = []
  const ys: number[] = []
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      if (small.data[y * small.width + x]! <= threshold) {
        xs.push(x)
        ys.push(y)
      }
    }
  }
  // Mostly dark pages (photographs, black borders) give no usable profile.
  if (xs.length < 200 || xs.length > small.width * small.height * 0.5) return 0
  const score = (degrees: number): number => profileSharpness(xs, ys, small.height, degrees)
  let best = 0
  let bestScore = score(0)
  for (let degrees = -MAX_DEGREES; degrees <= MAX_DEGREES; degrees += COARSE_STEP) {
    const value = score(degrees)
    if (value > bestScore) {
      best = degrees
      bestScore = value
    }
  }
  const center = best
  for (let degrees = center - COARSE_STEP; degrees <= center + COARSE_STEP; degrees += FINE_STEP) {
    const value = score(degrees)
    if (value > bestScore) {
      best = degrees
      bestScore = value
    }
  }
  return Math.round(best * 10) / 10
}

// Sum of squared row counts after shearing the ink by the angle: rows of level text give tall
// peaks, so the sum is largest at the text's own angle.
function profileSharpness(
  xs: readonly number[],
  ys: readonly number[],
  height: number,
  degrees: number,
): number {
  const slope = Math.tan((degrees * Math.PI) / 180)
  const margin = Math.ceil(Math.abs(slope) * WORK_WIDTH) + 1
  const rows = new Float64Array(height + 2 * margin)
  for (let i = 0; i < xs.length; i++) {
    const row = Math.round(ys[i]! + xs[i]! * slope) + margin
    if (row >= 0 && row < rows.length) rows[row]!++
  }
  let sum = 0
  for (const count of rows) sum += count * count
  return sum
}

/** Rotates the page so its text lines are level; returns it unchanged when the skew is small. */
export function deskew(image: GrayImage): { image: GrayImage; degrees: number } {
  const degrees = estimateSkew(image)
  if (Math.abs(degrees) < MIN_DEGREES) return { image, degrees: 0 }
  return { image: rotateGray(image, degrees), degrees }
}

/** Rotates by `degrees` around the centre, keeping the size; uncovered corners become white. */
export function rotateGray(image: GrayImage, degrees: number): GrayImage {
  const { width, height } = image
  const radians = (degrees * Math.PI) / 180
  const cos = Math.cos(radians)
  const sin = Math.sin(radians)
  const centerX = (width - 1) / 2
  const centerY = (height - 1) / 2
  const data = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    const dy = y - centerY
    for (let x = 0; x < width; x++) {
      const dx = x - centerX
      // Inverse mapping: where in the source does this pixel come from?
      const sourceX = centerX + dx * cos + dy * sin
      const sourceY = centerY - dx * sin + dy * cos
      const x0 = Math.floor(sourceX)
      const y0 = Math.floor(sourceY)
      if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1) {
        data[y * width + x] = 255
        continue
      }
      const fx = sourceX - x0
      const fy = sourceY - y0
      const offset = y0 * width + x0
      const top = image.data[offset]! * (1 - fx) + image.data[offset + 1]! * fx
      const bottom = image.data[offset + width]! * (1 - fx) + image.data[offset + width + 1]! * fx
      data[y * width + x] = Math.round(top * (1 - fy) + bottom * fy)
    }
  }
  return { width, height, data }
}

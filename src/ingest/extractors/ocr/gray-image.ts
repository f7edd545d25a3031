/** Grey-scale page images for OCR: conversion from RGBA pixels, scaling, the PGM encoding that
 *  tesseract reads without a codec, and a row profile that finds the bands of text on a page.
 *  Decoding image files is `decode-image.ts`'s job; recognition is `recognize.ts`'s. */

/** An 8-bit grey image, one byte per pixel, rows top to bottom, 0 = black. */
export interface GrayImage {
  readonly width: number
  readonly height: number
  readonly data: Uint8Array
}

/** A horizontal band of rows that hold ink: usually one line of text. */
export interface TextBand {
  /** First row of the band. */
  readonly top: number
  /** Row after the last row of the band. */
  readonly bottom: number
}

/** Converts RGBA pixels (as from `getImageData`) to grey, compositing transparency over white:
 *  black text on a transparent background stays readable. */
export function grayFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): GrayImage {
  const data = new Uint8Array(width * height)
  for (let source = 0, target = 0; target < data.length; source += 4, target++) {
    // ITU-R BT.601 luma in integer arithmetic (weights sum to 256).
    const luma =
      ((rgba[source] ?? 0) * 77 + (rgba[source + 1] ?? 0) * 150 + (rgba[source + 2] ?? 0) * 29) >> 8
    const alpha = rgba[source + 3] ?? 255
    data[target] = alpha === 255 ? luma : (luma * alpha + 255 * (255 - alpha) + 127) / 255
  }
  return { width, height, data }
}

/** The image turned clockwise by `quarterTurns` × 90°. */
export function turnGray(image: GrayImage, quarterTurns: number): GrayImage {
  const turns = ((quarterTurns % 4) + 4) % 4
  if (turns === 0) return image
  const { width, height, data } = image
  const quarter = turns !== 2
  const outWidth = quarter ? height : width
  const outHeight = quarter ? width : height
  const out = new Uint8Array(data.length)
  for (let y = 0; y < height; y++) {
    const row = y * width
    for (let x = 0; x < width; x++) {
      // Where pixel (x, y) lands after the turn.
      const target =
        turns === 1
          ? x * outWidth + (height - 1 - y)
          : turns === 2
            ? (height - 1 - y) * outWidth + (width - 1 - x)
            : (width - 1 - x) * outWidth + y
      out[target] = data[row + x]!
    }
  }
  return { width: outWidth, height: outHeight, data: out }
}

/** Resizes by `factor`: area averaging when shrinking, bilinear interpolation when enlarging. */
export function scaleGray(image: GrayImage, factor: number): GrayImage {
  const width = Math.max(1, Math.round(image.width * factor))
  const height = Math.max(1, Math.round(image.height * factor))
  if (width === image.width && height === image.height) return image
  return factor < 1 ? shrink(image, width, height) : enlarge(image, width, height)
}

function shrink(image: GrayImage, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height)
  const xRatio = image.width / width
  const yRatio = image.height / height
  // Column spans are the same for every row: compute them once.
  const xStart = new Int32Array(width)
  const xEnd = new Int32Array(width)
  for (let x = 0; x < width; x++) {
    xStart[x] = Math.floor(x * xRatio)
    xEnd[x] = Math.max(xStart[x]! + 1, Math.min(image.width, Math.floor((x + 1) * xRatio)))
  }
  const sums = new Float64Array(width)
  for (let y = 0; y < height; y++) {
    const top = Math.floor(y * yRatio)
    const bottom = Math.max(top + 1, Math.min(image.height, Math.floor((y + 1) * yRatio)))
    sums.fill(0)
    for (let row = top; row < bottom; row++) {
      const offset = row * image.width
      for (let x = 0; x < width; x++) {
        let sum = 0
        for (let column = xStart[x]!; column < xEnd[x]!; column++)
          sum += image.data[offset + column]!
        sums[x]! += sum
      }
    }
    const rows = bottom - top
    for (let x = 0; x < width; x++) {
      data[y * width + x] = Math.round(sums[x]! / (rows * (xEnd[x]! - xStart[x]!)))
    }
  }
  return { width, height, data }
}

function enlarge(image: GrayImage, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height)
  const xRatio = image.width / width
  const yRatio = image.height / height
  for (let y = 0; y < height; y++) {
    const sourceY = Math.min(image.height - 1, Math.max(0, (y + 0.5) * yRatio - 0.5))
    const y0 = Math.floor(sourceY)
    const y1 = Math.min(image.height - 1, y0 + 1)
    const dy = sourceY - y0
    for (let x = 0; x < width; x++) {
      const sourceX = Math.min(image.width - 1, Math.max(0, (x + 0.5) * xRatio - 0.5))
      const x0 = Math.floor(sourceX)
      const x1 = Math.min(image.width - 1, x0 + 1)
      const dx = sourceX - x0
      const top =
        image.data[y0 * image.width + x0]! * (1 - dx) + image.data[y0 * image.width + x1]! * dx
      const bottom =
        image.data[y1 * image.width + x0]! * (1 - dx) + image.data[y1 * image.width + x1]! * dx
      data[y * width + x] = Math.round(top * (1 - dy) + bottom * dy)
    }
  }
  return { width, height, data }
}

/** Encodes the image as binary PGM (P5): a header and the raw bytes, which Leptonica (inside
 *  tesseract) reads without any image codec, so nothing is compressed only to be decompressed. */
export function encodePgm(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`)
  const bytes = new Uint8Array(header.length + image.width * image.height)
  bytes.set(header)
  bytes.set(image.data.subarray(0, image.width * image.height), header.length)
  return bytes
}

/** Otsu's threshold: the grey level that best separates ink from paper. */
export function otsuThreshold(image: GrayImage): number {
  return otsuFromHistogram(histogramOf(image), image.data.length)
}

function histogramOf(image: GrayImage): Uint32Array {
  const histogram = new Uint32Array(256)
  const { data } = image
  for (let i = 0; i < data.length; i++) histogram[data[i]!]!++
  return histogram
}

function otsuFromHistogram(histogram: Uint32Array, total: number): number {
  let sum = 0
  for (let level = 0; level < 256; level++) sum += level * histogram[level]!
  let backgroundSum = 0
  let backgroundWeight = 0
  let best = -1
  let threshold = 127
  for (let level = 0; level < 256; level++) {
    backgroundWeight += histogram[level]!
    if (backgroundWeight === 0) continue
    const foregroundWeight = total - backgroundWeight
    if (foregroundWeight === 0) break
    backgroundSum += level * histogram[level]!
    const meanBackground = backgroundSum / backgroundWeight
    const meanForeground = (sum - backgroundSum) / foregroundWeight
    const variance = backgroundWeight * foregroundWeight * (meanBackground - meanForeground) ** 2
    if (variance > best) {
      best = variance
      threshold = level
    }
  }
  return threshold
}

/** What the row profile says about a page: its bands of ink and their usual height. */
export interface PageProfile {
  /** Bands of rows with ink, top to bottom; nearby bands (dots, marks above a line) merged. */
  readonly bands: readonly TextBand[]
  /** Median band height in pixels; 0 without bands. */
  readonly lineHeight: number
  /** False when the image has no contrast at all (blank, or one flat colour). */
  readonly hasInk: boolean
  /** The grey level at and below which a pixel is ink. */
  readonly threshold: number
}

// A row belongs to a band when between 0.3 % and 90 % of its pixels are ink: fewer is noise,
// more is a dark border or a photograph.
const MIN_ROW_INK = 0.003
const MAX_ROW_INK = 0.9
// Less contrast than this between the darkest and the lightest pixels is an empty page.
const MIN_CONTRAST = 40

/** Finds the horizontal bands of ink of a page, by counting dark pixels per row. */
export function profilePage(image: GrayImage): PageProfile {
  const histogram = histogramOf(image)
  if (!hasContrast(histogram, image.data.length)) {
    return { bands: [], lineHeight: 0, hasInk: false, threshold: 0 }
  }
  const threshold = otsuFromHistogram(histogram, image.data.length)
  const raw: TextBand[] = []
  let start = -1
  for (let y = 0; y <= image.height; y++) {
    let ink = false
    if (y < image.height) {
      let dark = 0
      const row = image.data.subarray(y * image.width, (y + 1) * image.width)
      for (let x = 0; x < row.length; x++) if (row[x]! <= threshold) dark++
      const share = dark / image.width
      ink = share > MIN_ROW_INK && share < MAX_ROW_INK
    }
    if (ink && start < 0) start = y
    if (!ink && start >= 0) {
      raw.push({ top: start, bottom: y })
      start = -1
    }
  }
  const rawHeight = median(raw.map((band) => band.bottom - band.top))
  // Dots, hamza and vowel marks above a line form thin bands of their own: merge a band into
  // the previous one when the gap is small next to the usual band height.
  const merged: { top: number; bottom: number }[] = []
  for (const band of raw) {
    const last = merged.at(-1)
    if (last && band.top - last.bottom < rawHeight * 0.35) last.bottom = band.bottom
    else merged.push({ ...band })
  }
  const bands = merged.filter((band) => band.bottom - band.top >= 4)
  const lineHeight = median(bands.map((band) => band.bottom - band.top))
  return { bands, lineHeight, hasInk: true, threshold }
}

function hasContrast(histogram: Uint32Array, total: number): boolean {
  // The darkest and the lightest 0.02 % of pixels (a page number on an A4 scan is more): a
  // blank scan's noise stays within a few grey levels.
  const low = percentile(histogram, total, 0.0002)
  const high = percentile(histogram, total, 0.9998)
  return high - low >= MIN_CONTRAST
}

function percentile(histogram: Uint32Array, count: number, share: number): number {
  let seen = 0
  for (let level = 0; level < 256; level++) {
    seen += histogram[level]!
    if (seen >= count * share) return level
  }
  return 255
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** A rectangle of an image. */
export interface Region {
  readonly top: number
  readonly bottom: number
  readonly left: number
  readonly right: number
}

/** Copies each region into one image, one below the other, left-aligned, with `gap` white
 *  pixels around them: a small sample of a page's lines. */
export function stackRegions(image: GrayImage, regions: readonly Region[], gap: number): GrayImage {
  const width = regions.reduce((widest, region) => Math.max(widest, region.right - region.left), 0)
  const height = regions.reduce((sum, region) => sum + (region.bottom - region.top) + gap, gap)
  const paddedWidth = width + 2 * gap
  const data = new Uint8Array(paddedWidth * height).fill(255)
  let y = gap
  for (const region of regions) {
    for (let row = region.top; row < region.bottom; row++) {
      data.set(
        image.data.subarray(row * image.width + region.left, row * image.width + region.right),
        (y + row - region.top) * paddedWidth + gap,
      )
    }
    y += region.bottom - region.top + gap
  }
  return { width: paddedWidth, height, data }
}

/** A copy of the image with a white margin of `margin` pixels on every side. */
export function padGray(image: GrayImage, margin: number): GrayImage {
  const width = image.width + 2 * margin
  const height = image.height + 2 * margin
  const data = new Uint8Array(width * height).fill(255)
  for (let y = 0; y < image.height; y++) {
    data.set(
      image.data.subarray(y * image.width, (y + 1) * image.width),
      (y + margin) * width + margin,
    )
  }
  return { width, height, data }
}

/** The first and last columns of a band that hold ink (the band's horizontal extent). */
export function inkColumns(
  image: GrayImage,
  band: TextBand,
  threshold: number,
): { left: number; right: number } {
  let left = image.width
  let right = -1
  for (let y = band.top; y < band.bottom; y++) {
    const row = image.data.subarray(y * image.width, (y + 1) * image.width)
    for (let x = 0; x < left; x++) {
      if (row[x]! <= threshold) {
        left = x
        break
      }
    }
    for (let x = row.length - 1; x > right; x--) {
      if (row[x]! <= threshold) {
        right = x
        break
      }
    }
  }
  return right < left ? { left: 0, right: image.width } : { left, right: right + 1 }
}

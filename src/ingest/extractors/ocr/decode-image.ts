/** Decodes image files into grey pixels for OCR: PNG, JPEG, GIF, WebP and BMP with
 *  @napi-rs/canvas (which also turns JPEGs upright by their EXIF orientation), anything else
 *  Leptonica reads (TIFF) through the OCR engine. Sizes are read from the header first, so a
 *  small file that claims a gigantic picture is refused before it is decoded. */

import { createRequire } from 'node:module'

import type { Canvas, Image } from '@napi-rs/canvas'

import { grayFromRgba, type GrayImage } from './gray-image.js'
import { OcrImageError, tesseractRuntime } from './tesseract-runtime.js'

const require = createRequire(import.meta.url)
type CanvasModule = typeof import('@napi-rs/canvas')
let canvasModule: CanvasModule | undefined

/** @napi-rs/canvas, loaded on first use (a native module of some 30 MB). */
export function canvasLibrary(): CanvasModule {
  canvasModule ??= require('@napi-rs/canvas') as CanvasModule
  return canvasModule
}

/** Pictures larger than this are not decoded at all (about 12 000 × 12 500 pixels). */
export const MAX_DECODED_PIXELS = 150_000_000
/** Decoded pictures are shrunk to at most this many pixels for OCR (A3 at 300 dpi is 17.5 M). */
export const MAX_OCR_PIXELS = 24_000_000

/** Raised for an image whose header announces more pixels than Daleel decodes. */
export class ImageTooLargeError extends Error {
  override readonly name = 'ImageTooLargeError'
}

/** Width and height from the header of a PNG, JPEG, GIF, WebP or BMP; null for other formats
 *  or a header too short to say. */
export function readImageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const has = (length: number): boolean => bytes.length >= length
  if (has(24) && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { width: view.getUint32(16), height: view.getUint32(20) }
  }
  if (has(10) && ascii(bytes, 0, 3) === 'GIF') {
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) }
  }
  if (has(26) && ascii(bytes, 0, 2) === 'BM') {
    return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) }
  }
  if (has(30) && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    const chunk = ascii(bytes, 12, 4)
    if (chunk === 'VP8X') {
      return { width: 1 + readUint24(bytes, 24), height: 1 + readUint24(bytes, 27) }
    }
    if (chunk === 'VP8L') {
      const bits = view.getUint32(21, true)
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) }
    }
    if (chunk === 'VP8 ') {
      return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff }
    }
    return null
  }
  if (has(4) && view.getUint16(0) === 0xffd8) return readJpegSize(bytes, view)
  return null
}

function readJpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | null {
  let offset = 2
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null
    const marker = bytes[offset + 1]!
    if (marker === 0xff) {
      offset++
      continue
    }
    const length = view.getUint16(offset + 2)
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) }
    }
    offset += 2 + length
  }
  return null
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length))
}

function readUint24(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16)
}

/** A decoded picture in grey, and its size before any shrinking. */
export interface DecodedImage {
  readonly gray: GrayImage
  readonly width: number
  readonly height: number
}

/**
 * Decodes an image file to grey pixels, shrunk to at most `MAX_OCR_PIXELS`.
 * Throws `ImageTooLargeError` for a header above `MAX_DECODED_PIXELS` and `OcrImageError`
 * when neither the canvas library nor Leptonica can read the bytes (`leptonica: false` tries
 * the canvas library only, without starting the OCR engine).
 */
export async function decodeImage(
  bytes: Uint8Array,
  options: { signal?: AbortSignal; leptonica?: boolean } = {},
): Promise<DecodedImage> {
  const size = readImageSize(bytes)
  if (size && size.width * size.height > MAX_DECODED_PIXELS) {
    throw new ImageTooLargeError(`${size.width} × ${size.height} pixels`)
  }
  const { loadImage } = canvasLibrary()
  let image: Image
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  } catch (canvasError) {
    if (options.leptonica === false)
      throw new OcrImageError('unreadable image', { cause: canvasError })
    // TIFF and other formats the canvas library lacks: Leptonica decodes them to a grey PNG.
    const png = await tesseractRuntime
      .run((engine) => engine.decodeToPng(bytes), options.signal)
      .catch((error: unknown) => {
        throw error instanceof OcrImageError
          ? new OcrImageError(error.message, { cause: canvasError })
          : error
      })
    image = await loadImage(Buffer.from(png.buffer, png.byteOffset, png.byteLength))
  }
  if (image.width === 0 || image.height === 0) throw new OcrImageError('the image is empty')
  return drawToGray(image, image.width, image.height)
}

/** Draws anything the canvas library can draw (an image, a canvas) onto white and returns its
 *  grey pixels, shrunk to at most `MAX_OCR_PIXELS`. */
export function drawToGray(source: Image | Canvas, width: number, height: number): DecodedImage {
  const { createCanvas } = canvasLibrary()
  const scale = Math.min(1, Math.sqrt(MAX_OCR_PIXELS / (width * height)))
  const targetWidth = Math.max(1, Math.round(width * scale))
  const targetHeight = Math.max(1, Math.round(height * scale))
  const canvas = createCanvas(targetWidth, targetHeight)
  const context = canvas.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, targetWidth, targetHeight)
  context.imageSmoothingQuality = 'high'
  context.drawImage(source, 0, 0, targetWidth, targetHeight)
  const pixels = context.getImageData(0, 0, targetWidth, targetHeight).data
  return { gray: grayFromRgba(pixels, targetWidth, targetHeight), width, height }
}

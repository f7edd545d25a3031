/** Decodes JPEG 2000 images (JP2 files and bare J2K codestreams) to grey pixels with pdf.js's
 *  OpenJPEG decoder (wasm, from node_modules/pdfjs-dist/wasm), the only JPEG 2000 decoder
 *  installed: neither the canvas library nor tesseract's Leptonica has one. pdf.js decodes JPEG
 *  2000 only as an image inside a PDF, so the image is wrapped in a one-page PDF of its own
 *  size and that page is rendered. Nothing is fetched: the wasm is read from disk. */

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'

import type { GrayImage } from '../ocr/index.js'
import { renderPageToGray } from './render-page.js'
import { loadPdfJs } from './pdfjs-runtime.js'
import { concatBytes, writePdf } from './write-pdf.js'

/** A JPEG 2000 file's size and kind, read from its header; null when the bytes are not one. */
export function readJpeg2000Header(
  bytes: Uint8Array,
): { kind: 'jp2' | 'j2k'; width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // A bare codestream: SOC then SIZ (ISO 15444-1 A.5.1): Xsiz, Ysiz, XOsiz, YOsiz.
  if (bytes.length >= 24 && view.getUint32(0) === 0xff4fff51) {
    const width = view.getUint32(8) - view.getUint32(16)
    const height = view.getUint32(12) - view.getUint32(20)
    return width > 0 && height > 0 ? { kind: 'j2k', width, height } : null
  }
  // JP2: the signature box, then boxes; the image header box (`ihdr`) sits in the `jp2h` box.
  if (bytes.length < 12 || view.getUint32(0) !== 12 || view.getUint32(4) !== 0x6a502020) return null
  const limit = Math.min(bytes.length, 1 << 20)
  for (let offset = 12; offset + 8 <= limit; ) {
    const length = view.getUint32(offset)
    const type = view.getUint32(offset + 4)
    if (type === 0x6a703268) {
      // jp2h is a superbox: look inside it.
      offset += 8
      continue
    }
    if (type === 0x69686472 && offset + 16 <= bytes.length) {
      const height = view.getUint32(offset + 8)
      const width = view.getUint32(offset + 12)
      return width > 0 && height > 0 ? { kind: 'jp2', width, height } : null
    }
    if (length < 8) return null
    offset += length
  }
  return null
}

/** A one-page PDF whose page is the image, one point per pixel. */
export function wrapJpeg2000InPdf(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const encoder = new TextEncoder()
  const content = `q ${width} 0 0 ${height} 0 0 cm /Im1 Do Q`
  const objects: (string | Uint8Array)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    concatBytes([
      encoder.encode(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /Filter /JPXDecode /Length ${bytes.length} >>\nstream\n`,
      ),
      bytes,
      encoder.encode('\nendstream'),
    ]),
  ]
  return writePdf('%PDF-1.5\n', objects)
}

/** Raised when the bytes are not a JPEG 2000 image pdf.js can decode. */
export class Jpeg2000Error extends Error {
  override readonly name = 'Jpeg2000Error'
}

/**
 * Decodes a JPEG 2000 image to grey pixels, shrunk to at most `maxPixels`. Throws
 * `Jpeg2000Error` for bytes that are not one or do not decode.
 */
export async function decodeJpeg2000(bytes: Uint8Array, maxPixels: number): Promise<GrayImage> {
  const header = readJpeg2000Header(bytes)
  if (!header) throw new Jpeg2000Error('not a JPEG 2000 image')
  const runtime = await loadPdfJs()
  const task = runtime.pdfjs.getDocument({
    data: wrapJpeg2000InPdf(bytes, header.width, header.height),
    wasmUrl: runtime.wasmUrl,
    useWorkerFetch: false,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    stopAtErrors: true,
    verbosity: runtime.pdfjs.VerbosityLevel.ERRORS,
  })
  try {
    const document: PDFDocumentProxy = await task.promise
    const scale = Math.min(1, Math.sqrt(maxPixels / (header.width * header.height)))
    const gray = await renderPageToGray(document, 1, scale)
    // pdf.js skips an image it cannot decode (with a warning) and leaves the page white; even
    // a blank scan has some grey in it.
    if (gray.data.every((value) => value === 255)) throw new Error('nothing was drawn')
    return gray
  } catch (error) {
    throw new Jpeg2000Error('the JPEG 2000 image could not be decoded', { cause: error })
  } finally {
    await task.destroy()
  }
}

/** Reads image files (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000) by OCR. Each TIFF page is a page, any
 *  other image one page (the first frame of an animation). Size and camera metadata come from
 *  the headers; the text from the OCR module. An image without text is a document with empty
 *  text, not a failure; bytes no decoder can read are `FILE_CORRUPT`. */

import { DaleelError, errorMessages, fillTemplate } from '../../../domain/index.js'
import type { Metadata, PageSpan, Warning } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionMethod,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import {
  decodeImage,
  ImageTooLargeError,
  OcrEngineError,
  OcrImageError,
  MAX_DECODED_PIXELS,
  MAX_OCR_PIXELS,
  readImageSize,
  recognizePage,
  type DecodedImage,
  type OcrLanguage,
} from '../ocr/index.js'
import { decodeJpeg2000, Jpeg2000Error, readJpeg2000Header } from '../pdf/index.js'
import { readJpegMetadata, readTiffMetadata } from './exif.js'
import { decodeTiffPage, readTiff } from './tiff.js'
import { TiffFormatError, TiffStructure } from './tiff-structure.js'

/** Put between the texts of two pages, as the PDF extractor does: a form feed on its own line. */
export const PAGE_SEPARATOR = '\n\f\n'

type PageInfo = { page: number; method: ExtractionMethod; confidence?: number }

/** The pages of one image file and how to decode each. */
interface Frames {
  readonly count: number
  readonly width: number | null
  readonly height: number | null
  readonly metadata: Metadata
  decode(index: number, signal: AbortSignal | undefined): Promise<DecodedImage>
  /** Checks that the file can be decoded at all, without starting the OCR engine. */
  validate(): Promise<void>
}

/** Extracts text from images by OCR, with size and EXIF metadata. */
export class ImageExtractor implements Extractor {
  readonly name = 'image'

  async extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    const { signal, onProgress } = options
    if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
    signal?.throwIfAborted()
    const frames = openFrames(input.bytes)
    const warnings: Warning[] = []
    const pages: PageSpan[] = []
    const pageInfo: PageInfo[] = []
    const ocr = input.ocr !== 'never'
    if (!ocr) await frames.validate().catch(rethrowAsCorrupt)
    if (looksTruncated(input.bytes)) {
      warnings.push({ code: 'TEXT_TRUNCATED', message: errorMessages.TEXT_TRUNCATED })
    }
    let text = ''
    let hint: readonly OcrLanguage[] | undefined
    let truncated = false
    for (let index = 0; index < frames.count; index++) {
      signal?.throwIfAborted()
      const page = index + 1
      if (index > 0) text += PAGE_SEPARATOR
      const start = text.length
      if (!ocr || truncated) {
        if (!ocr) warnings.push(pageWarning('PAGE_NO_TEXT', page))
        pageInfo.push({ page, method: 'none' })
        pages.push({ page, start, end: start })
        continue
      }
      try {
        const decoded = await frames.decode(index, signal)
        const result = await recognizePage(decoded.gray, { signal, hint })
        hint = result.languages
        let pageText = result.text
        if (start + pageText.length > input.limits.maxTextChars) {
          pageText = pageText.slice(0, Math.max(0, input.limits.maxTextChars - start))
          truncated = true
          warnings.push({ code: 'TEXT_TRUNCATED', message: errorMessages.TEXT_TRUNCATED, page })
        }
        text += pageText
        pageInfo.push({ page, method: 'ocr', confidence: result.confidence })
      } catch (error) {
        if (signal?.aborted) throw error
        // The only page, or the first, unreadable: the file is damaged. A later TIFF page
        // costs only itself, and so does an engine fault (out of memory on one huge page).
        const unreadable =
          error instanceof OcrImageError ||
          error instanceof TiffFormatError ||
          error instanceof Jpeg2000Error
        if (unreadable && index === 0) rethrowAsCorrupt(error)
        if (
          !(error instanceof ImageTooLargeError) &&
          !unreadable &&
          !(error instanceof OcrEngineError)
        )
          throw error
        warnings.push(pageWarning('PAGE_UNREADABLE', page))
        pageInfo.push({ page, method: 'none' })
      }
      pages.push({ page, start, end: text.length })
      onProgress?.()
    }
    const metadata: Metadata = {
      ...(frames.width !== null ? { width: frames.width } : {}),
      ...(frames.height !== null ? { height: frames.height } : {}),
      ...(frames.count > 1 ? { pageCount: frames.count } : {}),
      ...frames.metadata,
    }
    return {
      text,
      pages,
      title: null,
      metadata,
      method: pageInfo.some((info) => info.method === 'ocr') ? 'ocr' : 'none',
      children: [],
      warnings,
      pageInfo,
    }
  }
}

function openFrames(bytes: Uint8Array): Frames {
  if (TiffStructure.open(bytes) || isTiffMagic(bytes)) return tiffFrames(bytes)
  const jpeg2000 = readJpeg2000Header(bytes)
  if (jpeg2000) return jpeg2000Frames(bytes, jpeg2000)
  const size = readImageSize(bytes)
  return {
    count: 1,
    width: size?.width ?? null,
    height: size?.height ?? null,
    metadata: bytes[0] === 0xff && bytes[1] === 0xd8 ? readJpegMetadata(bytes) : {},
    decode: (_index, signal) => decodeImage(bytes, { signal }),
    validate: async () => {
      await decodeImage(bytes, { leptonica: false })
    },
  }
}

// JPEG 2000 (scanners and archives use it; corpus: ingest-file/regression_openjpeg.jp2) is
// decoded by pdf.js's OpenJPEG wasm, the only JPEG 2000 decoder installed.
function jpeg2000Frames(bytes: Uint8Array, size: { width: number; height: number }): Frames {
  const decode = async (): Promise<DecodedImage> => {
    if (size.width * size.height > MAX_DECODED_PIXELS) {
      throw new ImageTooLargeError(`${size.width} × ${size.height} pixels`)
    }
    return { gray: await decodeJpeg2000(bytes, MAX_OCR_PIXELS), ...size }
  }
  return {
    count: 1,
    width: size.width,
    height: size.height,
    metadata: {},
    decode,
    validate: async () => {
      await decode()
    },
  }
}

function tiffFrames(bytes: Uint8Array): Frames {
  let file: ReturnType<typeof readTiff>
  try {
    file = readTiff(bytes)
  } catch (error) {
    rethrowAsCorrupt(error)
  }
  const first = file.pages[0]!
  let metadata: Metadata = {}
  try {
    metadata = readTiffMetadata(file.structure, first.ifd)
  } catch {
    // Metadata is optional; the pages may still be readable.
  }
  return {
    count: file.pages.length,
    width: first.width,
    height: first.height,
    metadata,
    decode: (index, signal) => decodeTiffPage(file, file.pages[index]!, { signal }),
    validate: () => Promise.resolve(),
  }
}

// BigTIFF ("II+\0") and other variants the structure reader does not open.
function isTiffMagic(bytes: Uint8Array): boolean {
  return (
    (bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a) ||
    (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[3] === 0x2a)
  )
}

function rethrowAsCorrupt(error: unknown): never {
  if (error instanceof DaleelError) throw error
  throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
}

// Decoders draw what they have of a cut-off PNG or JPEG and fill the rest, without saying so:
// a PNG without its IEND chunk or a JPEG without its end marker is reported as partial.
function looksTruncated(bytes: Uint8Array): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 4096))
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
  if (isPng) return !new TextDecoder('latin1').decode(tail).includes('IEND')
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let i = tail.length - 2; i >= 0; i--)
      if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false
    return true
  }
  return false
}

function pageWarning(code: 'PAGE_NO_TEXT' | 'PAGE_UNREADABLE', page: number): Warning {
  return { code, message: fillTemplate(errorMessages[code], { page }), page }
}

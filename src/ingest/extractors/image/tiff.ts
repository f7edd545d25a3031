/** TIFF files as pages: every image file directory is a page. Leptonica (inside the OCR engine)
 *  decodes uncompressed, LZW, PackBits, Deflate and CCITT fax pages but reads only the first
 *  directory and has no JPEG codec for TIFF, so each page is handed to it as a copy of the file
 *  whose header points at that page, and JPEG-compressed pages (compression 7, common from
 *  scanners) are decoded here strip by strip with the canvas library. */

import {
  canvasLibrary,
  decodeImage,
  grayFromRgba,
  ImageTooLargeError,
  MAX_DECODED_PIXELS,
  MAX_OCR_PIXELS,
  OcrImageError,
  type DecodedImage,
} from '../ocr/index.js'
import { TiffFormatError, TiffStructure, type Ifd } from './tiff-structure.js'

const TAG = {
  width: 256,
  height: 257,
  compression: 259,
  photometric: 262,
  stripOffsets: 273,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  tileWidth: 322,
  tileLength: 323,
  tileOffsets: 324,
  tileByteCounts: 325,
  subfileType: 254,
  jpegTables: 347,
} as const

const JPEG_COMPRESSION = 7
// Pages beyond this are not read (a fax archive has hundreds; a hostile file could claim more).
const MAX_PAGES = 5000

/** One page of a TIFF file. */
export interface TiffPage {
  readonly ifd: Ifd
  readonly width: number
  readonly height: number
  readonly compression: number
}

/** A parsed TIFF file: its structure and its pages in order. */
export interface TiffFile {
  readonly structure: TiffStructure
  readonly pages: readonly TiffPage[]
}

/** Reads the page directories of a TIFF file; throws `TiffFormatError` when it is not one or its
 *  first directory is damaged. Reduced-resolution copies (thumbnails) are not pages. */
export function readTiff(bytes: Uint8Array): TiffFile {
  const structure = TiffStructure.open(bytes)
  if (!structure) throw new TiffFormatError('not a TIFF header')
  const pages: TiffPage[] = []
  for (const ifd of structure.readChain(MAX_PAGES)) {
    const width = structure.number(ifd.entries.get(TAG.width)) ?? 0
    const height = structure.number(ifd.entries.get(TAG.height)) ?? 0
    // Bit 0 of NewSubfileType marks a reduced-resolution version of another page.
    const reduced = ((structure.number(ifd.entries.get(TAG.subfileType)) ?? 0) & 1) === 1
    if (width === 0 || height === 0 || (reduced && pages.length > 0)) continue
    const compression = structure.number(ifd.entries.get(TAG.compression)) ?? 1
    pages.push({ ifd, width, height, compression })
  }
  if (pages.length === 0) throw new TiffFormatError('no page with a size')
  return { structure, pages }
}

/** A copy of the file whose header points at `page` and whose chain ends there: a one-page
 *  TIFF for readers that only read the first directory. Offsets stay valid because no byte
 *  moves. */
export function singlePageTiff(file: TiffFile, page: TiffPage): Uint8Array {
  const copy = file.structure.bytes.slice()
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength)
  const le = file.structure.littleEndian
  view.setUint32(4, page.ifd.offset, le)
  const count = view.getUint16(page.ifd.offset, le)
  view.setUint32(page.ifd.offset + 2 + count * 12, 0, le)
  return copy
}

/** Decodes one page to grey pixels (shrunk to at most `MAX_OCR_PIXELS`). */
export async function decodeTiffPage(
  file: TiffFile,
  page: TiffPage,
  options: { signal?: AbortSignal } = {},
): Promise<DecodedImage> {
  if (page.width * page.height > MAX_DECODED_PIXELS) {
    throw new ImageTooLargeError(`${page.width} × ${page.height} pixels`)
  }
  if (page.compression === JPEG_COMPRESSION) return decodeJpegPage(file, page)
  return decodeImage(singlePageTiff(file, page), options)
}

// A strip or tile of a JPEG-compressed page is an abbreviated JPEG stream: the tables are in
// the JPEGTables tag, once for the page. Each piece becomes a complete JPEG again (fixture:
// the corpus's ingest-file/multipage_tiff_example.tif, 10 pages).
async function decodeJpegPage(file: TiffFile, page: TiffPage): Promise<DecodedImage> {
  const { structure } = file
  const entries = page.ifd.entries
  const tablesEntry = entries.get(TAG.jpegTables)
  const tables = tablesEntry ? stripMarkers(structure.bytesOf(tablesEntry)) : new Uint8Array(0)
  const photometric = structure.number(entries.get(TAG.photometric)) ?? 2
  const adobe = photometric === 2 ? adobeMarker(0) : photometric === 6 ? adobeMarker(1) : null
  const tiled = entries.has(TAG.tileOffsets)
  const offsets = structure.numbers(entries.get(tiled ? TAG.tileOffsets : TAG.stripOffsets))
  const counts = structure.numbers(entries.get(tiled ? TAG.tileByteCounts : TAG.stripByteCounts))
  const pieceWidth = tiled ? (structure.number(entries.get(TAG.tileWidth)) ?? 0) : page.width
  const pieceHeight = tiled
    ? (structure.number(entries.get(TAG.tileLength)) ?? 0)
    : Math.min(page.height, structure.number(entries.get(TAG.rowsPerStrip)) ?? page.height)
  if (offsets.length === 0 || offsets.length !== counts.length || !pieceWidth || !pieceHeight) {
    throw new OcrImageError('JPEG-compressed TIFF page without usable strips')
  }
  const across = tiled ? Math.ceil(page.width / pieceWidth) : 1
  const { createCanvas, loadImage } = canvasLibrary()
  const scale = Math.min(1, Math.sqrt(MAX_OCR_PIXELS / (page.width * page.height)))
  const width = Math.max(1, Math.round(page.width * scale))
  const height = Math.max(1, Math.round(page.height * scale))
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, height)
  const bytes = structure.bytes
  let decoded = 0
  for (let index = 0; index < offsets.length; index++) {
    const start = offsets[index]!
    const piece = bytes.subarray(start, start + counts[index]!)
    if (piece.length < 4 || piece[0] !== 0xff || piece[1] !== 0xd8) continue
    const jpeg = concat([
      piece.subarray(0, 2),
      adobe ?? new Uint8Array(0),
      tables,
      piece.subarray(2),
    ])
    const image = await loadImage(Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength)).catch(
      () => null,
    )
    if (!image) continue
    const x = (index % across) * pieceWidth
    const y = Math.floor(index / across) * pieceHeight
    context.drawImage(image, x * scale, y * scale, image.width * scale, image.height * scale)
    decoded++
  }
  if (decoded === 0) throw new OcrImageError('no JPEG strip of the TIFF page could be decoded')
  const pixels = context.getImageData(0, 0, width, height).data
  return { gray: grayFromRgba(pixels, width, height), width: page.width, height: page.height }
}

// JPEGTables is a complete (if image-less) JPEG stream: SOI, tables, EOI. Only the tables go
// into each piece.
function stripMarkers(tables: Uint8Array): Uint8Array {
  let start = 0
  let end = tables.length
  if (tables[0] === 0xff && tables[1] === 0xd8) start = 2
  if (tables[end - 2] === 0xff && tables[end - 1] === 0xd9) end -= 2
  return tables.subarray(start, end)
}

// TIFF says the colour space in its Photometric tag, not inside the JPEG; an Adobe APP14 marker
// tells the JPEG decoder (0: RGB as stored, 1: YCbCr to convert).
function adobeMarker(transform: 0 | 1): Uint8Array {
  return new Uint8Array([
    0xff,
    0xee,
    0x00,
    0x0e,
    0x41,
    0x64,
    0x6f,
    0x62,
    0x65,
    0x00,
    0x64,
    0x00,
    0x00,
    0x00,
    0x00,
    transform,
  ])
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    result.set(part, offset)
    offset += part.length
  }
  return result
}

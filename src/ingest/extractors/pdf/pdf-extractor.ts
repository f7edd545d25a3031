/** Reads the text layer of PDF files with pdf.js, offline: every page's text in logical order
 *  with real letters (Arabic and Hebrew included), page spans, and the information dictionary
 *  as metadata. A page without a usable text layer (a scan, text drawn as outlines, a layer of
 *  unmapped glyphs) is rendered and read by the OCR module, as `input.ocr` says. */

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'

import { DaleelError, errorMessages, fillTemplate } from '../../../domain/index.js'
import type { Metadata, PageSpan, Warning } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionMethod,
  ExtractionResult,
  ExtractOptions,
  Extractor,
  OcrMode,
} from '../../extractor.js'
import { recognizePage, type GrayImage, type OcrLanguage } from '../ocr/index.js'
import { buildVisualLines } from './page-lines.js'
import { parsePdfDate } from './pdf-date.js'
import { loadPdfJs, VISUAL_DIR } from './pdfjs-runtime.js'
import { renderPageToGray } from './render-page.js'
import { hasRightToLeft, repairSwappedLamAlef, VisualLineReader } from './visual-to-logical.js'

/** Put between the texts of two pages; a form feed on a line of its own. */
export const PAGE_SEPARATOR = '\n\f\n'

type PageInfo = { page: number; method: ExtractionMethod; confidence?: number }

// Pages are rendered for OCR at 300 dpi, the resolution tesseract is trained for, but at most
// 10 million pixels (A4 at 300 dpi is 8.7 million; larger pages get fewer dpi).
const RENDER_DPI = 300
const MAX_RENDER_PIXELS = 10_000_000
// A text layer with fewer letters and digits than this is thin: a page number or a stamp over a
// scan. The page is read by OCR too, and the reading with clearly more text is kept.
const THIN_TEXT_LAYER = 20
// A layer where more than this share of the characters are U+FFFD, private-use or control
// characters comes from fonts without a usable ToUnicode map: it is not text.
const MAX_GARBAGE_SHARE = 0.3

/** Extracts text, pages and metadata from PDF files. */
export class PdfExtractor implements Extractor {
  readonly name = 'pdf'

  async extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    const { signal } = options
    if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
    signal?.throwIfAborted()
    const runtime = await loadPdfJs()
    // No password first (most files, and those with only an owner password), then each given
    // one; pdf.js says whether a password is needed or was wrong.
    const candidates = [undefined, ...(input.passwords ?? [])]
    for (const [attempt, password] of candidates.entries()) {
      const task = runtime.pdfjs.getDocument({
        // pdf.js transfers the buffer it is given to its worker; the caller keeps its bytes.
        data: input.bytes.slice(),
        ...(password === undefined ? {} : { password }),
        standardFontDataUrl: runtime.standardFontDataUrl,
        cMapUrl: runtime.cMapUrl,
        cMapPacked: true,
        wasmUrl: runtime.wasmUrl,
        useWorkerFetch: false,
        isEvalSupported: false,
        useSystemFonts: false,
        disableFontFace: true,
        isOffscreenCanvasSupported: false,
        enableXfa: false,
        stopAtErrors: false,
        verbosity: runtime.pdfjs.VerbosityLevel.ERRORS,
      })
      try {
        let document: PDFDocumentProxy
        try {
          document = await task.promise
        } catch (error) {
          const encrypted = error instanceof Error && error.name === 'PasswordException'
          if (encrypted && attempt < candidates.length - 1) continue
          throw toLoadError(error, attempt > 0)
        }
        const result = await readDocument(document, input.limits.maxTextChars, {
          ocr: input.ocr ?? 'auto',
          imageOps: imageOperators(runtime.pdfjs.OPS),
          ...options,
        })
        return password === undefined
          ? result
          : { ...result, metadata: { ...result.metadata, openedWithPassword: true } }
      } finally {
        await task.destroy()
      }
    }
    throw new DaleelError('FILE_CORRUPT')
  }
}

function toLoadError(error: unknown, passwordsTried: boolean): DaleelError {
  if (error instanceof Error && error.name === 'PasswordException') {
    const detail = passwordsTried ? 'none of the given passwords opens it' : 'no password given'
    return new DaleelError('FILE_ENCRYPTED', {}, { cause: `${error.message}: ${detail}` })
  }
  return new DaleelError('FILE_CORRUPT', {}, { cause: error })
}

interface ReadOptions extends ExtractOptions {
  readonly ocr: OcrMode
  /** pdf.js operator numbers that paint an image. */
  readonly imageOps: ReadonlySet<number>
}

async function readDocument(
  document: PDFDocumentProxy,
  maxTextChars: number,
  options: ReadOptions,
): Promise<ExtractionResult> {
  const { signal, onProgress, ocr } = options
  const { title, metadata } = await readMetadata(document)
  const warnings: Warning[] = []
  const pages: PageSpan[] = []
  const pageInfo: PageInfo[] = []
  const reader = new VisualLineReader()
  let text = ''
  let truncated = false
  // The models the previous OCR page used: a scanned document is usually in one script.
  let hint: readonly OcrLanguage[] | undefined
  for (let page = 1; page <= document.numPages; page++) {
    signal?.throwIfAborted()
    // Past the text limit the remaining pages are not read; they keep empty spans at the end.
    if (truncated) {
      pages.push({ page, start: text.length, end: text.length })
      continue
    }
    if (page > 1) text += PAGE_SEPARATOR
    const start = text.length
    let layer: string | null
    try {
      layer = await readPage(document, page, reader)
    } catch (error) {
      if (signal?.aborted) throw error
      layer = null
    }
    let pageText = layer ?? ''
    let method: ExtractionMethod = layer === null ? 'none' : 'text-layer'
    let confidence: number | undefined
    const quality = layer === null ? 'none' : textLayerQuality(layer)
    // A thin layer over no picture is a short page ("Hello, World!" on each of 500 pages in the
    // corpus's ingest-file/500 pages.pdf), not a scan with a stamp: it is not rendered.
    const wantsOcr =
      ocr === 'always' ||
      (ocr === 'auto' &&
        (quality === 'none' ||
          (quality === 'thin' && (await paintsImages(document, page, options.imageOps)))))
    if (wantsOcr) {
      try {
        const result = await recognizePage(await renderPage(document, page), { signal, hint })
        hint = result.languages
        if (ocr === 'always' || quality === 'none' || richerThan(result.text, pageText)) {
          pageText = result.text
          method = 'ocr'
          confidence = result.confidence
        }
      } catch (error) {
        // An unreadable page stays as its text layer says; the warning below tells why.
        if (signal?.aborted) throw error
      }
    }
    if (layer === null && method !== 'ocr') {
      warnings.push({
        code: 'PAGE_UNREADABLE',
        message: fillTemplate(errorMessages.PAGE_UNREADABLE, { page }),
        page,
      })
      pageInfo.push({ page, method: 'none' })
      pages.push({ page, start, end: start })
      onProgress?.()
      continue
    }
    if (start + pageText.length > maxTextChars) {
      pageText = pageText.slice(0, Math.max(0, maxTextChars - start))
      truncated = true
      warnings.push({ code: 'TEXT_TRUNCATED', message: errorMessages.TEXT_TRUNCATED, page })
    }
    text += pageText
    pages.push({ page, start, end: text.length })
    if (method === 'ocr') {
      pageInfo.push({ page, method, confidence })
    } else if (pageText.trim() === '') {
      // Only when OCR was not done (turned off) or failed: a page OCR read as blank is blank.
      warnings.push({
        code: 'PAGE_NO_TEXT',
        message: fillTemplate(errorMessages.PAGE_NO_TEXT, { page }),
        page,
      })
      pageInfo.push({ page, method: 'none' })
    } else {
      pageInfo.push({ page, method: 'text-layer' })
    }
    onProgress?.()
  }
  return {
    text,
    pages,
    title,
    metadata: { ...metadata, pageCount: document.numPages },
    method: pageInfo.some((info) => info.method === 'ocr') ? 'ocr' : 'text-layer',
    children: [],
    warnings,
    pageInfo,
  }
}

const GARBAGE = /[\ufffd\ue000-\uf8ff\u0000-\u0008\u000e-\u001f]/u
const CONTENT = /[\p{L}\p{N}]/u

/** How much a page's text layer can be trusted: 'good' (real text), 'thin' (a few letters,
 *  such as a page number stamped on a scan) or 'none' (empty, or mostly replacement,
 *  private-use and control characters from fonts without a usable ToUnicode map). */
export function textLayerQuality(text: string): 'good' | 'thin' | 'none' {
  let visible = 0
  let garbage = 0
  for (const char of text) {
    if (/\s/u.test(char)) continue
    visible++
    if (GARBAGE.test(char)) garbage++
  }
  if (visible === 0 || garbage / visible > MAX_GARBAGE_SHARE) return 'none'
  return contentLength(text) >= THIN_TEXT_LAYER ? 'good' : 'thin'
}

/** The operators that paint raster images (scans, photographs, masks). */
function imageOperators(ops: Record<string, number>): Set<number> {
  return new Set(
    Object.entries(ops)
      .filter(([name]) => /^paint.*Image/u.test(name))
      .map(([, value]) => value),
  )
}

async function paintsImages(
  document: PDFDocumentProxy,
  pageNumber: number,
  imageOps: ReadonlySet<number>,
): Promise<boolean> {
  try {
    const page = await document.getPage(pageNumber)
    try {
      const { fnArray } = await page.getOperatorList()
      return fnArray.some((fn) => imageOps.has(fn))
    } finally {
      page.cleanup()
    }
  } catch {
    return false
  }
}

/** True when the OCR reading holds clearly more text than a thin text layer. */
function richerThan(ocrText: string, layer: string): boolean {
  const ocrContent = contentLength(ocrText)
  const layerContent = contentLength(layer)
  return ocrContent >= Math.max(layerContent * 1.5, layerContent + THIN_TEXT_LAYER)
}

function contentLength(text: string): number {
  let count = 0
  for (const char of text) if (CONTENT.test(char) && !GARBAGE.test(char)) count++
  return count
}

async function renderPage(document: PDFDocumentProxy, pageNumber: number): Promise<GrayImage> {
  const page = await document.getPage(pageNumber)
  const base = page.getViewport({ scale: 1 })
  page.cleanup()
  const scale = Math.min(
    RENDER_DPI / 72,
    Math.sqrt(MAX_RENDER_PIXELS / Math.max(1, base.width * base.height)),
  )
  return renderPageToGray(document, pageNumber, scale)
}

async function readPage(
  document: PDFDocumentProxy,
  pageNumber: number,
  reader: VisualLineReader,
): Promise<string> {
  const page = await document.getPage(pageNumber)
  try {
    const content = await page.getTextContent({
      disableNormalization: true,
      includeMarkedContent: true,
    })
    const lines = buildVisualLines(content.items)
    const items = content.items.filter((item): item is TextItem => 'str' in item)
    const logical = reader.readLines(lines.map((line) => line.text))
    const text = logical
      .map((line, index) => (lines[index]?.paragraphBefore ? `\n${line}` : line))
      .join('\n')
    // Without the patched worker (see pdfjs-runtime.ts) pdf.js has swapped ligature letters.
    const reordered = items.some(
      (item) => item.dir !== VISUAL_DIR && item.dir !== 'ttb' && hasRightToLeft(item.str),
    )
    return reordered ? repairSwappedLamAlef(text) : text
  } finally {
    page.cleanup()
  }
}

const INFO_FIELDS = {
  author: ['Author', 'dc:creator'],
  creator: ['Creator', 'xmp:creatortool'],
  producer: ['Producer', 'pdf:producer'],
  subject: ['Subject', 'dc:description'],
  keywords: ['Keywords', 'pdf:keywords'],
} as const

const DATE_FIELDS = {
  created: ['CreationDate', 'xmp:createdate'],
  modified: ['ModDate', 'xmp:modifydate'],
} as const

interface XmpMetadata {
  get(name: string): unknown
}

// The information dictionary comes first; XMP fills what it lacks. A damaged metadata stream
// costs the metadata, never the text.
async function readMetadata(
  document: PDFDocumentProxy,
): Promise<{ title: string | null; metadata: Metadata }> {
  const { info, metadata: xmp } = await document
    .getMetadata()
    .catch(() => ({ info: {}, metadata: null }))
  const infoDict = (info ?? {}) as Record<string, unknown>
  const xmpData = xmp as XmpMetadata | null
  const lookup = (infoKey: string, xmpKey: string): string | null =>
    cleanValue(infoDict[infoKey]) ?? cleanValue(xmpData?.get(xmpKey))
  const metadata: Record<string, string> = {}
  for (const [field, [infoKey, xmpKey]] of Object.entries(INFO_FIELDS)) {
    const value = lookup(infoKey, xmpKey)
    if (value !== null) metadata[field] = value
  }
  for (const [field, [infoKey, xmpKey]] of Object.entries(DATE_FIELDS)) {
    const value =
      parsePdfDate(cleanValue(infoDict[infoKey])) ?? parsePdfDate(cleanValue(xmpData?.get(xmpKey)))
    if (value !== null) metadata[field] = value
  }
  return { title: lookup('Title', 'dc:title'), metadata }
}

// Metadata strings may hold NULs, bidi controls or padding; XMP gives lists for some fields.
function cleanValue(value: unknown): string | null {
  const text = Array.isArray(value)
    ? value.filter((part): part is string => typeof part === 'string').join('; ')
    : typeof value === 'string'
      ? value
      : null
  if (text === null) return null
  const cleaned = text
    .replace(/[\u0000-\u0008\u000b-\u001f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, '')
    .normalize('NFC')
    .trim()
  return cleaned === '' ? null : cleaned
}

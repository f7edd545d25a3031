/** Reads the text layer of PDF files with pdf.js, offline: every page's text in logical order
 *  with real letters (Arabic and Hebrew included), page spans, and the information dictionary
 *  as metadata. Pages without text are reported for OCR, which is another module's job;
 *  nothing is rendered here. */

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'

import { DaleelError, errorMessages, fillTemplate } from '../../../domain/index.js'
import type { Metadata, PageSpan, Warning } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionMethod,
  ExtractionResult,
  Extractor,
} from '../../extractor.js'
import { buildVisualLines } from './page-lines.js'
import { parsePdfDate } from './pdf-date.js'
import { loadPdfJs, VISUAL_DIR } from './pdfjs-runtime.js'
import { hasRightToLeft, repairSwappedLamAlef, VisualLineReader } from './visual-to-logical.js'

/** Put between the texts of two pages; a form feed on a line of its own. */
export const PAGE_SEPARATOR = '\n\f\n'


type PageInfo = { page: number; method: ExtractionMethod }

/** Extracts text, pages and metadata from PDF files. */
export class PdfExtractor implements Extractor {
  readonly name = 'pdf'

  async extract(
    input: ExtractionInput,
    options: { signal?: AbortSignal } = {},
  ): Promise<ExtractionResult> {
    const { signal } = options
    if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
    signal?.throwIfAborted()
    const runtime = await loadPdfJs()
    const task = runtime.pdfjs.getDocument({
      // pdf.js transfers the buffer it is given to its worker; the caller keeps its bytes.
      data: input.bytes.slice(),
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
      const document = await task.promise.catch((error: unknown) => {
        throw toLoadError(error)
      })
      return await readDocument(document, input.limits.maxTextChars, signal)
    } finally {
      await task.destroy()
    }
  }
}

function toLoadError(error: unknown): DaleelError {
  if (error instanceof Error && error.name === 'PasswordException') {
    return new DaleelError('FILE_ENCRYPTED', {}, { cause: error })
  }
  return new DaleelError('FILE_CORRUPT', {}, { cause: error })
}

async function readDocument(
  document: PDFDocumentProxy,
  maxTextChars: number,
  signal: AbortSignal | undefined,
): Promise<ExtractionResult> {
  const { title, metadata } = await readMetadata(document)
  const warnings: Warning[] = []
  const pages: PageSpan[] = []
  const pageInfo: PageInfo[] = []
  const reader = new VisualLineReader()
  let text = ''
  let truncated = false
  for (let page = 1; page <= document.numPages; page++) {
    signal?.throwIfAborted()
    // Past the text limit the remaining pages are not read; they keep empty spans at the end.
    if (truncated) {
      pages.push({ page, start: text.length, end: text.length })
      continue
    }
    if (page > 1) text += PAGE_SEPARATOR
    const start = text.length
    let pageText: string
    try {
      pageText = await readPage(document, page, reader)
    } catch (error) {
      if (signal?.aborted) throw error
      warnings.push({
        code: 'PAGE_UNREADABLE',
        message: fillTemplate(errorMessages.PAGE_UNREADABLE, { page }),
        page,
      })
      pageInfo.push({ page, method: 'none' })
      pages.push({ page, start, end: start })
      continue
    }
    if (start + pageText.length > maxTextChars) {
      pageText = pageText.slice(0, Math.max(0, maxTextChars - start))
      truncated = true
      warnings.push({ code: 'TEXT_TRUNCATED', message: errorMessages.TEXT_TRUNCATED, page })
    }
    text += pageText
    pages.push({ page, start, end: text.length })
    if (pageText.trim() === '') {
      warnings.push({
        code: 'PAGE_NO_TEXT',
        message: fillTemplate(errorMessages.PAGE_NO_TEXT, { page }),
        page,
      })
      pageInfo.push({ page, method: 'none' })
    } else {
      pageInfo.push({ page, method: 'text-layer' })
    }
  }
  return {
    text,
    pages,
    title,
    metadata: { ...metadata, pageCount: document.numPages },
    method: 'text-layer',
    children: [],
    warnings,
    pageInfo,
  }
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

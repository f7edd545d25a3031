/** Renders one PDF page to grey pixels for OCR. pdf.js draws with its own copy of
 *  @napi-rs/canvas (pdfjs-dist depends on 0.1.x, Daleel on 1.x); drawing a canvas of one copy
 *  into a context of the other crashes the process, so the page is rendered into a canvas from
 *  pdf.js's own factory and only its pixels leave it (docs/ocr.md). */

import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'

import { grayFromRgba, type GrayImage } from '../ocr/index.js'

interface CanvasAndContext {
  canvas: unknown
  context: {
    getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray }
  }
}

type RenderParameters = Parameters<PDFPageProxy['render']>[0]

interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext
  destroy(entry: CanvasAndContext): void
}

/** The page drawn at `scale` (1 = one pixel per point) on white, in grey. */
export async function renderPageToGray(
  document: PDFDocumentProxy,
  pageNumber: number,
  scale: number,
): Promise<GrayImage> {
  const page = await document.getPage(pageNumber)
  try {
    const viewport = page.getViewport({ scale })
    const width = Math.max(1, Math.ceil(viewport.width))
    const height = Math.max(1, Math.ceil(viewport.height))
    const factory = document.canvasFactory as CanvasFactory
    const entry = factory.create(width, height)
    try {
      await page.render({ canvas: entry.canvas, viewport } as unknown as RenderParameters).promise
      const { data } = entry.context.getImageData(0, 0, width, height)
      return grayFromRgba(data, width, height)
    } finally {
      factory.destroy(entry)
    }
  } finally {
    page.cleanup()
  }
}

/** PdfExtractor when the patched worker cannot be used, as after a pdf.js upgrade that moved the
 *  bidi call: pdf.js's own worker is installed before the runtime loads. Vitest runs each test
 *  file in its own process, so this does not affect the other tests. */

import { readFile } from 'node:fs/promises'

import { describe, expect, it } from 'vitest'

import { defaultLimits } from '../../extractor.js'
import { PdfExtractor } from './pdf-extractor.js'
import { loadPdfJs } from './pdfjs-runtime.js'

const globals = globalThis as { pdfjsWorker?: unknown }
// The worker module ships without typings; only its presence matters here.
const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'
globals.pdfjsWorker ??= (await import(workerModule)) as unknown
const runtime = await loadPdfJs()

describe.skipIf(runtime.visualOrder)('PdfExtractor with pdf.js’s own worker', () => {
  it('still reads Arabic and Hebrew in logical order and repairs the certain lam-alef swaps', async () => {
    const bytes = new Uint8Array(
      await readFile(
        new URL('../../../../test/fixtures/pdf/libreoffice-arabic-hebrew.pdf', import.meta.url),
      ),
    )
    const { text } = await new PdfExtractor().extract({
      bytes,
      name: 'libreoffice-arabic-hebrew.pdf',
      mediaType: 'application/pdf',
      limits: defaultLimits,
    })
    const collapsed = text.replace(/\s+/gu, ' ')
    expect(collapsed).toContain('העברה של 1,500 שקלים בוצעה ב-12 במרץ 2024 דרך Daleel.')
    expect(collapsed).toContain('بلغت قيمة')
    expect(collapsed).toContain('الأمل')
    expect(collapsed).toContain('الإمارات')
    expect(text).not.toMatch(/األمل|اإلمارات/u)
  })
})

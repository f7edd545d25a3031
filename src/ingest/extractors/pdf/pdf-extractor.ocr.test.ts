/** Scanned pages in PDFs: which pages go to OCR in each mode, what the result records, and real
 *  scans of the shared open corpus (skipped when it is absent). */

import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, describe, expect, it } from 'vitest'

import { defaultLimits, type ExtractionResult, type OcrMode } from '../../extractor.js'
import { tesseractRuntime } from '../ocr/index.js'
import { PdfExtractor, textLayerQuality } from './pdf-extractor.js'

const corpus =
  process.env.DALEEL_TEST_CORPUS ??
  fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url))
const available = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!available) console.warn(`PDF OCR corpus tests skipped: no corpus at ${corpus}`)

async function extract(
  bytes: Uint8Array,
  ocr: OcrMode = 'auto',
): Promise<ExtractionResult & { progress: number }> {
  let progress = 0
  const result = await new PdfExtractor().extract(
    { bytes, name: 'scan.pdf', mediaType: 'application/pdf', limits: defaultLimits, ocr },
    { onProgress: () => progress++ },
  )
  return { ...result, progress }
}

const scanned = async (): Promise<Uint8Array> =>
  new Uint8Array(
    await readFile(
      new URL('../../../../test/fixtures/ocr/scanned-page-2-of-3.pdf', import.meta.url),
    ),
  )

const pageTexts = (result: ExtractionResult): string[] =>
  (result.pages ?? []).map((span) => result.text.slice(span.start, span.end))

afterAll(() => tesseractRuntime.stop())

describe('textLayerQuality', () => {
  it('tells real text from a stamp and from unmapped glyphs', () => {
    expect(textLayerQuality('The committee met on Tuesday to discuss the audit.')).toBe('good')
    expect(textLayerQuality('  Page 12  ')).toBe('thin')
    expect(textLayerQuality('')).toBe('none')
    expect(textLayerQuality('\ufffd\ufffd\ue001\ue002 \ufffd\ufffd a')).toBe('none')
  })
})

describe('PdfExtractor with OCR', () => {
  it('reads a page scanned as a JPEG 2000 image (JPXDecode) with the bundled wasm decoder', async () => {
    const bytes = new Uint8Array(
      await readFile(
        new URL('../../../../test/fixtures/ocr/scanned-jpx-page-2-of-3.pdf', import.meta.url),
      ),
    )
    const [, second] = pageTexts(await extract(bytes))
    expect(second).toContain('شركة النور الفاتورة')
    expect(second).toContain('finance@example.org')
  })

  it('reads the scanned page by OCR and keeps the text layer of the others', async () => {
    const result = await extract(await scanned())
    const [first, second, third] = pageTexts(result)
    expect(first).toContain('Internal report on suspicious transfers')
    expect(second).toContain('شركة النور الفاتورة')
    expect(second).toContain('Blue Harbor Holdings')
    expect(second).toContain('finance@example.org')
    expect(third).toBe('')
    expect(result.pageInfo).toEqual([
      { page: 1, method: 'text-layer' },
      { page: 2, method: 'ocr', confidence: expect.any(Number) as number },
      { page: 3, method: 'ocr', confidence: 0 },
    ])
    expect(result.method).toBe('ocr')
    expect(result.warnings).toEqual([])
    expect(result.progress).toBe(3)
  })

  it('reads the text layer only and reports the pages without one when OCR is off', async () => {
    const result = await extract(await scanned(), 'never')
    expect(pageTexts(result)).toEqual([expect.stringContaining('Internal report'), '', ''])
    expect(result.warnings.map((warning) => [warning.code, warning.page])).toEqual([
      ['PAGE_NO_TEXT', 2],
      ['PAGE_NO_TEXT', 3],
    ])
    expect(result.method).toBe('text-layer')
  })

  it('reads every page by OCR when OCR is always on', async () => {
    const result = await extract(await scanned(), 'always')
    expect(result.pageInfo?.map((info) => info.method)).toEqual(['ocr', 'ocr', 'ocr'])
    expect(pageTexts(result)[0]).toContain('Al Noor Trading moved 250,000 dollars')
  })
})

describe.skipIf(!available)(`PdfExtractor with OCR on the open corpus (${corpus})`, () => {
  it.each([
    ['hoover/data/disk-files/pdf-scans/sv600_c_normal.pdf', 'there is an influence'],
    ['hoover/data/disk-files/pdf-scans/Non-text-searchable.pdf', 'Because it was created'],
  ])('finds the phrase of the scanned PDF %s', async (path, phrase) => {
    const result = await extract(new Uint8Array(await readFile(join(corpus, path))))
    expect(result.method).toBe('ocr')
    expect(result.text.replace(/\s+/gu, ' ')).toContain(phrase)
  })

  it('does not render 500 short pages that have a text layer and no picture', async () => {
    const started = Date.now()
    const result = await extract(
      new Uint8Array(await readFile(join(corpus, 'ingest-file/500 pages.pdf'))),
    )
    expect(result.method).toBe('text-layer')
    expect(result.pageInfo?.every((info) => info.method === 'text-layer')).toBe(true)
    expect(Date.now() - started).toBeLessThan(30_000)
  })
})

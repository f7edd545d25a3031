import { readFile } from 'node:fs/promises'

import { describe, expect, it } from 'vitest'

import { DaleelError } from '../../../domain/index.js'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits, ExtractionResult, OcrMode } from '../../extractor.js'
import { PAGE_SEPARATOR, PdfExtractor } from './pdf-extractor.js'

const fixtures = new URL('../../../../test/fixtures/pdf/', import.meta.url)

async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(name, fixtures)))
}

async function extract(
  bytes: Uint8Array,
  limits: ExtractionLimits = defaultLimits,
  signal?: AbortSignal,
  ocr: OcrMode = 'auto',
): Promise<ExtractionResult> {
  return new PdfExtractor().extract(
    { bytes, name: 'sample.pdf', mediaType: 'application/pdf', limits, ocr },
    { signal },
  )
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the extraction succeeded'),
    (error: unknown) => error,
  )
}

const collapse = (text: string): string => text.replace(/\s+/gu, ' ')

const ARABIC_SENTENCE =
  'بلغت قيمة التحويلات 250000 دولار في تقرير Daleel لعام 2023، ولا يزال الأمل قائما في الإمارات الآن.'
const ARABIC_MARKS = 'رقم الحساب ١٢٣٤٥ (فرع دبي) كَتَبَ المدير.'
const HEBREW_SENTENCE = 'העברה של 1,500 שקלים בוצעה ב-12 במרץ 2024 דרך Daleel.'
const HEBREW_NIQQUD = 'שָׁלוֹם עוֹלָם וּבְרָכָה'.normalize('NFC')
const ENGLISH_SENTENCE = 'The quick brown fox paid 300 dollars to مكتب الأمل in Haifa.'

describe.each([
  ['Chromium', 'chromium-arabic-hebrew.pdf', /^Skia\/PDF/u],
  ['LibreOffice', 'libreoffice-arabic-hebrew.pdf', /^LibreOffice 7\.4/u],
])('PdfExtractor on a %s PDF', (_producer, file, producer) => {
  it('reads Arabic in logical order with every lam-alef, numbers and Latin words right', async () => {
    const result = await extract(await fixture(file))
    expect(collapse(result.text)).toContain(ARABIC_SENTENCE)
    expect(result.text).not.toMatch(/التحويالت|دوالر|األمل|اإلمارات|اآلن/u)
  })

  it('keeps Arabic marks on their letters and brackets the right way round', async () => {
    const result = await extract(await fixture(file))
    expect(collapse(result.text)).toContain(ARABIC_MARKS)
  })

  it('reads Hebrew in logical order, niqqud included', async () => {
    const result = await extract(await fixture(file))
    expect(collapse(result.text)).toContain(HEBREW_SENTENCE)
    expect(result.text).toContain(HEBREW_NIQQUD)
  })

  it('reads an Arabic phrase inside an English sentence in place', async () => {
    const result = await extract(await fixture(file))
    expect(collapse(result.text)).toContain(ENGLISH_SENTENCE)
  })

  it('writes real letters without presentation forms or bidi controls', async () => {
    const { text } = await extract(await fixture(file))
    expect(text).not.toMatch(/[\ufb1d-\ufdff\ufe70-\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]/u)
  })

  it('gives every page a span, the empty page included', async () => {
    const { text, pages = [] } = await extract(await fixture(file))
    expect(pages.map((span) => span.page)).toEqual([1, 2, 3, 4, 5])
    pages.forEach((span, index) => {
      const previous = pages[index - 1]
      expect(span.start).toBe(previous ? previous.end + PAGE_SEPARATOR.length : 0)
    })
    expect(pages.at(-1)?.end).toBe(text.length)
    const pageText = pages.map((span) => text.slice(span.start, span.end))
    expect(pageText[0]).toContain('التحويلات')
    expect(collapse(pageText[1] ?? '')).toContain(HEBREW_SENTENCE)
    expect(pageText[3]).toBe('')
    expect(pageText[4]).toBe('End of the sample.')
  })

  it('reports the page without text for OCR when OCR is turned off', async () => {
    const result = await extract(await fixture(file), defaultLimits, undefined, 'never')
    expect(result.warnings).toEqual([
      { code: 'PAGE_NO_TEXT', message: expect.any(String) as string, page: 4 },
    ])
    expect(result.pageInfo?.map((info) => info.method)).toEqual([
      'text-layer',
      'text-layer',
      'text-layer',
      'none',
      'text-layer',
    ])
    expect(result.method).toBe('text-layer')
  })

  it('reads the page without text by OCR, finds it blank and keeps the text layer elsewhere', async () => {
    const result = await extract(await fixture(file))
    expect(result.warnings).toEqual([])
    expect(result.pageInfo).toEqual([
      { page: 1, method: 'text-layer' },
      { page: 2, method: 'text-layer' },
      { page: 3, method: 'text-layer' },
      { page: 4, method: 'ocr', confidence: 0 },
      { page: 5, method: 'text-layer' },
    ])
    expect(result.method).toBe('ocr')
  })

  it('takes title and metadata from the information dictionary', async () => {
    const result = await extract(await fixture(file))
    expect(result.title).toBe('تقرير التحويلات Daleel')
    expect(result.metadata.producer).toMatch(producer)
    expect(result.metadata.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/u)
    expect(result.metadata.pageCount).toBe(5)
  })
})

describe('PdfExtractor', () => {
  it('reads author and a dated creation time with its time zone', async () => {
    const result = await extract(await fixture('bad-page-kid.pdf'))
    expect(result.title).toBe('Bad page tree')
    expect(result.metadata).toMatchObject({
      author: 'Daleel Fixtures',
      created: '2024-03-12T08:15:00.000Z',
      pageCount: 3,
    })
  })

  it('keeps the readable pages when one page cannot be read', async () => {
    const result = await extract(await fixture('bad-page-kid.pdf'))
    expect(result.text).toBe(
      `First page survives.${PAGE_SEPARATOR}Third page survives too.${PAGE_SEPARATOR}`,
    )
    expect(result.warnings).toEqual([
      { code: 'PAGE_UNREADABLE', message: 'Page 3 could not be read.', page: 3 },
    ])
    expect(result.pages?.at(-1)).toEqual({
      page: 3,
      start: result.text.length,
      end: result.text.length,
    })
  })

  it('reports a password-protected file as encrypted', async () => {
    const error = await failure(extract(await fixture('encrypted-aes256.pdf')))
    expect(error).toBeInstanceOf(DaleelError)
    expect(error).toMatchObject({ code: 'FILE_ENCRYPTED' })
  })

  it('reports a truncated file as damaged, or keeps what it could read', async () => {
    const outcome = await extract(await fixture('truncated-half.pdf')).catch(
      (error: unknown) => error,
    )
    if (outcome instanceof DaleelError) {
      expect(outcome.code).toBe('FILE_CORRUPT')
      expect(outcome.cause).toBeInstanceOf(Error)
    } else {
      expect((outcome as ExtractionResult).warnings.length).toBeGreaterThan(0)
    }
  })

  it('reports bytes that are not a PDF as damaged', async () => {
    const bytes = new TextEncoder().encode('This is a plain text file, not a PDF.\n')
    const error = await failure(extract(bytes))
    expect(error).toMatchObject({ code: 'FILE_CORRUPT' })
  })

  it('reports an empty file as empty', async () => {
    const error = await failure(extract(new Uint8Array()))
    expect(error).toMatchObject({ code: 'FILE_EMPTY' })
  })

  it('leaves the caller’s bytes usable', async () => {
    const bytes = await fixture('libreoffice-arabic-hebrew.pdf')
    const size = bytes.length
    await extract(bytes)
    expect(bytes.length).toBe(size)
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-')
  })

  it('stops at the text limit, says so and still lists every page', async () => {
    const result = await extract(await fixture('chromium-arabic-hebrew.pdf'), {
      ...defaultLimits,
      maxTextChars: 50,
    })
    expect(result.text.length).toBeLessThanOrEqual(50)
    expect(result.warnings).toContainEqual({
      code: 'TEXT_TRUNCATED',
      message: 'Only part of the file could be read.',
      page: 1,
    })
    expect(result.pages).toHaveLength(5)
  })

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await failure(
      extract(await fixture('chromium-arabic-hebrew.pdf'), defaultLimits, controller.signal),
    )
    expect(error).not.toBeInstanceOf(DaleelError)
    expect(error).toMatchObject({ name: 'AbortError' })
  })
})

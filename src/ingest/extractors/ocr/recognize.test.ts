import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

import type Tesseract from 'tesseract.js'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'

import { decodeImage } from './decode-image.js'
import { chooseModels, isShortLatinWord, recognizePage } from './recognize.js'
import { OcrImageError, prepareDataFolder, tesseractRuntime } from './tesseract-runtime.js'

const fixture = async (name: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(new URL(`../../../../test/fixtures/ocr/${name}`, import.meta.url)))
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

afterAll(() => tesseractRuntime.stop())

describe('isShortLatinWord', () => {
  it('takes one to three Latin letters, with punctuation, as a short Latin word', () => {
    expect(['Jal', 'IS', 'of,', 'Ls.'].every(isShortLatinWord)).toBe(true)
    expect(['Reuters', 'بأهلي', '12', 'abcd'].some(isShortLatinWord)).toBe(false)
  })
})

describe('chooseModels', () => {
  it('reads one script with its own model only', () => {
    expect(chooseModels({ arabic: 300, hebrew: 0, latin: 4 })).toEqual(['ara'])
    expect(chooseModels({ arabic: 0, hebrew: 200, latin: 0 })).toEqual(['heb'])
    expect(chooseModels({ arabic: 0, hebrew: 0, latin: 250 })).toEqual(['eng'])
  })

  it('adds the model of a second script with a real share of the letters, main script first', () => {
    expect(chooseModels({ arabic: 150, hebrew: 0, latin: 45 })).toEqual(['ara', 'eng'])
    expect(chooseModels({ arabic: 20, hebrew: 0, latin: 200 })).toEqual(['eng', 'ara'])
  })

  it('uses all three models when the sample held almost no letters', () => {
    expect(chooseModels({ arabic: 1, hebrew: 0, latin: 1 })).toEqual(['ara', 'heb', 'eng'])
  })
})

describe('recognizePage', () => {
  it('reads an Arabic page with the Arabic model, in logical order', async () => {
    const page = await recognizePage(await fixture('arabic-report.png'))
    expect(page.text).toContain('حولت شركة النور للتجارة مبلغ 250000 دولار')
    expect(page.text).toContain('طلب المدير العام مراجعة جميع العقود')
    expect(page.script).toBe('arabic')
    expect(page.languages).toEqual(['ara'])
    expect(page.confidence).toBeGreaterThan(80)
    expect(page.text).not.toMatch(BIDI_CONTROLS)
  })

  it('reads a Hebrew page with the Hebrew model', async () => {
    const page = await recognizePage(await fixture('hebrew-report.png'))
    expect(page.text).toContain('חברת האור למסחר העבירה סכום של 250000 דולר')
    expect(page.script).toBe('hebrew')
    expect(page.languages).toEqual(['heb'])
  })

  it('reads an English page with the English model', async () => {
    const page = await recognizePage(await fixture('english-report.png'))
    expect(page.text).toContain(
      'Al Noor Trading moved 250,000 dollars to an account at Cairo Bank.',
    )
    expect(page.script).toBe('latin')
    expect(page.languages).toEqual(['eng'])
    expect(page.lines).toHaveLength(3)
  })

  it('keeps Latin names, addresses and numbers inside Arabic lines, in typed order', async () => {
    const page = await recognizePage(await fixture('arabic-with-latin.png'))
    expect(page.text).toContain('Blue Harbor Holdings')
    expect(page.text).toContain('finance@example.org')
    expect(page.text).toContain('الاسم Daleel 2023 هو المشروع الجديد')
    expect(page.languages).toContain('eng')
    expect(page.script).toBe('mixed')
    expect(page.text).not.toMatch(BIDI_CONTROLS)
  })

  it('straightens a page scanned at an angle', async () => {
    const page = await recognizePage(await fixture('skewed-6-degrees.png'))
    expect(page.text).toContain('Several invoices from the harbor office were never paid.')
  })

  it('reads numbers in Arabic-Indic digits, which the Arabic model alone cannot write', async () => {
    const page = await recognizePage(await fixture('arabic-indic-digits.png'))
    // Without the second look at number glyphs this page reads `...100`, `7014`, `8/1/7014`.
    expect(page.text).toContain('مبلغ ٢٥٠٠٠٠ دولار')
    expect(page.text).toContain('مارس ٢٠٢٤')
    expect(page.text).toContain('رقم الحساب ٠٥٧٣٩١٨٤٦٢')
    expect(page.text).toContain('يوم ٠٨/٠١/٢٠٢٤')
    expect(page.text).toContain('الهاتف ٠٩٦٦٥٠١٢٣٤٥٦٧')
    expect(page.text).toContain('والنسبة ١٥٪')
  })

  it('reads a page scanned on its side or upside down, and says how it was turned', async () => {
    const sideways = await recognizePage(await fixture('english-rotated-90.png'))
    expect(sideways.rotation).toBe(270)
    expect(sideways.text).toContain(
      'Al Noor Trading moved 250,000 dollars to an account at Cairo Bank.',
    )
    const upsideDown = await recognizePage(await fixture('arabic-rotated-180.png'))
    expect(upsideDown.rotation).toBe(180)
    expect(upsideDown.text).toContain('حولت شركة النور للتجارة مبلغ 250000 دولار')
  })

  it('does not turn an upright page', async () => {
    const page = await recognizePage(await fixture('arabic-report.png'))
    expect(page.rotation).toBe(0)
  })

  it('gives empty text for a blank page and an icon', async () => {
    for (const name of ['blank-page.png', 'icon-24px.png']) {
      const page = await recognizePage(await fixture(name))
      expect(page).toMatchObject({ text: '', confidence: 0, script: null, lines: [] })
    }
  })

  it('accepts grey pixels and a hint from the previous page', async () => {
    const { gray } = await decodeImage(await fixture('hebrew-report.png'))
    const page = await recognizePage(gray, { hint: ['heb'] })
    expect(page.text).toContain('המנהל הכללי ביקש לבדוק את כל החוזים')
    expect(page.languages).toEqual(['heb'])
  })

  it('rejects bytes that are not a readable image', async () => {
    await expect(recognizePage(await fixture('damaged-header-only.png'))).rejects.toBeInstanceOf(
      OcrImageError,
    )
  })

  it('stops when its signal is cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      recognizePage(await fixture('english-report.png'), { signal: controller.signal }),
    ).rejects.toThrow()
  })
})

describe('OCR without network', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('starts the engine and reads a page while fetch refuses every request', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('network disabled by the test')))
    vi.stubGlobal('fetch', fetch)
    await tesseractRuntime.stop()
    const page = await recognizePage(await fixture('english-report.png'))
    expect(page.text).toContain('Internal report on suspicious transfers')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('cannot download models even when told to, because the worker has no fetch', async () => {
    const tesseract = createRequire(import.meta.url)('tesseract.js') as typeof Tesseract
    const { workerPath } = await prepareDataFolder()
    const failure = new Promise<string>((resolve) => {
      void tesseract.createWorker('eng', 1 as Tesseract.OEM, {
        workerPath,
        langPath: 'https://tessdata.example.invalid/4.0.0',
        cacheMethod: 'none',
        workerBlobURL: false,
        errorHandler: (error: unknown) => resolve(String(error)),
      })
    })
    expect(await failure).toMatch(/network access is disabled/u)
  })
})

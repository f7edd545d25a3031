import { readFile } from 'node:fs/promises'

import { afterAll, describe, expect, it } from 'vitest'

import { DaleelError } from '../../../domain/index.js'
import { defaultLimits, type ExtractionResult, type OcrMode } from '../../extractor.js'
import { tesseractRuntime } from '../ocr/index.js'
import { ImageExtractor, PAGE_SEPARATOR } from './image-extractor.js'
import { imageExtractors } from './index.js'

async function fixture(path: string): Promise<Uint8Array> {
  return new Uint8Array(
    await readFile(new URL(`../../../../test/fixtures/${path}`, import.meta.url)),
  )
}

async function extract(
  path: string,
  options: { ocr?: OcrMode; mediaType?: string; maxTextChars?: number } = {},
): Promise<ExtractionResult & { progress: number }> {
  let progress = 0
  const result = await new ImageExtractor().extract(
    {
      bytes: await fixture(path),
      name: path,
      mediaType: options.mediaType ?? 'image/png',
      limits: {
        ...defaultLimits,
        maxTextChars: options.maxTextChars ?? defaultLimits.maxTextChars,
      },
      ocr: options.ocr ?? 'auto',
    },
    { onProgress: () => progress++ },
  )
  return { ...result, progress }
}

afterAll(() => tesseractRuntime.stop())

describe('imageExtractors', () => {
  it('registers every image type it reads', () => {
    expect(Object.keys(imageExtractors).sort()).toEqual([
      'image/bmp',
      'image/gif',
      'image/j2c',
      'image/jp2',
      'image/jpeg',
      'image/jpx',
      'image/png',
      'image/tiff',
      'image/webp',
    ])
  })
})

describe('ImageExtractor', () => {
  it('reads JPEG 2000 files and bare codestreams with the decoder of pdf.js, offline', async () => {
    const jp2 = await extract('ocr/arabic-report.jp2', { mediaType: 'image/jp2' })
    expect(jp2.text).toContain('حولت شركة النور للتجارة مبلغ 250000 دولار')
    expect(jp2.metadata).toMatchObject({ width: 1600, height: 284 })
    expect(jp2.method).toBe('ocr')
    const j2k = await extract('ocr/english-report.j2k', { mediaType: 'image/j2c' })
    expect(j2k.text).toContain('Al Noor Trading moved 250,000 dollars')
  })

  it('refuses a cut-off JPEG 2000 file as damaged', async () => {
    const bytes = (await fixture('ocr/arabic-report.jp2')).subarray(0, 3000)
    await expect(
      new ImageExtractor().extract({
        bytes,
        name: 'cut.jp2',
        mediaType: 'image/jp2',
        limits: defaultLimits,
      }),
    ).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })

  it('reads the text of a PNG by OCR, with its size and confidence', async () => {
    const result = await extract('ocr/arabic-report.png')
    expect(result.text).toContain('حولت شركة النور للتجارة مبلغ 250000 دولار')
    expect(result.method).toBe('ocr')
    expect(result.metadata).toMatchObject({ width: 1600, height: 284 })
    expect(result.pages).toEqual([{ page: 1, start: 0, end: result.text.length }])
    expect(result.pageInfo).toEqual([
      { page: 1, method: 'ocr', confidence: expect.any(Number) as number },
    ])
    expect(result.pageInfo?.[0]?.confidence).toBeGreaterThan(80)
    expect(result.progress).toBe(1)
  })

  it('reads every page of a multi-page TIFF', async () => {
    const result = await extract('image/two-pages.tif', { mediaType: 'image/tiff' })
    expect(result.pages).toHaveLength(2)
    const [first, second] = result.pages ?? []
    expect(result.text.slice(first?.start, first?.end)).toContain('Internal report on suspicious')
    expect(result.text.slice(second?.start, second?.end)).toContain('דוח פנימי על העברות כספים')
    expect(result.text).toContain(PAGE_SEPARATOR)
    expect(result.metadata).toMatchObject({
      pageCount: 2,
      width: 1400,
      software: 'Daleel fixture maker',
    })
    expect(result.pageInfo?.map((info) => info.method)).toEqual(['ocr', 'ocr'])
    expect(result.progress).toBe(2)
  })

  it('decodes a TIFF whose strips are JPEG-compressed', async () => {
    const result = await extract('image/jpeg-compressed-strips.tif', { mediaType: 'image/tiff' })
    expect(result.text).toContain('Al Noor Trading moved 250,000 dollars')
  })

  it('reads GIF, WebP and BMP images', async () => {
    for (const name of ['report.gif', 'report.webp', 'report.bmp']) {
      const result = await extract(`image/${name}`)
      expect(result.text).toContain('Internal report on suspicious transfers')
    }
  })

  it('reports the camera, dates and place from EXIF', async () => {
    const result = await extract('image/camera-exif.jpg', { mediaType: 'image/jpeg' })
    expect(result.metadata).toMatchObject({
      created: '2021-06-14T09:08:07',
      modified: '2021-06-15T10:20:30',
      cameraMake: 'Daleel Optics',
      cameraModel: 'Fixture Cam 1',
      gpsLatitude: 31.775,
      gpsLongitude: 35.229167,
    })
    expect(result.text).toContain('Internal report on suspicious transfers')
  })

  it('gives an empty document for an image without text or an icon', async () => {
    for (const name of ['ocr/blank-page.png', 'ocr/icon-24px.png']) {
      const result = await extract(name)
      expect(result).toMatchObject({ text: '', method: 'ocr', warnings: [] })
      expect(result.pageInfo).toEqual([{ page: 1, method: 'ocr', confidence: 0 }])
    }
  })

  it('reads nothing when OCR is turned off, and says the page needs it', async () => {
    const result = await extract('ocr/english-report.png', { ocr: 'never' })
    expect(result.text).toBe('')
    expect(result.method).toBe('none')
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'PAGE_NO_TEXT', page: 1 })])
    expect(result.metadata).toMatchObject({ width: 1600, height: 284 })
  })

  it('keeps what it can read of a cut-off JPEG and says it is partial', async () => {
    const result = await extract('image/truncated-half.jpg', { mediaType: 'image/jpeg' })
    expect(result.text).toContain('Internal report on suspicious transfers')
    expect(result.warnings.map((warning) => warning.code)).toContain('TEXT_TRUNCATED')
  })

  it('stops at the text limit', async () => {
    const result = await extract('ocr/english-report.png', { maxTextChars: 20 })
    expect(result.text).toHaveLength(20)
    expect(result.warnings.map((warning) => warning.code)).toContain('TEXT_TRUNCATED')
  })

  it.each([
    ['ocr/damaged-header-only.png', 'auto'],
    ['image/damaged-200-bytes.jpg', 'auto'],
    ['image/damaged-200-bytes.jpg', 'never'],
  ] as const)('reports %s (OCR %s) as damaged', async (path, ocr) => {
    const error: unknown = await extract(path, { ocr }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DaleelError)
    expect(error).toMatchObject({ code: 'FILE_CORRUPT' })
  })

  it('reports a file that only starts like a TIFF as damaged', async () => {
    const bytes = new Uint8Array([0x49, 0x49, 42, 0, 0xff, 0xff, 0, 0, 1, 2, 3])
    await expect(
      new ImageExtractor().extract({
        bytes,
        name: 'broken.tif',
        mediaType: 'image/tiff',
        limits: defaultLimits,
      }),
    ).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })

  it('refuses an empty file', async () => {
    await expect(
      new ImageExtractor().extract({
        bytes: new Uint8Array(0),
        name: 'empty.png',
        mediaType: 'image/png',
        limits: defaultLimits,
      }),
    ).rejects.toMatchObject({ code: 'FILE_EMPTY' })
  })
})

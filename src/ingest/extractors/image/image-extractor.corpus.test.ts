/** Runs ImageExtractor over images of the shared open corpus (MANIFEST.tsv): multi-page and
 *  JPEG-compressed TIFFs, a bilevel LZW TIFF of an Arabic book page, WebP, and EXIF with GPS.
 *  Phrases are matched as the corpus README says. Skipped when the corpus is absent. */

import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, describe, expect, it } from 'vitest'

import { defaultLimits, type ExtractionResult } from '../../extractor.js'
import { tesseractRuntime } from '../ocr/index.js'
import { ImageExtractor } from './image-extractor.js'

const corpus =
  process.env.DALEEL_TEST_CORPUS ??
  fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url))
const available = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!available) console.warn(`Image corpus tests skipped: no corpus at ${corpus}`)

function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
}

function phraseOf(path: string): string {
  const row = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .find((columns) => columns[0] === path)
  return row?.[6] ?? ''
}

async function extract(path: string): Promise<ExtractionResult> {
  return new ImageExtractor().extract({
    bytes: new Uint8Array(await readFile(join(corpus, path))),
    name: path,
    mediaType: 'image/tiff',
    limits: defaultLimits,
  })
}

describe.skipIf(!available)(`ImageExtractor on the open corpus (${corpus})`, () => {
  afterAll(() => tesseractRuntime.stop())

  it('reads all ten JPEG-compressed pages of a multi-page TIFF', async () => {
    const path = 'ingest-file/multipage_tiff_example.tif'
    const result = await extract(path)
    expect(result.pages).toHaveLength(10)
    expect(result.metadata).toMatchObject({ pageCount: 10, width: 800, height: 600 })
    expect(result.pageInfo?.every((info) => info.method === 'ocr')).toBe(true)
    expect(normalizeForMatch(result.text)).toContain(phraseOf(path))
    expect(result.text).toContain('Page 10')
  })

  it.each(['ingest-file/regression_tiff.tiff', 'ingest-file/regression_webp.webp'])(
    'finds the phrase of %s',
    async (path) => {
      expect(normalizeForMatch((await extract(path)).text)).toContain(phraseOf(path))
    },
  )

  it('reads an Arabic book page stored as a bilevel LZW TIFF', async () => {
    const result = await extract('ocr-arabic/pages/Irshad_NH_000005.tif')
    expect(result.metadata).toMatchObject({ width: 3494, height: 4855 })
    expect(result.text).toContain('الناس كلهم')
  })

  it('reads the GPS position of a photograph', async () => {
    const result = await extract('tika/testJPEG_GEO.jpg')
    expect(result.metadata).toMatchObject({
      cameraModel: 'Canon EOS 40D',
      gpsLatitude: 12.54321,
      gpsLongitude: -54.1234,
    })
  })
})

/** Runs OCR over real scans of the shared open corpus (MANIFEST.tsv): Arabic line images with
 *  their source's ground truth, Arabic book pages and English images, each checked for its
 *  expected phrase, matched as the corpus README says. Skipped when the corpus is absent. The
 *  full measurement (all 40 line images, speed) is `bench/ocr.bench.ts`. */

import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, describe, expect, it } from 'vitest'

import { decodeImage } from './decode-image.js'
import { turnGray } from './gray-image.js'
import { recognizePage } from './recognize.js'
import { tesseractRuntime } from './tesseract-runtime.js'

const corpus =
  process.env.DALEEL_TEST_CORPUS ??
  fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url))
const available = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!available) console.warn(`OCR corpus tests skipped: no corpus at ${corpus}`)

/** The corpus README's matching rule, plus tashkeel removed (vocalised scanned pages). */
function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/[\u064b-\u065f\u0670\u0640]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** Edit distance from the phrase to the closest stretch of the text. */
function phraseDistance(phrase: string, text: string): number {
  const a = [...phrase]
  const b = [...text]
  let previous = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return Math.min(...previous)
}

function phraseOf(path: string): string {
  const row = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .find((columns) => columns[0] === path)
  return row?.[6] ?? ''
}

async function read(path: string): Promise<string> {
  const page = await recognizePage(new Uint8Array(await readFile(join(corpus, path))))
  return normalizeForMatch(page.text)
}

// Ten classical line images (OpenArabic OCR_GS_Data) whose phrases come from the source's
// double-checked transcription.
const LINES = [
  'ocr-arabic/book_IbnAthir.Kamil/000039.png',
  'ocr-arabic/book_IbnAthir.Kamil/000075.png',
  'ocr-arabic/book_IbnAthir.Kamil/000332.png',
  'ocr-arabic/book_IbnAthir.Kamil/000520.png',
  'ocr-arabic/book_IbnQutayba.Adab/000301.png',
  'ocr-arabic/book_IbnQutayba.Adab/000547.png',
  'ocr-arabic/book_Jahiz.Hayawan/000060.png',
  'ocr-arabic/book_Jahiz.Hayawan/000230.png',
  'ocr-arabic/book_Jahiz.Hayawan/000430.png',
  'ocr-arabic/book_Jahiz.Hayawan/000852.png',
]

describe.skipIf(!available)(`recognizePage on the open corpus (${corpus})`, () => {
  afterAll(() => tesseractRuntime.stop())

  it('reads classical Arabic line images within 15 % of the phrase characters', async () => {
    let errors = 0
    let characters = 0
    for (const path of LINES) {
      const phrase = normalizeForMatch(phraseOf(path))
      errors += phraseDistance(phrase, await read(path))
      characters += [...phrase].length
    }
    expect(errors / characters).toBeLessThan(0.15)
  })

  it('reads an Arabic line with the Arabic model alone, not into stray Latin letters', async () => {
    const path = 'ocr-arabic/book_IbnAthir.Kamil/000050.png'
    const text = await read(path)
    expect(text).not.toMatch(/\p{Script=Latin}/u)
    expect(text).toContain(normalizeForMatch(phraseOf(path)))
  })

  it('finds the phrase of a vocalised Arabic book page', async () => {
    const path = 'ocr-arabic/pages/0774IbnKathir.Bidaya-166.png'
    expect(await read(path)).toContain(normalizeForMatch(phraseOf(path)))
  })

  it.each(['tika/testOCR.png', 'tika/testOCR.jpg', 'ingest-file/regression_gif.gif'])(
    'finds the phrase of the English image %s',
    async (path) => {
      expect(await read(path)).toContain(normalizeForMatch(phraseOf(path)))
    },
  )

  it('reads a real scan turned on its side', async () => {
    const path = 'tika/testOCR.png'
    const { gray } = await decodeImage(new Uint8Array(await readFile(join(corpus, path))))
    const page = await recognizePage(turnGray(gray, 1))
    expect(page.rotation).toBe(270)
    expect(normalizeForMatch(page.text)).toContain(normalizeForMatch(phraseOf(path)))
  })

  it('reads a page rotated by 10 degrees', async () => {
    expect(await read('tika/testRotated-10.png')).toContain(
      'Its had resolving otherwise she contented therefore.',
    )
  })
})

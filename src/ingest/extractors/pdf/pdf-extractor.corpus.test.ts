/** Runs PdfExtractor over the PDFs of the shared open corpus (MANIFEST.tsv) and looks for each
 *  file's expected phrase, matched as the corpus README says. Skipped when the corpus is absent. */

import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { DaleelError } from '../../../domain/index.js'
import { defaultLimits } from '../../extractor.js'
import { PdfExtractor } from './pdf-extractor.js'

const corpus =
  process.env.DALEEL_TEST_CORPUS ??
  fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url))
const manifest = join(corpus, 'MANIFEST.tsv')
const available = existsSync(manifest)

interface CorpusPdf {
  readonly path: string
  readonly languages: readonly string[]
  readonly note: string
  readonly phrase: string
}

function readManifest(): CorpusPdf[] {
  return readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((columns) => columns[1] === 'pdf')
    .map(([path = '', , languages = '', , , note = '', phrase = '']) => ({
      path,
      languages: languages.split(',').filter(Boolean),
      note,
      phrase,
    }))
}

/** The corpus README's matching rule: NFKC, no bidi controls, ZWSP, BOM or soft hyphen, one space. */
function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
}

// The text layer only: scans are read by OCR in pdf-extractor.ocr.test.ts.
async function extractCorpusFile(path: string): ReturnType<PdfExtractor['extract']> {
  const bytes = new Uint8Array(await readFile(join(corpus, path)))
  return new PdfExtractor().extract({
    bytes,
    name: path,
    mediaType: 'application/pdf',
    limits: defaultLimits,
    ocr: 'never',
  })
}

const pdfs = available ? readManifest() : []
const rightToLeft = pdfs.filter((pdf) =>
  pdf.languages.some((lang) => lang === 'ar' || lang === 'he'),
)
// A note naming the password means the file needs one; files with only an owner password open.
const passworded = pdfs.filter((pdf) => /password: '/u.test(pdf.note))
const needsOcr = (pdf: CorpusPdf): boolean => /scanned|needs OCR/u.test(pdf.note)

describe.skipIf(!available)(`PdfExtractor on the open corpus (${corpus})`, () => {
  it.each(rightToLeft.map((pdf) => [pdf.path, pdf] as const))(
    'finds the expected phrase of the Arabic or Hebrew PDF %s',
    async (_path, pdf) => {
      const { text } = await extractCorpusFile(pdf.path)
      expect(normalizeForMatch(text)).toContain(normalizeForMatch(pdf.phrase))
    },
  )

  it.each(passworded.map((pdf) => [pdf.path, pdf] as const))(
    'reports %s as encrypted',
    async (_path, pdf) => {
      await expect(extractCorpusFile(pdf.path)).rejects.toMatchObject({ code: 'FILE_ENCRYPTED' })
    },
  )

  it('reads every other PDF without crashing and finds nine in ten of their phrases', async () => {
    const others = pdfs.filter((pdf) => !rightToLeft.includes(pdf) && !passworded.includes(pdf))
    const missed: string[] = []
    let checked = 0
    for (const pdf of others) {
      const outcome = await extractCorpusFile(pdf.path).catch((error: unknown) => error)
      if (!(outcome instanceof DaleelError) && outcome instanceof Error) throw outcome
      if (pdf.phrase === '' || needsOcr(pdf)) continue
      checked++
      const text = outcome instanceof DaleelError ? '' : (outcome as { text: string }).text
      if (!normalizeForMatch(text).includes(normalizeForMatch(pdf.phrase))) missed.push(pdf.path)
    }
    // The misses are pdftotext's reading order (the phrases were taken from its output): text
    // outside the crop box, table columns, two overlapping copies of a line.
    expect(missed.length / checked, `missed: ${missed.join(', ')}`).toBeLessThanOrEqual(0.1)
  }, 180_000)
})

if (!available) {
  console.warn(
    `PdfExtractor corpus tests did not run: no corpus at ${corpus} (set DALEEL_TEST_CORPUS)`,
  )
}

/** Measures PdfExtractor against pdftotext (poppler) on the shared corpus and writes the
 *  results into docs/pdf-text.md. Run from the repository root (needs `pdftotext` on PATH):
 *
 *    npx tsc --outDir .tmp/measure-pdf --rootDir . --module nodenext --moduleResolution nodenext \
 *      --target es2022 --types node --esModuleInterop --skipLibCheck scripts/measure-pdf-text.ts \
 *      && node .tmp/measure-pdf/scripts/measure-pdf-text.js --write && npx prettier --write docs/pdf-text.md
 *
 *  Options: `--corpus DIR` (default ../shared/corpus or $DALEEL_TEST_CORPUS), `--write` to update
 *  the block between the markers in docs/pdf-text.md (otherwise the report goes to stdout only).
 *
 *  Files: every corpus PDF whose languages include ar or he, every one with en (the 500-page
 *  file among them is also timed alone) and the two Arabic/Hebrew fixtures of
 *  test/fixtures/pdf, whose HTML sources give the exact text. Metrics:
 *  1. expected phrases found, matched as the corpus README says;
 *  2. similarity of our text to pdftotext's: bag-of-words F1 over all words and over Arabic and
 *     Hebrew words, and 1 − normalised Levenshtein distance on whitespace-collapsed text;
 *  3. lam-alef artefacts (defined at `countLamAlefArtefacts`);
 *  4. time per page, in-process for ours, one pdftotext process per file for poppler. */

import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'

import { defaultLimits } from '../src/ingest/extractor.js'
import { PdfExtractor } from '../src/ingest/extractors/pdf/pdf-extractor.js'

const run = promisify(execFile)

interface Options {
  readonly corpus: string
  readonly write: boolean
}

interface Sample {
  readonly path: string
  readonly file: string
  readonly group: 'ar/he' | 'en' | 'fixture' | 'speed'
  readonly phrase: string
  /** A scan: its phrase came from OCR and no text layer can hold it. */
  readonly needsOcr: boolean
  /** The exact text the file was made from, when known (fixtures). */
  readonly source: string | null
}

interface Reading {
  readonly text: string
  readonly seconds: number
  readonly pages: number
  readonly failed: string | null
}

interface Row {
  readonly sample: Sample
  readonly ours: Reading
  readonly poppler: Reading
}

const BIG_FILE = 'ingest-file/500 pages.pdf'

const FIXTURE_PHRASE =
  'بلغت قيمة التحويلات 250000 دولار في تقرير Daleel لعام 2023، ولا يزال الأمل قائما في الإمارات الآن.'

/** The fixtures and the HTML each was printed from: the exact text, to score both extractors. */
const FIXTURES: Record<string, string> = {
  'chromium-arabic-hebrew.pdf': 'source/bidi-sample.html',
  'libreoffice-arabic-hebrew.pdf': 'source/bidi-sample-libreoffice.html',
}

function parseOptions(argv: readonly string[]): Options {
  const at = argv.indexOf('--corpus')
  const corpus =
    (at >= 0 ? argv[at + 1] : undefined) ?? process.env.DALEEL_TEST_CORPUS ?? '../shared/corpus'
  return { corpus, write: argv.includes('--write') }
}

async function listSamples(corpus: string): Promise<Sample[]> {
  const manifest = await readFile(join(corpus, 'MANIFEST.tsv'), 'utf8')
  const samples: Sample[] = []
  for (const line of manifest.split('\n').slice(1)) {
    const [path = '', format = '', languages = '', , , note = '', phrase = ''] = line.split('\t')
    if (format !== 'pdf') continue
    const langs = languages.split(',')
    const group =
      langs.includes('ar') || langs.includes('he') ? 'ar/he' : langs.includes('en') ? 'en' : null
    const needsOcr = /scanned|needs OCR/u.test(note)
    const file = join(corpus, path)
    if (group) samples.push({ path, file, group, phrase, needsOcr, source: null })
    else if (path === BIG_FILE) {
      samples.push({ path, file, group: 'speed', phrase: '', needsOcr, source: null })
    }
  }
  for (const [name, html] of Object.entries(FIXTURES)) {
    const path = `test/fixtures/pdf/${name}`
    const source = htmlText(await readFile(`test/fixtures/pdf/${html}`, 'utf8'))
    samples.push({
      path,
      file: path,
      group: 'fixture',
      phrase: FIXTURE_PHRASE,
      needsOcr: false,
      source,
    })
  }
  return samples
}

// The fixtures' HTML is simple: the body's text is what the PDF shows.
function htmlText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/u, ' ')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&nbsp;/gu, ' ')
}

async function readOurs(extractor: PdfExtractor, file: string): Promise<Reading> {
  const bytes = new Uint8Array(await readFile(file))
  const start = performance.now()
  try {
    const result = await extractor.extract({
      bytes,
      name: file,
      mediaType: 'application/pdf',
      limits: defaultLimits,
    })
    const seconds = (performance.now() - start) / 1000
    return { text: result.text, seconds, pages: result.pages?.length ?? 0, failed: null }
  } catch (error) {
    const seconds = (performance.now() - start) / 1000
    const code = (error as { code?: string }).code ?? String(error)
    return { text: '', seconds, pages: 0, failed: code }
  }
}

async function readPoppler(file: string, pages: number): Promise<Reading> {
  const start = performance.now()
  try {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], {
      maxBuffer: 256 * 1024 ** 2,
      encoding: 'utf8',
    })
    const seconds = (performance.now() - start) / 1000
    // pdftotext wraps every bidi run in U+202A–U+202E.
    return { text: stdout.replace(/[\u202a-\u202e]/gu, ''), seconds, pages, failed: null }
  } catch (error) {
    const seconds = (performance.now() - start) / 1000
    return {
      text: '',
      seconds,
      pages,
      failed: String((error as Error).message).split('\n')[0] ?? 'error',
    }
  }
}

/** The corpus README's matching rule: NFKC, no bidi controls, ZWSP, BOM or soft hyphen, one space. */
function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu
const RTL_WORD = /^[\p{Script=Arabic}\p{Script=Hebrew}\p{M}]+$/u

function words(text: string): string[] {
  return normalizeForMatch(text).match(WORD) ?? []
}

/** F1 of two bags of words: how many words they share, counted with multiplicity. */
function bagF1(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 && b.length === 0) return null
  const counts = new Map<string, number>()
  for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1)
  let shared = 0
  for (const word of b) {
    const left = counts.get(word) ?? 0
    if (left > 0) {
      shared++
      counts.set(word, left - 1)
    }
  }
  return (2 * shared) / (a.length + b.length)
}

/** Word F1 over Arabic and Hebrew words only; null when neither text has 20 such words. */
function rtlWordF1(a: string, b: string): number | null {
  const x = words(a).filter((word) => RTL_WORD.test(word))
  const y = words(b).filter((word) => RTL_WORD.test(word))
  return Math.max(x.length, y.length) < 20 ? null : bagF1(x, y)
}

/** 1 − Levenshtein distance / longer length, on whitespace-collapsed text; null if too large. */
function charSimilarity(a: string, b: string): number | null {
  const x = normalizeForMatch(a).trim()
  const y = normalizeForMatch(b).trim()
  if (x.length === 0 && y.length === 0) return null
  if (x.length * y.length > 4e8) return null
  let previous = new Uint32Array(y.length + 1).map((_, j) => j)
  let current = new Uint32Array(y.length + 1)
  for (let i = 1; i <= x.length; i++) {
    current[0] = i
    for (let j = 1; j <= y.length; j++) {
      const cost = x.charCodeAt(i - 1) === y.charCodeAt(j - 1) ? 0 : 1
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      )
    }
    ;[previous, current] = [current, previous]
  }
  return 1 - (previous[y.length] ?? 0) / Math.max(x.length, y.length)
}

const ARABIC_TOKEN = /[\u0621-\u064a]+/gu
const TASHKEEL = /[\u0640\u064b-\u065f\u0670]/gu

function arabicTokens(text: string): string[] {
  return text.normalize('NFKC').replace(TASHKEEL, '').match(ARABIC_TOKEN) ?? []
}

/** Arabic words of the ANT news articles in the corpus: a lexicon of real, logical-order words. */
async function loadLexicon(corpus: string): Promise<Set<string>> {
  const root = join(corpus, 'arabic-news', 'ant')
  const lexicon = new Set<string>()
  if (!existsSync(root)) return lexicon
  for (const folder of await readdir(root)) {
    for (const name of await readdir(join(root, folder))) {
      if (!name.endsWith('.txt')) continue
      for (const token of arabicTokens(await readFile(join(root, folder, name), 'utf8'))) {
        lexicon.add(token)
      }
    }
  }
  return lexicon
}

interface Artefacts {
  /** Tokens not in the lexicon that become lexicon words when one “alef + lam” becomes
   *  “lam + alef” (alef: ا أ إ آ): the lam-alef ligature came out reversed (التحويالت, ألنه). */
  readonly reversed: number
  /** The opposite: one “lam + alef” turned into “alef + lam” makes a lexicon word. */
  readonly overCorrected: number
  /** Occurrences of alef followed by hamza-alef and lam (األمل), which no Arabic word has. */
  readonly doubleAlef: number
}

const ALEFS = 'اأإآ'

function swapVariants(token: string, from: 'alef-lam' | 'lam-alef'): string[] {
  const variants: string[] = []
  for (let i = 0; i + 1 < token.length; i++) {
    const a = token[i] ?? ''
    const b = token[i + 1] ?? ''
    const match =
      from === 'alef-lam' ? ALEFS.includes(a) && b === 'ل' : a === 'ل' && ALEFS.includes(b)
    if (match) variants.push(token.slice(0, i) + b + a + token.slice(i + 2))
  }
  return variants
}

function countLamAlefArtefacts(text: string, lexicon: ReadonlySet<string>): Artefacts {
  let reversed = 0
  let overCorrected = 0
  for (const token of arabicTokens(text)) {
    if (lexicon.has(token)) continue
    if (swapVariants(token, 'alef-lam').some((variant) => lexicon.has(variant))) reversed++
    else if (swapVariants(token, 'lam-alef').some((variant) => lexicon.has(variant)))
      overCorrected++
  }
  const doubleAlef = (text.normalize('NFKC').match(/ا[أإآ]ل/gu) ?? []).length
  return { reversed, overCorrected, doubleAlef }
}

function format(value: number | null, digits = 3): string {
  return value === null || Number.isNaN(value) ? '–' : value.toFixed(digits)
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null)
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length
}

function report(rows: readonly Row[], lexicon: ReadonlySet<string>, command: string): string {
  const lines: string[] = []
  const stamp = new Date().toISOString().slice(0, 10)
  lines.push(`Measured ${stamp} by \`scripts/measure-pdf-text.ts\` (${command}).`)
  lines.push(
    `Lexicon for lam-alef artefacts: ${lexicon.size} Arabic word forms from the corpus's ANT articles.`,
    '',
  )
  lines.push(
    '| Group | Files | Phrases found: ours | pdftotext | Word F1 ours↔pdftotext (all) | (ar/he words) | Char similarity | Reversed lam-alef: ours | pdftotext | Over-corrected: ours | pdftotext | األ/اإل/اآل: ours | pdftotext |',
  )
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const group of ['ar/he', 'fixture', 'en'] as const) {
    const selected = rows.filter((row) => row.sample.group === group)
    if (selected.length === 0) continue
    const withPhrase = selected.filter((row) => row.sample.phrase !== '' && !row.sample.needsOcr)
    const found = (pick: (row: Row) => Reading): number =>
      withPhrase.filter((row) =>
        normalizeForMatch(pick(row).text).includes(normalizeForMatch(row.sample.phrase)),
      ).length
    const both = selected.filter((row) => !row.ours.failed && !row.poppler.failed)
    const f1 = mean(both.map((row) => bagF1(words(row.ours.text), words(row.poppler.text))))
    const rtlF1 = mean(both.map((row) => rtlWordF1(row.ours.text, row.poppler.text)))
    const chars = mean(both.map((row) => charSimilarity(row.ours.text, row.poppler.text)))
    const artefacts = (pick: (row: Row) => Reading): Artefacts =>
      selected
        .map((row) => countLamAlefArtefacts(pick(row).text, lexicon))
        .reduce(
          (sum, next) => ({
            reversed: sum.reversed + next.reversed,
            overCorrected: sum.overCorrected + next.overCorrected,
            doubleAlef: sum.doubleAlef + next.doubleAlef,
          }),
          { reversed: 0, overCorrected: 0, doubleAlef: 0 },
        )
    const ours = artefacts((row) => row.ours)
    const poppler = artefacts((row) => row.poppler)
    lines.push(
      `| ${group} | ${selected.length} | ${found((row) => row.ours)}/${withPhrase.length} | ${found((row) => row.poppler)}/${withPhrase.length} | ${format(f1)} | ${format(rtlF1)} | ${format(chars)} | ${ours.reversed} | ${poppler.reversed} | ${ours.overCorrected} | ${poppler.overCorrected} | ${ours.doubleAlef} | ${poppler.doubleAlef} |`,
    )
  }
  const scored = rows.filter((row) => row.sample.source !== null)
  if (scored.length > 0) {
    const against = (pick: (row: Row) => Reading): string =>
      format(
        mean(scored.map((row) => bagF1(words(pick(row).text), words(row.sample.source ?? '')))),
      )
    lines.push('')
    lines.push(
      `Against the exact source text of the ${scored.length} fixtures (word F1, all words): ours ${against((row) => row.ours)}, pdftotext ${against((row) => row.poppler)}.`,
    )
  }
  const timed = rows.filter((row) => !row.ours.failed && !row.poppler.failed && row.ours.pages > 0)
  const pages = timed.reduce((sum, row) => sum + row.ours.pages, 0)
  const ourSeconds = timed.reduce((sum, row) => sum + row.ours.seconds, 0)
  const popplerSeconds = timed.reduce((sum, row) => sum + row.poppler.seconds, 0)
  const big = timed.find((row) => row.sample.path === BIG_FILE)
  lines.push('')
  lines.push(
    `Speed over ${timed.length} files, ${pages} pages: ours ${format(pages / ourSeconds, 1)} pages/s (${format((1000 * ourSeconds) / pages, 1)} ms/page), pdftotext ${format(pages / popplerSeconds, 1)} pages/s (${format((1000 * popplerSeconds) / pages, 1)} ms/page, one process per file); ours takes ${format(ourSeconds / popplerSeconds, 2)}× pdftotext's time.`,
  )
  if (big) {
    lines.push(
      `On \`${big.sample.path}\` alone (${big.ours.pages} short pages): ours ${format(big.ours.seconds, 2)} s, pdftotext ${format(big.poppler.seconds, 2)} s (${format(big.ours.seconds / big.poppler.seconds, 2)}×).`,
    )
  }
  lines.push('', '<details><summary>Per file (Arabic/Hebrew and fixtures)</summary>', '')
  lines.push(
    '| File | Pages | Phrase: ours | pdftotext | Word F1 (ar/he) | Reversed lam-alef: ours | pdftotext | ms: ours | pdftotext |',
  )
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const row of rows.filter(
    (r) => r.sample.group === 'ar/he' || r.sample.group === 'fixture',
  )) {
    const hit = (reading: Reading): string =>
      row.sample.phrase === '' || row.sample.needsOcr
        ? '–'
        : normalizeForMatch(reading.text).includes(normalizeForMatch(row.sample.phrase))
          ? 'yes'
          : 'no'
    const rtl = rtlWordF1(row.ours.text, row.poppler.text)
    lines.push(
      `| \`${row.sample.path}\` | ${row.ours.pages} | ${hit(row.ours)} | ${hit(row.poppler)} | ${format(rtl)} | ${countLamAlefArtefacts(row.ours.text, lexicon).reversed} | ${countLamAlefArtefacts(row.poppler.text, lexicon).reversed} | ${format(row.ours.seconds * 1000, 0)} | ${format(row.poppler.seconds * 1000, 0)} |`,
    )
  }
  lines.push('', '</details>')
  return lines.join('\n')
}

const START = '<!-- measure-pdf-text:start -->'
const END = '<!-- measure-pdf-text:end -->'

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (!existsSync(join(options.corpus, 'MANIFEST.tsv'))) {
    throw new Error(`No corpus at ${options.corpus}; pass --corpus DIR.`)
  }
  const samples = await listSamples(options.corpus)
  const lexicon = await loadLexicon(options.corpus)
  const extractor = new PdfExtractor()
  // The first extraction loads pdf.js; keep that out of the per-page times.
  await readOurs(extractor, 'test/fixtures/pdf/libreoffice-arabic-hebrew.pdf')
  const rows: Row[] = []
  for (const sample of samples) {
    const ours = await readOurs(extractor, sample.file)
    const poppler = await readPoppler(sample.file, ours.pages)
    rows.push({ sample, ours, poppler })
    process.stderr.write(`${sample.path}: ${ours.failed ?? 'ok'} / ${poppler.failed ?? 'ok'}\n`)
  }
  const text = report(
    rows,
    lexicon,
    'Node ' + process.version + ', pdfjs-dist 5.6.205, ' + (await popplerVersion()),
  )
  process.stdout.write(`${text}\n`)
  if (options.write) {
    const docPath = 'docs/pdf-text.md'
    const doc = await readFile(docPath, 'utf8')
    const start = doc.indexOf(START)
    const end = doc.indexOf(END)
    if (start < 0 || end < start) throw new Error(`${docPath} has no ${START} … ${END} block.`)
    await writeFile(docPath, `${doc.slice(0, start + START.length)}\n${text}\n${doc.slice(end)}`)
  }
}

async function popplerVersion(): Promise<string> {
  const { stderr } = await run('pdftotext', ['-v'], { encoding: 'utf8' }).catch(
    (error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }),
  )
  return stderr.split('\n')[0]?.trim() ?? 'pdftotext'
}

await main()

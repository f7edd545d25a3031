/** OCR speed and accuracy. The bench group times one A4 page read by `recognizePage` against
 *  the native tesseract CLI (Debian `tesseract-ocr`, run with OMP_THREAD_LIMIT=1) on the same
 *  page; the CLI group is skipped when it is not installed. With DALEEL_OCR_REPORT=1 the file
 *  also prints the full measurement of docs/ocr.md as Markdown: character error rate against
 *  ground truth, phrases found in real scans, pages/s against the CLI, memory.
 *
 *    DALEEL_OCR_REPORT=1 npx vitest bench --run bench/ocr.bench.ts
 *
 *  Real scans come from the shared corpus (../shared/corpus); without it the report covers the
 *  synthetic pages only. */

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'

import { createCanvas, type Canvas } from '@napi-rs/canvas'
import { bench, describe } from 'vitest'

import { defaultLimits } from '../src/ingest/extractor.js'
import { ImageExtractor } from '../src/ingest/extractors/image/image-extractor.js'
import {
  grayFromRgba,
  recognizePage,
  tesseractRuntime,
  type GrayImage,
  type OcrLanguage,
} from '../src/ingest/extractors/ocr/index.js'
import { languageFiles } from '../src/ingest/extractors/ocr/tesseract-runtime.js'
import { PdfExtractor } from '../src/ingest/extractors/pdf/pdf-extractor.js'

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url))
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
const fixtures = fileURLToPath(new URL('../test/fixtures/ocr/source/', import.meta.url))
const nativeVersion = spawnSync('tesseract', ['--version'], { encoding: 'utf8' })
const hasNative = nativeVersion.status === 0
const work = join(tmpdir(), `daleel-ocr-bench-${process.pid}`)
mkdirSync(work, { recursive: true })

// ---- pages ---------------------------------------------------------------------------------

type Script = 'ar' | 'he' | 'en'
const FONTS: Readonly<Record<Script, string>> = {
  ar: '"Noto Naskh Arabic"',
  he: '"Noto Serif Hebrew"',
  en: '"Liberation Serif"',
}

interface Page {
  readonly name: string
  readonly script: Script
  readonly png: Uint8Array
  /** The lines as drawn: the ground truth. */
  readonly truth: string
}

/** Draws paragraphs on an A4 page at 300 dpi in 12 pt type, wrapping lines like a word processor. */
function renderPage(name: string, script: Script, paragraphs: readonly string[]): Page {
  const width = 2481
  const height = 3508
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, height)
  context.fillStyle = '#000000'
  const size = 50
  context.font = `${size}px ${FONTS[script]}`
  const rtl = script !== 'en'
  context.direction = rtl ? 'rtl' : 'ltr'
  context.textAlign = rtl ? 'right' : 'left'
  const margin = 300
  const lines: string[] = []
  let y = margin + size
  for (const paragraph of paragraphs) {
    let line = ''
    const flush = (): void => {
      if (line === '') return
      context.fillText(line, rtl ? width - margin : margin, y)
      lines.push(line)
      y += size * 1.6
      line = ''
    }
    for (const word of paragraph.split(/\s+/u).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`
      if (context.measureText(candidate).width > width - 2 * margin && line !== '') {
        flush()
        line = word
      } else line = candidate
    }
    flush()
    y += size * 0.6
    if (y > height - margin) break
  }
  return { name, script, png: canvas.toBuffer('image/png'), truth: lines.join('\n') }
}

/** The same page as a worn scan: 200 dpi, 1.2° skew, blur, paper tint, noise, JPEG quality 60. */
async function scanLike(page: Page): Promise<Page> {
  const { loadImage } = await import('@napi-rs/canvas')
  const image = await loadImage(Buffer.from(page.png))
  const scale = 200 / 300
  const canvas: Canvas = createCanvas(
    Math.round(image.width * scale),
    Math.round(image.height * scale),
  )
  const context = canvas.getContext('2d')
  context.fillStyle = '#f4f1ea'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.translate(canvas.width / 2, canvas.height / 2)
  context.rotate((1.2 * Math.PI) / 180)
  context.translate(-canvas.width / 2, -canvas.height / 2)
  context.filter = 'blur(0.6px)'
  context.globalCompositeOperation = 'multiply'
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  context.setTransform(1, 0, 0, 1, 0, 0)
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height)
  let seed = 7
  for (let i = 0; i < pixels.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    const noise = (seed % 41) - 20
    for (let k = 0; k < 3; k++) {
      pixels.data[i + k] = Math.max(0, Math.min(255, pixels.data[i + k]! + noise))
    }
  }
  context.putImageData(pixels, 0, 0)
  return { ...page, name: `${page.name} (scan-like)`, png: canvas.toBuffer('image/jpeg', 60) }
}

function antArticles(count: number): string[][] {
  const folder = join(corpus, 'arabic-news/ant')
  const texts = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(folder, entry.name)).map((name) => join(folder, entry.name, name)),
    )
    .sort()
    .map((path) => /<TEXT>([\s\S]*?)<\/TEXT>/u.exec(readFileSync(path, 'utf8'))?.[1]?.trim() ?? '')
    .filter((text) => text.length > 1500)
  const picked = [texts[0], texts[Math.floor(texts.length / 2)], texts.at(-1)]
  return picked.slice(0, count).map((text) => (text ?? '').slice(0, 1400).split(/\n+/u))
}

function ynetArticles(count: number): string[][] {
  const folder = join(corpus, 'hebrew-diacritized/modern/ynet')
  return readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .slice(0, count)
    .map((name) =>
      readFileSync(join(folder, name), 'utf8')
        // The corpus is vocalised; printed Hebrew is not. Niqqud and cantillation go, maqaf
        // becomes a hyphen.
        .replace(/[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]/gu, '')
        .replace(/\u05be/gu, '-')
        .normalize('NFC')
        .slice(0, 1400)
        .split(/\n+/u),
    )
}

async function englishPages(): Promise<string[][]> {
  const result = await new PdfExtractor().extract({
    bytes: new Uint8Array(readFileSync(join(corpus, 'pdfjs/tracemonkey_a11y.pdf'))),
    name: 'tracemonkey_a11y.pdf',
    mediaType: 'application/pdf',
    limits: defaultLimits,
    ocr: 'never',
  })
  const body = result.text
    .slice(result.text.indexOf('Dynamic languages such'))
    .replace(/\s+/gu, ' ')
  return [[body.slice(0, 1400)], [body.slice(1400, 2800)]]
}

interface FixtureTexts {
  readonly arabic: string[]
  readonly hebrew: string[]
  readonly english: string[]
  readonly mixedMemo: Record<Script, string[]>
  readonly bidiStress: Record<'ar' | 'he', string[]>
}
const fixtureTexts = JSON.parse(readFileSync(join(fixtures, 'texts.json'), 'utf8')) as FixtureTexts

async function syntheticPages(): Promise<Page[]> {
  const pages: Page[] = []
  if (hasCorpus) {
    antArticles(3).forEach((text, index) =>
      pages.push(renderPage(`Arabic news ${index + 1}`, 'ar', text)),
    )
    ynetArticles(3).forEach((text, index) =>
      pages.push(renderPage(`Hebrew news ${index + 1}`, 'he', text)),
    )
    ;(await englishPages()).forEach((text, index) =>
      pages.push(renderPage(`English paper ${index + 1}`, 'en', text)),
    )
  } else {
    pages.push(renderPage('Arabic report', 'ar', fixtureTexts.arabic))
    pages.push(renderPage('Hebrew report', 'he', fixtureTexts.hebrew))
    pages.push(renderPage('English report', 'en', fixtureTexts.english))
  }
  for (const script of ['ar', 'he', 'en'] as const) {
    pages.push(renderPage(`mixed memo ${script}`, script, fixtureTexts.mixedMemo[script]))
  }
  pages.push(renderPage('bidi stress ar', 'ar', fixtureTexts.bidiStress.ar))
  pages.push(renderPage('bidi stress he', 'he', fixtureTexts.bidiStress.he))
  return pages
}

// ---- measures ------------------------------------------------------------------------------

/** The corpus README's matching rule plus tashkeel and tatweel removed. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/[\u064b-\u065f\u0670\u0640]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
}

function editDistance(a: string, b: string, semiGlobal = false): number {
  const x = [...a]
  const y = [...b]
  let previous = Array.from({ length: y.length + 1 }, (_, j) => (semiGlobal ? 0 : j))
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return semiGlobal ? Math.min(...previous) : previous[y.length]!
}

const percent = (errors: number, total: number): string =>
  total === 0 ? '–' : `${((100 * errors) / total).toFixed(1)} %`

function nativeOcr(path: string, languages: string, psm = '3', tessdata?: string): string {
  const args = [path, 'stdout', '-l', languages, '--psm', psm]
  if (tessdata) args.push('--tessdata-dir', tessdata)
  const result = spawnSync('tesseract', args, {
    encoding: 'utf8',
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
  })
  return result.stdout
}

/** The npm models gunzipped, so the CLI can run the very same models. */
function npmTessdata(): string {
  const dir = join(work, 'tessdata')
  mkdirSync(dir, { recursive: true })
  for (const { language, path } of languageFiles()) {
    writeFileSync(join(dir, `${language}.traineddata`), gunzipSync(readFileSync(path)))
  }
  return dir
}

function manifest(): string[][] {
  return readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
}

async function report(): Promise<string> {
  const out: string[] = []
  const rss = (): number => Math.round(process.memoryUsage().rss / 1e6)
  const before = rss()
  await tesseractRuntime.stop()
  const startedAt = performance.now()
  await recognizePage(renderPage('warm-up', 'en', ['Warm up the engine.']).png)
  const startMs = Math.round(performance.now() - startedAt)
  const afterStart = rss()
  const tessdata = hasNative ? npmTessdata() : undefined
  let peak = afterStart

  // Synthetic pages: exact ground truth.
  out.push('### Synthetic pages (exact ground truth)', '')
  out.push(
    '| Page | Models chosen | CER ours | s/page ours | CER CLI, same models (npm) | s/page CLI | CER CLI (Debian models) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  )
  let oursSeconds = 0
  let nativeSeconds = 0
  let pageCount = 0
  const clean = await syntheticPages()
  const all = [...clean, ...(await Promise.all(clean.map(scanLike)))]
  const totals = new Map<string, { errors: number; chars: number; native: number }>()
  for (const page of all) {
    const truth = normalize(page.truth)
    let started = performance.now()
    const result = await recognizePage(page.png)
    const ours = (performance.now() - started) / 1000
    peak = Math.max(peak, rss())
    const errors = editDistance(normalize(result.text), truth)
    let nativeCells = '– | – | –'
    if (hasNative) {
      const file = join(work, `page-${pageCount}.${page.name.includes('scan') ? 'jpg' : 'png'}`)
      writeFileSync(file, page.png)
      const models = result.languages.join('+')
      started = performance.now()
      const nativeText = nativeOcr(file, models, '3', tessdata)
      const native = (performance.now() - started) / 1000
      const debian = nativeOcr(file, models)
      oursSeconds += ours
      nativeSeconds += native
      const nativeErrors = editDistance(normalize(nativeText), truth)
      nativeCells = `${percent(nativeErrors, [...truth].length)} | ${native.toFixed(2)} | ${percent(editDistance(normalize(debian), truth), [...truth].length)}`
      const group = `${page.script}${page.name.includes('scan') ? ' scan-like' : ''}${page.name.startsWith('mixed') || page.name.startsWith('bidi') ? ' mixed' : ''}`
      const total = totals.get(group) ?? { errors: 0, chars: 0, native: 0 }
      total.errors += errors
      total.chars += [...truth].length
      total.native += nativeErrors
      totals.set(group, total)
    }
    pageCount++
    out.push(
      `| ${page.name} | ${result.languages.join('+')} | ${percent(errors, [...truth].length)} | ${ours.toFixed(2)} | ${nativeCells} |`,
    )
  }
  out.push('')
  if (hasNative) {
    out.push(
      `Speed over these ${pageCount} pages: ours ${(pageCount / oursSeconds).toFixed(2)} pages/s, ` +
        `CLI ${(pageCount / nativeSeconds).toFixed(2)} pages/s (same models, OMP_THREAD_LIMIT=1, one process per page); ` +
        `ours takes ${(oursSeconds / nativeSeconds).toFixed(2)}× the CLI's time.`,
      '',
    )
  }

  if (hasCorpus) {
    // Arabic line images: the source's transcriptions.
    const truthLines = new Map(
      readFileSync(join(fixtures, 'arabic-lines-ground-truth.tsv'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('\t') as [string, string]),
    )
    const lines = manifest().filter((row) => /^ocr-arabic\/book_/u.test(row[0] ?? ''))
    let errors = 0
    let chars = 0
    let phraseErrors = 0
    let phraseChars = 0
    let found = 0
    let phrases = 0
    let nativeErrors = 0
    let nativePhraseErrors = 0
    let nativeFound = 0
    let seconds = 0
    let nativeLineSeconds = 0
    for (const [path = '', , , , , , phrase = ''] of lines) {
      const file = join(corpus, path)
      const started = performance.now()
      const text = normalize((await recognizePage(new Uint8Array(readFileSync(file)))).text)
      seconds += (performance.now() - started) / 1000
      let nativeText = ''
      if (hasNative) {
        const nativeStarted = performance.now()
        nativeText = normalize(nativeOcr(file, 'ara', '7', tessdata))
        nativeLineSeconds += (performance.now() - nativeStarted) / 1000
      }
      const truth = truthLines.get(path)
      if (truth) {
        errors += editDistance(text, normalize(truth))
        nativeErrors += editDistance(nativeText, normalize(truth))
        chars += [...normalize(truth)].length
      }
      if (phrase) {
        const target = normalize(phrase)
        phrases++
        phraseErrors += editDistance(target, text, true)
        nativePhraseErrors += editDistance(target, nativeText, true)
        phraseChars += [...target].length
        if (text.includes(target)) found++
        if (nativeText.includes(target)) nativeFound++
      }
    }
    out.push('### Arabic line images (ocr-arabic/book_*, classical print)', '')
    out.push(
      '| Measure | Ours | CLI `-l ara --psm 7`, same models |',
      '| --- | --- | --- |',
      `| CER, ${truthLines.size} lines with full transcription | ${percent(errors, chars)} | ${hasNative ? percent(nativeErrors, chars) : '–'} |`,
      `| CER of the expected phrase (closest stretch), ${phrases} lines | ${percent(phraseErrors, phraseChars)} | ${hasNative ? percent(nativePhraseErrors, phraseChars) : '–'} |`,
      `| Phrases found exactly | ${found}/${phrases} | ${hasNative ? `${nativeFound}/${phrases}` : '–'} |`,
      `| Seconds per line | ${(seconds / lines.length).toFixed(2)} | ${hasNative ? (nativeLineSeconds / lines.length).toFixed(2) : '–'} |`,
      '',
    )

    // Real scans with an expected phrase.
    out.push(
      '### Real scans of the corpus (expected phrase)',
      '',
      '| File | Pages | Seconds | Phrase found |',
      '| --- | --- | --- | --- |',
    )
    const scans = manifest().filter(
      ([path = '', format = '', , , , note = '', phrase = '']) =>
        phrase !== '' &&
        (/needs OCR|scanned/u.test(note) || /^tika\/testOCR/u.test(path)) &&
        !/^ocr-arabic\/book_/u.test(path) &&
        /png|jpe?g|gif|webp|tiff?|image|pdf/u.test(format),
    )
    for (const [path = '', format = '', , , , , phrase = ''] of scans) {
      const bytes = new Uint8Array(readFileSync(join(corpus, path)))
      const started = performance.now()
      let text = ''
      let pages = 0
      try {
        const extractor = format === 'pdf' ? new PdfExtractor() : new ImageExtractor()
        const result = await extractor.extract({
          bytes,
          name: path,
          mediaType: format === 'pdf' ? 'application/pdf' : 'image/png',
          limits: defaultLimits,
          ocr: 'auto',
        })
        text = normalize(result.text)
        pages = result.pages?.length ?? 1
      } catch (error) {
        text = `error: ${String(error)}`
      }
      peak = Math.max(peak, rss())
      const hit = text.includes(normalize(phrase))
      out.push(
        `| \`${path}\` | ${pages} | ${((performance.now() - started) / 1000).toFixed(1)} | ${hit ? 'yes' : `no (closest: ${editDistance(normalize(phrase), text, true)} edits)`} |`,
      )
    }
    out.push('')
  }

  out.push(
    '### Memory',
    '',
    `Process RSS before the engine: ${before} MB; after starting it (three models loaded, ${startMs} ms): ${afterStart} MB; ` +
      `peak while reading: ${peak} MB. The engine therefore costs about ${afterStart - before} MB at rest and up to ${peak - before} MB while reading an A4 page.`,
    '',
  )
  if (hasNative)
    out.push(`CLI: \`${nativeVersion.stdout.split('\n')[0]}\`. Node ${process.version}.`, '')
  await tesseractRuntime.stop()
  return out.join('\n')
}

if (process.env.DALEEL_OCR_REPORT) console.log(await report())

// ---- the bench group -----------------------------------------------------------------------

const benchPage = renderPage(
  'bench page',
  'ar',
  hasCorpus ? antArticles(1)[0]! : fixtureTexts.arabic,
)
const benchFile = join(work, 'bench-page.png')
writeFileSync(benchFile, benchPage.png)
const benchGray: GrayImage = await (async () => {
  const { loadImage } = await import('@napi-rs/canvas')
  const image = await loadImage(Buffer.from(benchPage.png))
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0)
  return grayFromRgba(
    context.getImageData(0, 0, image.width, image.height).data,
    image.width,
    image.height,
  )
})()
const arabicOnly: readonly OcrLanguage[] = ['ara']

describe('OCR of one A4 Arabic page at 300 dpi', () => {
  bench.skipIf(!hasNative)(
    'baseline: tesseract CLI -l ara (OMP_THREAD_LIMIT=1, Debian models)',
    () => {
      nativeOcr(benchFile, 'ara')
    },
    { iterations: 3, warmupIterations: 1, time: 0 },
  )
  bench(
    'recognizePage, script detected',
    async () => {
      await recognizePage(benchGray)
    },
    { iterations: 3, warmupIterations: 1, time: 0 },
  )
  bench(
    'recognizePage, models given (ara)',
    async () => {
      await recognizePage(benchGray, { languages: arabicOnly })
    },
    { iterations: 3, warmupIterations: 1, time: 0 },
  )
})

/** OCR of one page image: decides which models read it (Arabic, Hebrew, English or a mix) from a
 *  quick pass over a few of its lines, reads it, and returns clean logical-order text with a
 *  confidence. Formats decide what a page is (an image frame, a rendered PDF page); this module
 *  only sees pixels or an image file. How and why it chooses is in docs/ocr.md. */

import type Tesseract from 'tesseract.js'

import { isNumberLike, readArabicIndicNumber } from './arabic-digits.js'
import { decodeImage, MAX_OCR_PIXELS } from './decode-image.js'
import { deskew } from './deskew.js'
import {
  encodePgm,
  grayFromRgba,
  inkColumns,
  padGray,
  profilePage,
  scaleGray,
  stackRegions,
  turnGray,
  type GrayImage,
  type PageProfile,
  type Region,
} from './gray-image.js'
import {
  cleanOcrLine,
  countScripts,
  emptyCounts,
  scriptOf,
  type OcrScript,
  type ScriptCounts,
} from './ocr-text.js'
import {
  tesseractRuntime,
  type OcrEngine,
  type OcrLanguage,
  type PageSegmentation,
} from './tesseract-runtime.js'

/** A canvas whose pixels can be read (@napi-rs/canvas, or the one pdf.js renders into). */
export interface CanvasLike {
  readonly width: number
  readonly height: number
  getContext(type: '2d'): {
    getImageData(
      x: number,
      y: number,
      width: number,
      height: number,
    ): {
      readonly data: Uint8ClampedArray
    }
  } | null
}

/** What `recognizePage` reads: an image file's bytes, grey pixels, or a canvas. */
export type OcrImage = Uint8Array | GrayImage | CanvasLike

/** One recognised line; its box is in the pixels of the image that was given, after any
 *  straightening of a skewed page. */
export interface OcrLine {
  readonly text: string
  /** Mean confidence of the line's words (weighted by length), 0–100. */
  readonly confidence: number
  readonly direction: 'ltr' | 'rtl'
  readonly bbox: {
    readonly x0: number
    readonly y0: number
    readonly x1: number
    readonly y1: number
  }
}

/** The text of one page and how sure the engine was of it. */
export interface OcrPage {
  /** Lines joined by newlines, paragraphs by a blank line; logical order, NFC. */
  readonly text: string
  /** Mean word confidence over every line read (noise included, so a page read mostly as
   *  noise scores low), 0–100; 0 when no text was kept. */
  readonly confidence: number
  /** The script of the text read; null when no letters were found. */
  readonly script: OcrScript | null
  readonly lines: readonly OcrLine[]
  /** The models of the final pass, main one first; pass them as `hint` for the next page. */
  readonly languages: readonly OcrLanguage[]
  /** Degrees the image was turned clockwise to be read (a page scanned sideways or upside
   *  down); line boxes are in the turned image. */
  readonly rotation: 0 | 90 | 180 | 270
}

/** Options of `recognizePage`. */
export interface RecognizeOptions {
  readonly signal?: AbortSignal
  /** Read with these models and skip script detection. */
  readonly languages?: readonly OcrLanguage[]
  /** The models the previous page of the same document used: tried first and kept when the
   *  page reads confidently, which saves the detection pass on uniform documents. */
  readonly hint?: readonly OcrLanguage[]
}

// Images smaller than this on both sides are icons; thinner than MIN_SIDE hold no text.
const TINY_SIDE = 32
const MIN_SIDE = 8
// Text bands lower than this (in pixels) are enlarged: the LSTM models are trained on lines
// about 30–40 pixels high and lose accuracy on small print (screenshots at 96 dpi).
const SMALL_LINE = 20
const TARGET_LINE = 32
const MAX_UPSCALE = 3
// Detection reads this many lines of the page with all three models, this many line heights
// of each.
const SAMPLE_LINES = 3
const SAMPLE_WINDOW = 20
// Bands taller than this are pictures or skewed blocks, not lines.
const MAX_SAMPLE_BAND = 200
// Lines whose words average less confidence than this are noise (photographs, stains,
// halftone): on the corpus such lines average 7–39, lines of real text 75 and more. Tesseract's
// own line confidence is not used: one doubtful word can pull a perfect line down to 36.
const MIN_LINE_CONFIDENCE = 45
// A line is doubtful below this confidence, or with a word below DOUBTFUL_WORD; doubtful lines
// are read again with more models, the first PROBE_LINES to find out whether that helps, and a
// new reading must reach CLEAN_LINE.
const DOUBTFUL_LINE = 75
const DOUBTFUL_WORD = 35
const CLEAN_LINE = 80
const PROBE_LINES = 2
// A second reading replaces the first when it is this much more confident and no longer
// doubtful: a Latin line read by the Arabic or Hebrew model gains 12–25 points and reaches 90,
// an Arabic line that gains a stray Latin word 0–7, a line of a poor scan stays below 80.
const REREAD_MARGIN = 10
// Words below this confidence do not count as evidence of a script.
const EVIDENCE_CONFIDENCE = 60
// A second script joins the model set when it has at least this many and this share of the
// sampled letters: a single line image often yields 2–4 stray Latin or Hebrew letters, a line
// with a company name ten or more.
const SECOND_MODEL_LETTERS = 6
const SECOND_MODEL_SHARE = 0.05
// A hinted page is accepted when it reads at least this confidently: models of the wrong script
// read a page at 19–46, the right ones at 53 (a worn, vocalised book page) to 96.
const HINT_CONFIDENCE = 60
const HINT_MAX_DOUBTFUL_WORDS = 0.25

// A page read with less confidence than this, or with almost no words on a page full of ink,
// may be turned: upright text reads at 53–96, text on its side or upside down at 20–45 with
// most of it dropped as noise. The other three orientations are then probed on a sample of
// lines (0.3–1 s each) and the page is read again only in the one that samples clearly better.
const UPRIGHT_CONFIDENCE = 55
const SIDEWAYS_LINE_LETTERS = 4
const TURN_MARGIN = 15
const MIN_TURNED_CONFIDENCE = 60

const ALL_MODELS: readonly OcrLanguage[] = ['ara', 'heb', 'eng']
const MODEL_SCRIPT: Readonly<Record<OcrLanguage, keyof ScriptCounts>> = {
  ara: 'arabic',
  heb: 'hebrew',
  eng: 'latin',
}

/**
 * Reads the text of one page image. Detects the script unless `languages` is given, reads the
 * page with the matching models, and returns clean text. An image without text (blank, tiny,
 * a photograph) gives empty text, not an error; bytes that are not a readable image throw
 * `OcrImageError`.
 *
 * @example const page = await recognizePage(await readFile('scan.png'))
 */
export async function recognizePage(
  image: OcrImage,
  options: RecognizeOptions = {},
): Promise<OcrPage> {
  const { signal } = options
  const source = await toGray(image, signal)
  signal?.throwIfAborted()
  if (
    source.width < MIN_SIDE ||
    source.height < MIN_SIDE ||
    (source.width < TINY_SIDE && source.height < TINY_SIDE)
  ) {
    return emptyPage(options.languages ?? options.hint ?? ALL_MODELS)
  }
  const prepared = preparePage(source)
  return tesseractRuntime.run(async (engine) => {
    const upright = prepared
      ? toPage(await readPage(engine, prepared, options), prepared, 0)
      : emptyPage(options.languages ?? options.hint ?? ALL_MODELS)
    if (!mayBeTurned(upright, prepared)) return upright
    return (await readTurned(engine, source, upright, options)) ?? upright
  }, signal)
}

function mayBeTurned(page: OcrPage, prepared: PreparedPage | null): boolean {
  // A line image read as a single line is not a page that was scanned sideways.
  if (prepared === null || prepared.segmentation === '7') return false
  if (page.confidence < UPRIGHT_CONFIDENCE) return true
  // Text on its side is cut into "lines" of one or two letters each, which the models may read
  // with fair confidence (corpus: tika/testOCR.png turned by 90° reads at 67 as 22 lines of
  // stray Hebrew letters).
  const letters = page.lines.reduce((sum, line) => sum + line.text.replace(/\s/gu, '').length, 0)
  return page.lines.length >= 3 && letters / page.lines.length < SIDEWAYS_LINE_LETTERS
}

/** Probes the three other orientations on a sample of lines and reads the page in the best
 *  one, when it samples clearly better than the upright page read; null otherwise. */
async function readTurned(
  engine: OcrEngine,
  source: GrayImage,
  upright: OcrPage,
  options: RecognizeOptions,
): Promise<OcrPage | null> {
  let best: { turns: number; page: PreparedPage; confidence: number } | null = null
  for (const turns of [1, 2, 3]) {
    options.signal?.throwIfAborted()
    const page = preparePage(turnGray(source, turns))
    if (!page) continue
    const confidence = await probeConfidence(engine, page, options.languages)
    if (!best || confidence > best.confidence) best = { turns, page, confidence }
  }
  if (
    !best ||
    best.confidence < MIN_TURNED_CONFIDENCE ||
    best.confidence < upright.confidence + TURN_MARGIN
  )
    return null
  options.signal?.throwIfAborted()
  const turned = toPage(
    await readPage(engine, best.page, { ...options, hint: undefined }),
    best.page,
    (best.turns * 90) as 90 | 180 | 270,
  )
  return turned.confidence > upright.confidence ? turned : null
}

/** Mean confidence (weighted by length) of the words in a sample of the page's lines. */
async function probeConfidence(
  engine: OcrEngine,
  page: PreparedPage,
  languages: readonly OcrLanguage[] | undefined,
): Promise<number> {
  const { image } = sampleImage(page)
  const result = await engine.recognize({
    image: encodePgm(image),
    languages: languages ?? ALL_MODELS,
    segmentation: page.segmentation === '7' ? '7' : '6',
  })
  return wordConfidence(wordsOf(result))
}

interface PreparedPage {
  readonly gray: GrayImage
  readonly profile: PageProfile
  /** Factor from the given image to `gray`. */
  readonly scale: number
  /** Margin added on each side (single lines), in `gray` pixels. */
  readonly margin: number
  readonly segmentation: PageSegmentation
}

function preparePage(source: GrayImage): PreparedPage | null {
  let scale = Math.min(1, Math.sqrt(MAX_OCR_PIXELS / (source.width * source.height)))
  let gray = deskew(scale < 1 ? scaleGray(source, scale) : source).image
  let profile = profilePage(gray)
  if (!profile.hasInk || profile.bands.length === 0) return null
  if (profile.lineHeight > 0 && profile.lineHeight < SMALL_LINE) {
    const factor = Math.min(
      MAX_UPSCALE,
      TARGET_LINE / profile.lineHeight,
      Math.sqrt(MAX_OCR_PIXELS / (gray.width * gray.height)),
    )
    if (factor > 1.05) {
      const enlarged = scaleGray(gray, factor)
      profile = scaleProfile(profile, enlarged.height / gray.height)
      scale *= enlarged.height / gray.height
      gray = enlarged
    }
  }
  // A line image (a crop of one printed line) is read best as a single line, with some white
  // around it (fixtures: the corpus's ocr-arabic/book_* line images).
  const singleLine =
    profile.bands.length === 1 &&
    profile.lineHeight <= MAX_SAMPLE_BAND &&
    gray.height <= 3 * profile.lineHeight &&
    gray.width >= 2 * profile.lineHeight
  if (!singleLine) return { gray, profile, scale, margin: 0, segmentation: '3' }
  const margin = Math.max(10, Math.round(profile.lineHeight / 2))
  return { gray: padGray(gray, margin), profile, scale, margin, segmentation: '7' }
}

function scaleProfile(profile: PageProfile, factor: number): PageProfile {
  return {
    hasInk: profile.hasInk,
    threshold: profile.threshold,
    lineHeight: Math.round(profile.lineHeight * factor),
    bands: profile.bands.map((band) => ({
      top: Math.floor(band.top * factor),
      bottom: Math.ceil(band.bottom * factor),
    })),
  }
}

async function readPage(
  engine: OcrEngine,
  page: PreparedPage,
  options: RecognizeOptions,
): Promise<ReadResult> {
  const pgm = encodePgm(page.gray)
  const pixels: PagePixels = { image: page.gray, threshold: page.profile.threshold }
  const read = async (languages: readonly OcrLanguage[]): Promise<ReadResult> =>
    readBlocks(
      await engine.recognize({ image: pgm, languages, segmentation: page.segmentation }),
      languages,
      pixels,
    )
  if (options.languages) return read(options.languages)
  let result: ReadResult
  // When detection read every word of the page, lines in another script were seen already.
  let seenAll = false
  const detect = async (): Promise<OcrLanguage[]> => {
    const sample = await sampleScripts(engine, page)
    seenAll = sample.complete
    options.signal?.throwIfAborted()
    return chooseModels(sample.counts)
  }
  if (options.hint && options.hint.length > 0) {
    const hinted = await read(options.hint)
    if (acceptsHint(hinted, options.hint)) result = hinted
    else {
      options.signal?.throwIfAborted()
      const languages = await detect()
      if (sameModels(languages, hinted.languages)) result = hinted
      else {
        const detected = await read(languages)
        result = detected.confidence >= hinted.confidence ? detected : hinted
      }
    }
  } else {
    result = await read(await detect())
  }
  options.signal?.throwIfAborted()
  return seenAll ? result : rereadDoubtfulLines(engine, page, result)
}

/** Reads a few lines of the page with all three models and counts the letters of each script
 *  among the words read confidently. */
async function sampleScripts(
  engine: OcrEngine,
  page: PreparedPage,
): Promise<{ counts: ScriptCounts; complete: boolean }> {
  const { image: sample, complete } = sampleImage(page)
  const result = await engine.recognize({
    image: encodePgm(sample),
    languages: ALL_MODELS,
    segmentation: page.segmentation === '7' ? '7' : '6',
  })
  const confident = emptyCounts()
  const all = emptyCounts()
  for (const word of wordsOf(result)) {
    // Arabic and Hebrew glyphs read with all models turn into short Latin "words" (Jal, IS, Gb,
    // Ls on a purely Arabic line, corpus book_IbnAthir.Kamil/000050): they are no evidence of
    // Latin text. Real Latin text has longer words too, and a Latin line missed here is read
    // again with English by rereadDoubtfulLines.
    if (isShortLatinWord(word.text)) continue
    countScripts(word.text, all)
    if (word.confidence >= EVIDENCE_CONFIDENCE) countScripts(word.text, confident)
  }
  return { counts: total(confident) >= 5 ? confident : all, complete }
}

/** A word of one to three Latin letters (and nothing else but punctuation). */
export function isShortLatinWord(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '')
  return letters.length > 0 && letters.length <= 3 && /^\p{Script=Latin}+$/u.test(letters)
}

/**
 * Reads again, with more models, the lines the chosen models read with doubt. Four sampled
 * lines can miss the one line of a page that holds an e-mail address or a company name in
 * Latin letters; the Arabic or Hebrew model then reads it as digits and stray letters, with
 * low confidence. Each doubtful line is cropped and read on its own, and the new reading
 * replaces the old one when it is clearly more confident.
 */
async function rereadDoubtfulLines(
  engine: OcrEngine,
  page: PreparedPage,
  result: ReadResult,
): Promise<ReadResult> {
  const languages = widerModels(result.languages)
  if (!languages) return result
  // The least confident lines first: if none of the first few reads better with more models,
  // the doubt comes from the scan, not from another script, and the rest are left alone.
  const doubtful = result.lines
    .filter((line) => line.doubtful)
    .sort((a, b) => a.confidence - b.confidence)
  const lines = [...result.lines]
  let changed = false
  for (const [index, line] of doubtful.entries()) {
    if (index >= PROBE_LINES && !changed) break
    const crop = cropLine(page.gray, line.box)
    if (!crop) continue
    const again = readBlocks(
      await engine.recognize({ image: encodePgm(crop), languages, segmentation: '7' }),
      languages,
      { image: crop, threshold: page.profile.threshold },
    ).lines
    const text = again.map((entry) => entry.text).join(' ')
    const confidence =
      again.reduce((sum, entry) => sum + entry.confidence * entry.text.length, 0) /
      Math.max(1, text.length)
    if (text !== '' && confidence >= Math.max(line.confidence + REREAD_MARGIN, CLEAN_LINE)) {
      lines[lines.indexOf(line)] = { ...line, text, confidence, doubtful: false, noise: false }
      changed = true
    }
  }
  // Lines that needed the wider set say the page does: the next page of the document starts
  // with it.
  return changed ? summarize(lines, languages) : result
}

/** The model set for reading doubtful lines again: the chosen models plus English (the script
 *  most often mixed into Arabic and Hebrew documents), or all three after English alone; null
 *  when English is already in a mixed set. */
function widerModels(languages: readonly OcrLanguage[]): OcrLanguage[] | null {
  if (!languages.includes('eng')) return [...languages, 'eng']
  if (languages.length === 1) return ['eng', ...ALL_MODELS.filter((model) => model !== 'eng')]
  return null
}

function cropLine(gray: GrayImage, box: RawBox): GrayImage | null {
  const height = box.y1 - box.y0
  const pad = Math.max(4, Math.round(height * 0.15))
  const top = Math.max(0, box.y0 - pad)
  const bottom = Math.min(gray.height, box.y1 + pad)
  const left = Math.max(0, box.x0 - pad)
  const right = Math.min(gray.width, box.x1 + pad)
  if (bottom - top < 4 || right - left < 4) return null
  const width = right - left
  const data = new Uint8Array(width * (bottom - top))
  for (let y = top; y < bottom; y++) {
    data.set(gray.data.subarray(y * gray.width + left, y * gray.width + right), (y - top) * width)
  }
  return padGray({ width, height: bottom - top, data }, Math.max(10, Math.round(height / 2)))
}

/** The lines detection reads, stacked into one image; `complete` when they are all the text of
 *  the page (a line image, a label), so that detection has seen every word. */
function sampleImage(page: PreparedPage): { image: GrayImage; complete: boolean } {
  const { gray, profile } = page
  if (page.segmentation === '7') return { image: gray, complete: true }
  const lines = profile.bands.filter((band) => {
    const height = band.bottom - band.top
    return (
      height <= MAX_SAMPLE_BAND &&
      height >= profile.lineHeight * 0.5 &&
      height <= profile.lineHeight * 2.5
    )
  })
  const gap = Math.max(10, Math.round(profile.lineHeight / 2))
  // The middle of each line is enough to tell the script: reading a window of about 20 line
  // heights (some 35 characters) instead of the whole line halves the cost on A4 pages.
  const window = SAMPLE_WINDOW * profile.lineHeight
  let cropped = false
  const regions: Region[] = spread(lines, SAMPLE_LINES).map((band) => {
    const { left, right } = inkColumns(gray, band, profile.threshold)
    const middle = (left + right) / 2
    const half = Math.min(right - left, window) / 2
    if (right - left > window) cropped = true
    return {
      top: band.top,
      bottom: band.bottom,
      left: Math.max(0, Math.floor(middle - half)),
      right: Math.min(gray.width, Math.ceil(middle + half)),
    }
  })
  if (regions.length > 0) {
    const complete = !cropped && regions.length === profile.bands.length
    return { image: stackRegions(gray, regions, gap), complete }
  }
  // No line-shaped band (a page of pictures, or lines too close to tell apart): read a strip
  // across the middle instead.
  const half = Math.min(gray.height, 2 * MAX_SAMPLE_BAND) / 2
  const middle = Math.floor(gray.height / 2)
  const strip: Region = {
    top: Math.max(0, Math.floor(middle - half)),
    bottom: Math.min(gray.height, Math.ceil(middle + half)),
    left: 0,
    right: gray.width,
  }
  return { image: stackRegions(gray, [strip], gap), complete: false }
}

/** Up to `count` items spread evenly over the list (the first, the last and between). */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items]
  return Array.from(
    { length: count },
    (_, index) => items[Math.round((index * (items.length - 1)) / (count - 1))]!,
  )
}

/** The model set for the letters found: the main script's model first, then any script with a
 *  real share of the letters. Arabic or Hebrew alone read pure text best; the English model
 *  added to them misreads some words as Latin (measured in docs/ocr.md), so it is added only
 *  when Latin text was seen. */
export function chooseModels(counts: ScriptCounts): OcrLanguage[] {
  const sum = total(counts)
  if (sum < 3) return [...ALL_MODELS]
  const ranked = (Object.keys(MODEL_SCRIPT) as OcrLanguage[])
    .map((model) => ({ model, count: counts[MODEL_SCRIPT[model]] }))
    .sort((a, b) => b.count - a.count)
  return ranked
    .filter(
      (entry, index) =>
        index === 0 ||
        (entry.count >= SECOND_MODEL_LETTERS && entry.count / sum >= SECOND_MODEL_SHARE),
    )
    .map((entry) => entry.model)
}

function total(counts: ScriptCounts): number {
  return counts.arabic + counts.hebrew + counts.latin
}

function sameModels(a: readonly OcrLanguage[], b: readonly OcrLanguage[]): boolean {
  return a.length === b.length && a.every((model, index) => model === b[index])
}

/** A box in the pixels of the prepared (possibly enlarged, padded) page. */
interface RawBox {
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

interface ReadLine {
  readonly text: string
  readonly confidence: number
  readonly direction: 'ltr' | 'rtl'
  readonly box: RawBox
  /** Index of the paragraph (over the whole page) the line belongs to. */
  readonly paragraph: number
  readonly words: number
  readonly doubtfulWords: number
  /** Read with less confidence than a clean line: a candidate for other models. */
  readonly doubtful: boolean
  /** Read so badly that it is left out of the text unless another reading is better. */
  readonly noise: boolean
}

interface ReadResult {
  readonly lines: readonly ReadLine[]
  readonly confidence: number
  readonly counts: ScriptCounts
  readonly words: number
  readonly doubtfulWords: number
  readonly languages: readonly OcrLanguage[]
}

function acceptsHint(result: ReadResult, hint: readonly OcrLanguage[]): boolean {
  const main = hint[0]
  if (!main) return false
  const sum = total(result.counts)
  const ownScript = sum === 0 || result.counts[MODEL_SCRIPT[main]] / sum >= 0.5
  return (
    ownScript &&
    result.confidence >= HINT_CONFIDENCE &&
    result.doubtfulWords <= result.words * HINT_MAX_DOUBTFUL_WORDS
  )
}

function wordsOf(page: Tesseract.Page): Tesseract.Word[] {
  return (page.blocks ?? []).flatMap((block) =>
    block.paragraphs.flatMap((paragraph) => paragraph.lines.flatMap((line) => line.words)),
  )
}

/** The image tesseract read, for a second look at its numbers. */
interface PagePixels {
  readonly image: GrayImage
  readonly threshold: number
}

function readBlocks(
  page: Tesseract.Page,
  languages: readonly OcrLanguage[],
  pixels?: PagePixels,
): ReadResult {
  // Only the Arabic model meets Arabic-Indic digits it cannot write (see arabic-digits.ts).
  const digits = pixels && languages.includes('ara') ? pixels : undefined
  const lines: ReadLine[] = []
  let paragraphIndex = 0
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const confidence = wordConfidence(line.words)
        const direction = directionOf(paragraph, line.text)
        const raw = digits ? repairArabicIndicNumbers(line, digits) : line.text
        const text = cleanOcrLine(raw, direction)
        if (text === '') continue
        const doubtfulWords = line.words.filter(
          (word) => word.confidence < DOUBTFUL_WORD && word.text.length >= 3,
        ).length
        lines.push({
          text,
          confidence,
          direction,
          box: line.bbox,
          paragraph: paragraphIndex,
          words: line.words.length,
          doubtfulWords,
          doubtful: confidence < DOUBTFUL_LINE || doubtfulWords > 0,
          noise: confidence < MIN_LINE_CONFIDENCE,
        })
      }
      paragraphIndex++
    }
  }
  return summarize(lines, languages)
}

/** The line's text with each number replaced by its Arabic-Indic reading, where the glyphs say
 *  it is one. Neighbouring words read as numbers are read together: tesseract splits a number
 *  at a decimal separator (`١٣٦٧٫٥٠` → `١٢ ١/٠`). */
function repairArabicIndicNumbers(line: Tesseract.Line, pixels: PagePixels): string {
  const located: { word: Tesseract.Word; at: number }[] = []
  let cursor = 0
  for (const word of line.words) {
    const at = line.text.indexOf(word.text, cursor)
    if (at < 0) continue
    cursor = at + word.text.length
    located.push({ word, at })
  }
  const groups: { word: Tesseract.Word; at: number }[][] = []
  for (const [index, entry] of located.entries()) {
    if (!isNumberLike(entry.word.text)) continue
    const previous = located[index - 1]
    const group = groups.at(-1)
    const box = entry.word.bbox
    const gap = previous
      ? Math.max(previous.word.bbox.x0 - box.x1, box.x0 - previous.word.bbox.x1)
      : Infinity
    if (group && group.at(-1) === previous && gap < 0.6 * (box.y1 - box.y0)) group.push(entry)
    else groups.push([entry])
  }
  let text = line.text
  // From the end, so that the offsets of earlier words stay valid.
  for (const group of groups.reverse()) {
    const box = {
      x0: Math.min(...group.map(({ word }) => word.bbox.x0)),
      y0: Math.min(...group.map(({ word }) => word.bbox.y0)),
      x1: Math.max(...group.map(({ word }) => word.bbox.x1)),
      y1: Math.max(...group.map(({ word }) => word.bbox.y1)),
    }
    const reading = readArabicIndicNumber(pixels.image, pixels.threshold, box)
    if (reading === null) continue
    const first = group[0]!
    const last = group.at(-1)!
    const start = Math.min(first.at, last.at)
    const end = Math.max(first.at + first.word.text.length, last.at + last.word.text.length)
    text = text.slice(0, start) + reading + text.slice(end)
  }
  return text
}

function summarize(lines: readonly ReadLine[], languages: readonly OcrLanguage[]): ReadResult {
  const counts = emptyCounts()
  let weighted = 0
  let characters = 0
  let kept = 0
  let words = 0
  let doubtfulWords = 0
  for (const line of lines) {
    // Noise lines count in the confidence (a page mostly read as noise is not a confident
    // page) but not in the text.
    weighted += line.confidence * line.text.length
    characters += line.text.length
    if (line.noise) continue
    kept++
    countScripts(line.text, counts)
    words += line.words
    doubtfulWords += line.doubtfulWords
  }
  return {
    lines,
    confidence: kept === 0 ? 0 : Math.round(weighted / characters),
    counts,
    words,
    doubtfulWords,
    languages,
  }
}

/** Mean word confidence, each word weighted by its length. */
function wordConfidence(words: readonly Tesseract.Word[]): number {
  let sum = 0
  let length = 0
  for (const word of words) {
    sum += word.confidence * word.text.length
    length += word.text.length
  }
  return length === 0 ? 0 : sum / length
}

function directionOf(paragraph: Tesseract.Paragraph, text: string): 'ltr' | 'rtl' {
  if (typeof paragraph.is_ltr === 'boolean') return paragraph.is_ltr ? 'ltr' : 'rtl'
  const counts = countScripts(text)
  return counts.arabic + counts.hebrew > counts.latin ? 'rtl' : 'ltr'
}

function toPage(result: ReadResult, page: PreparedPage, rotation: OcrPage['rotation']): OcrPage {
  const paragraphs: string[][] = []
  const kept = result.lines.filter((line) => !line.noise)
  for (const line of kept) (paragraphs[line.paragraph] ??= []).push(line.text)
  const toSource = (value: number): number => Math.round((value - page.margin) / page.scale)
  return {
    text: paragraphs
      .filter((lines) => lines.length > 0)
      .map((lines) => lines.join('\n'))
      .join('\n\n'),
    confidence: result.confidence,
    script: scriptOf(result.counts),
    lines: kept.map((line) => ({
      text: line.text,
      confidence: Math.round(line.confidence),
      direction: line.direction,
      bbox: {
        x0: toSource(line.box.x0),
        y0: toSource(line.box.y0),
        x1: toSource(line.box.x1),
        y1: toSource(line.box.y1),
      },
    })),
    languages: result.languages,
    rotation,
  }
}

function emptyPage(languages: readonly OcrLanguage[]): OcrPage {
  return { text: '', confidence: 0, script: null, lines: [], languages, rotation: 0 }
}

async function toGray(image: OcrImage, signal: AbortSignal | undefined): Promise<GrayImage> {
  if (image instanceof Uint8Array) return (await decodeImage(image, { signal })).gray
  if (!('getContext' in image)) return image
  const context = image.getContext('2d')
  if (!context) throw new Error('the canvas has no 2d context')
  const { data } = context.getImageData(0, 0, image.width, image.height)
  return grayFromRgba(data, image.width, image.height)
}

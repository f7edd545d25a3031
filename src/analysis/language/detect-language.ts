/** Guesses the language of a text: script counts first, then the `eld` n-gram detector only
 *  where the script leaves a choice. Mostly Hebrew letters → 'he' without asking eld; mostly
 *  Arabic script → eld chooses between ar, fa and ur; Latin → eld chooses among the Latin-script
 *  languages; any other script → eld's own answer. Analysis itself never depends on the result.
 *
 *  Why eld's medium database and not large: accuracy in % on random windows of 3 / 5 / 8 words
 *  of real text (500 windows each from ANT Arabic news, LKML mail, Knesset protocols and
 *  vocalised Hebrew; 200 each from 30 Persian and 15 Urdu sentences), with these rules:
 *
 *      words   medium: ar   fa   ur   en     he       large: ar   fa   ur   en
 *      3             99.2 97.5 99.5 89.0  100             99.2 98.5 100  87.6
 *      5             100  99.0 100  95.0  99.8            99.8 100  100  96.8
 *      8             99.8 100  100  97.2  100             100  100  100  98.0
 *
 *  The misses are real ambiguity (fa ↔ ur on three words; English windows full of names) or a
 *  window whose letters are mostly another script. Large is no better where it matters, while
 *  it takes ≈2.5 s to load against ≈0.5 s and twice the memory (eld's README: 138 MB against
 *  71 MB). The database is loaded on the first call that needs it, once: a process that only
 *  meets Hebrew never loads it. A 200,000-character text takes ≈6 ms (script counts, then eld
 *  on three samples).
 *
 *  eld is ESM-only and loads synchronously only through require(esm) (Node ≥ 20.19, which
 *  package.json requires); that keeps `detectLanguage` synchronous for its callers. */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { forEachWord } from '../tokenize.js'

interface EldResult {
  readonly language: string
  getScores(): Record<string, number>
}
interface Eld {
  detect(text: string): EldResult
  newInstance(): Eld
}

let detector: Eld | undefined

function loadDetector(): Eld {
  if (detector === undefined) {
    const load = createRequire(import.meta.url)
    const entry = load(fileURLToPath(import.meta.resolve('eld/medium'))) as { eld: Eld }
    // Our own instance: settings another module gives the shared one cannot reach it.
    detector = entry.eld.newInstance()
  }
  return detector
}

const ARABIC_SCRIPT = ['ar', 'fa', 'ur'] as const
const LATIN_SCRIPT = new Set(
  'az ca cs da de en es et eu fi fr hr hu is it lt lv ms nl no pl pt ro sk sl sq sv tl tr vi yo'.split(
    ' ',
  ),
)

/** Fewer words with letters than this and the text says too little to guess from. */
const MIN_WORDS = 3
/** Script counts stop after this many characters: enough to know the script of any document. */
const MAX_SCANNED = 100_000
/** eld reads about 350 bytes of its input; more words than this are never looked at. */
const MAX_WORDS_PER_SAMPLE = 40
/** A long text is sampled at up to this many places, and their scores are added up. */
const MAX_SAMPLES = 3

// Script groups, as indexes into count arrays.
const NONE = 0
const HEBREW = 1
const ARABIC = 2
const LATIN_LETTERS = 3
const OTHER = 4
type Script = typeof NONE | typeof HEBREW | typeof ARABIC | typeof LATIN_LETTERS | typeof OTHER
const SCRIPTS = [HEBREW, ARABIC, LATIN_LETTERS, OTHER] as const

const LETTER = /\p{L}/u
const LATIN = /\p{sc=Latin}/u

function scriptOf(code: number, char: string): Script {
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? LATIN_LETTERS : NONE
  if (code >= 0x05d0 && code <= 0x05f2) return HEBREW
  if ((code >= 0x0620 && code <= 0x064a) || (code >= 0x066e && code <= 0x06d5)) return ARABIC
  if ((code >= 0x06ee && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f)) return ARABIC
  if ((code >= 0x08a0 && code <= 0x08c9) || (code >= 0xfb50 && code <= 0xfdff)) return ARABIC
  if (code >= 0xfe70 && code <= 0xfefc) return ARABIC
  if (code >= 0xfb1d && code <= 0xfb4f) return HEBREW
  if (!LETTER.test(char)) return NONE
  return LATIN.test(char) ? LATIN_LETTERS : OTHER
}

interface Word {
  readonly text: string
  readonly script: Script
}

/** The words of `text` that hold a letter, each with the script of its letters' majority. */
function lettered(text: string): Word[] {
  const words: Word[] = []
  const scanned = text.length > MAX_SCANNED ? text.slice(0, MAX_SCANNED) : text
  forEachWord(scanned, (start, end) => {
    const counts = [0, 0, 0, 0, 0]
    for (let i = start; i < end; i += 1) {
      const code = scanned.charCodeAt(i)
      counts[scriptOf(code, scanned[i]!)]! += 1
    }
    let script: Script = NONE
    for (const s of SCRIPTS) if (counts[s]! > (script === NONE ? 0 : counts[script]!)) script = s
    if (script !== NONE) words.push({ text: scanned.slice(start, end), script })
  })
  return words
}

/** Up to MAX_SAMPLES runs of words, spread over the text, each as much as eld reads. */
function samples(words: readonly string[]): string[] {
  const count = Math.min(MAX_SAMPLES, Math.ceil(words.length / MAX_WORDS_PER_SAMPLE))
  const stride = count > 1 ? (words.length - MAX_WORDS_PER_SAMPLE) / (count - 1) : 0
  const result: string[] = []
  for (let i = 0; i < count; i += 1) {
    const from = Math.round(i * stride)
    result.push(words.slice(from, from + MAX_WORDS_PER_SAMPLE).join(' '))
  }
  return result
}

/** The language with the highest summed eld score among `allowed` (any when undefined). */
function bestLanguage(
  words: readonly string[],
  allowed?: (language: string) => boolean,
): string | null {
  const eld = loadDetector()
  const totals = new Map<string, number>()
  for (const sample of samples(words)) {
    for (const [language, score] of Object.entries(eld.detect(sample).getScores())) {
      if (allowed === undefined || allowed(language)) {
        totals.set(language, (totals.get(language) ?? 0) + score)
      }
    }
  }
  let best: string | null = null
  let bestScore = 0
  for (const [language, score] of totals) {
    if (score > bestScore) {
      best = language
      bestScore = score
    }
  }
  return best
}

/**
 * The ISO 639-1 code of the language of `text` ('ar', 'he', 'en', 'fa', 'fr', …), or null when
 * it has fewer than 3 words with letters or eld cannot tell.
 * @example detectLanguage('قال الوزير في تصريح صحفي') // 'ar'
 */
export function detectLanguage(text: string): string | null {
  const words = lettered(text)
  if (words.length < MIN_WORDS) return null
  const counts = [0, 0, 0, 0, 0]
  for (const word of words) counts[word.script]! += word.text.length
  let script: Script = HEBREW
  for (const s of SCRIPTS) if (counts[s]! > counts[script]!) script = s
  if (script === HEBREW) return 'he'
  const sameScript = words.filter((word) => word.script === script).map((word) => word.text)
  if (script === ARABIC) {
    return (
      bestLanguage(sameScript, (language) => ARABIC_SCRIPT.some((code) => code === language)) ??
      'ar'
    )
  }
  if (script === LATIN_LETTERS)
    return bestLanguage(sameScript, (language) => LATIN_SCRIPT.has(language))
  return bestLanguage(sameScript)
}

/** `detectLanguage` for each passage, in order; the detector is loaded once for the batch. */
export function detectLanguages(passages: readonly string[]): (string | null)[] {
  return passages.map(detectLanguage)
}

/** Generated collections for the benchmark, built from real sentences of the corpus (the texts
 *  Daleel extracted from it), never from random letters: a folder of .txt, .html and .eml files
 *  that both indexers ingest, and the documents of the scale test. Deterministic: the same
 *  sentences and seed give the same collection. */

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import type { Store } from '../../src/store/index.js'

export type SentenceLanguage = 'ar' | 'he' | 'en'

export type Sentences = Readonly<Record<SentenceLanguage, readonly string[]>>

/** A small fast PRNG (mulberry32), so runs generate the same documents. */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Sentence ends in the three scripts; lines are sentences too (lists, headers, verse).
const sentenceEnd = /(?<=[.!?؟۔])\s+|\n+/u
const arabicLetter = /[\u0621-\u064a]/gu
const hebrewLetter = /[\u05d0-\u05ea]/gu
const latinLetter = /[A-Za-z]/gu

function scriptOf(sentence: string): SentenceLanguage | null {
  const ar = sentence.match(arabicLetter)?.length ?? 0
  const he = sentence.match(hebrewLetter)?.length ?? 0
  const en = sentence.match(latinLetter)?.length ?? 0
  const total = ar + he + en
  if (total < 20) return null
  if (ar / total > 0.8) return 'ar'
  if (he / total > 0.8) return 'he'
  if (en / total > 0.9) return 'en'
  return null
}

/** Sentences of 5–40 words from every stored document's text, by script, without repeats. */
export async function collectSentences(store: Store, limit = 300_000): Promise<Sentences> {
  const seen = new Set<string>()
  const buckets: Record<SentenceLanguage, string[]> = { ar: [], he: [], en: [] }
  for await (const doc of store.listDocuments()) {
    const text = await store.getText(doc.id)
    for (const raw of text.split(sentenceEnd)) {
      const sentence = raw.replace(/\s+/gu, ' ').trim()
      const words = sentence.split(' ').length
      if (words < 5 || words > 40 || sentence.length > 400 || seen.has(sentence)) continue
      const script = scriptOf(sentence)
      if (!script || buckets[script].length >= limit / 3) continue
      seen.add(sentence)
      buckets[script].push(sentence)
    }
  }
  return buckets
}

/** One generated document: a title and 3–15 sentences of one language, like a short memo. */
export interface GeneratedText {
  readonly lang: SentenceLanguage
  readonly title: string
  readonly body: string
}

// Roughly the corpus's own mix: Arabic and English first, Hebrew less.
const languageMix: readonly [SentenceLanguage, number][] = [
  ['ar', 0.4],
  ['en', 0.4],
  ['he', 0.2],
]

export function generatedText(sentences: Sentences, random: () => number): GeneratedText {
  let pick = random()
  let lang: SentenceLanguage = 'en'
  for (const [candidate, share] of languageMix) {
    if (pick < share && sentences[candidate].length > 0) {
      lang = candidate
      break
    }
    pick -= share
  }
  const pool = sentences[lang].length > 0 ? sentences[lang] : sentences.en
  const count = 3 + Math.floor(random() * 13)
  const chosen: string[] = []
  for (let i = 0; i < count; i += 1) {
    chosen.push(pool[Math.floor(random() * pool.length)] ?? '')
  }
  const title = (chosen[0] ?? '').split(' ').slice(0, 6).join(' ')
  // Paragraphs of two or three sentences, as a memo or an article has them.
  const paragraphs: string[] = []
  for (let i = 0; i < chosen.length; i += 3) paragraphs.push(chosen.slice(i, i + 3).join(' '))
  return { lang, title, body: paragraphs.join('\n\n') }
}

const escapeHtml = (text: string): string =>
  text.replace(/[<>&]/gu, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c)

/** Writes `count` files (.txt, .html, .eml in 3:1:1) into `folder`, 500 per sub-folder.
 *  Returns their total size in bytes. */
export function writeGeneratedFiles(folder: string, sentences: Sentences, count: number): number {
  const random = randomGenerator(7)
  let bytes = 0
  for (let i = 0; i < count; i += 1) {
    const sub = join(folder, `part-${String(Math.floor(i / 500)).padStart(4, '0')}`)
    if (i % 500 === 0) mkdirSync(sub, { recursive: true })
    const { lang, title, body } = generatedText(sentences, random)
    const name = `doc-${String(i).padStart(7, '0')}`
    let file: string
    let content: string
    switch (i % 5) {
      case 3:
        file = `${name}.html`
        content = `<!doctype html>\n<html lang="${lang}" dir="${lang === 'en' ? 'ltr' : 'rtl'}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body
          .split('\n\n')
          .map((p) => `<p>${escapeHtml(p)}</p>`)
          .join('\n')}\n</body></html>\n`
        break
      case 4: {
        file = `${name}.eml`
        const day = String(1 + (i % 28)).padStart(2, '0')
        content = [
          `From: Sender ${i % 97} <sender${i % 97}@example.org>`,
          `To: Desk ${i % 13} <desk${i % 13}@example.org>`,
          `Subject: =?UTF-8?B?${Buffer.from(title).toString('base64')}?=`,
          `Date: Mon, ${day} Jan 2024 10:00:00 +0000`,
          `Message-ID: <gen-${i}@example.org>`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: 8bit',
          '',
          body,
          '',
        ].join('\r\n')
        break
      }
      default:
        file = `${name}.txt`
        content = `${title}\n\n${body}\n`
    }
    writeFileSync(join(sub, file), content)
    bytes += Buffer.byteLength(content)
  }
  return bytes
}

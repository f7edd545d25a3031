/** The scale test's child process, so that its peak memory is its own: `build` generates N
 *  documents from real corpus sentences, analyses them as ingest does (passages, language,
 *  analyze(), entity mentions) and writes them through the Store interface; `search` opens the
 *  built store and times the fixed queries through SearchService. Prints one JSON line.
 *
 *    node --import tsx scripts/bench/scale-child.ts build STORE COUNT SENTENCES_JSON TEXTS_FILE
 *    node --import tsx scripts/bench/scale-child.ts search STORE ROUNDS RUNS */

import { createHash } from 'node:crypto'
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'

import { analyze, detectLanguages, dominantLanguages } from '../../src/analysis/index.js'
import type { DocumentRecord } from '../../src/domain/index.js'
import { documentId } from '../../src/ingest/index.js'
import { findMentions } from '../../src/ingest/find-mentions.js'
import { cutPassages } from '../../src/ingest/process-item.js'
import { SearchService } from '../../src/search/index.js'
import { openStore, type IndexedPassage, type StoredDocument } from '../../src/store/index.js'
import { generatedText, randomGenerator, type Sentences } from './generate.js'
import { benchQueries } from './queries.js'
import { latencyOf, type Latency } from './stats.js'

const peakRss = (): number => process.resourceUsage().maxRSS * 1024

/** One generated document, analysed the way process-item.ts analyses extracted text. */
function storedDocument(
  index: number,
  root: string,
  sentences: Sentences,
  random: () => number,
): StoredDocument {
  const { title, body } = generatedText(sentences, random)
  const text = `${title}\n\n${body}`
  const spans = cutPassages(text)
  const langs = detectLanguages(spans.map((span) => text.slice(span.start, span.end)))
  const passages: IndexedPassage[] = []
  spans.forEach((span, i) => {
    const tokens = analyze(text.slice(span.start, span.end))
    if (tokens.length === 0) return
    passages.push({
      ...span,
      lang: langs[i] ?? null,
      stems: tokens.map((token) => token.term).join(' '),
      words: tokens.map((token) => token.form).join(' '),
    })
  })
  const { lang, present } = dominantLanguages(passages)
  const path = join(
    root,
    `part-${String(Math.floor(index / 1000)).padStart(4, '0')}`,
    `doc-${String(index).padStart(7, '0')}.txt`,
  )
  const bytes = Buffer.byteLength(text)
  const doc: DocumentRecord = {
    id: documentId('default', path),
    path,
    parent: null,
    collection: 'default',
    type: 'text',
    mediaType: 'text/plain',
    sha256: createHash('sha256').update(text).digest('hex'),
    size: bytes,
    title,
    lang,
    langs: present,
    encoding: 'utf-8',
    method: 'text',
    metadata: {},
    warnings: [],
    pageCount: null,
    textLength: text.length,
    indexedAt: new Date().toISOString(),
    modified: new Date(Date.UTC(2024, index % 12, 1 + (index % 28))).toISOString(),
  }
  return {
    doc,
    text,
    passages,
    titleStems: analyze(title)
      .map((token) => token.term)
      .join(' '),
    mentions: findMentions(text, passages),
  }
}

async function build(
  storePath: string,
  total: number,
  sentencesFile: string,
  textsFile: string,
): Promise<void> {
  const sentences = JSON.parse(readFileSync(sentencesFile, 'utf8')) as Sentences
  const random = randomGenerator(11)
  const store = await openStore(storePath)
  const texts = openSync(textsFile, 'w')
  const root = '/generated'
  const started = performance.now()
  let analysing = 0
  let writing = 0
  let bytes = 0
  let last = started
  try {
    for (let index = 0; index < total; index += 1) {
      const a = performance.now()
      const stored = storedDocument(index, root, sentences, random)
      const b = performance.now()
      await store.replaceFile(
        {
          collection: 'default',
          path: stored.doc.path,
          size: stored.doc.size,
          mtimeMs: 0,
          sha256: stored.doc.sha256,
        },
        [stored],
        [],
      )
      writing += performance.now() - b
      analysing += b - a
      bytes += stored.doc.size
      // The ripgrep baseline: the same texts, one document per line.
      writeSync(texts, `${stored.text.replace(/\s+/gu, ' ')}\n`)
      if (performance.now() - last > 30_000) {
        last = performance.now()
        const rate = (index + 1) / ((last - started) / 1000)
        process.stderr.write(
          `bench: scale ${index + 1}/${total} documents, ${rate.toFixed(0)}/s, peak RSS ${(peakRss() / 1024 ** 2).toFixed(0)} MB\n`,
        )
      }
    }
  } finally {
    closeSync(texts)
  }
  const buildSeconds = (performance.now() - started) / 1000
  const status = await store.status()
  await store.close()
  process.stdout.write(
    `${JSON.stringify({ seconds: buildSeconds, analyseSeconds: analysing / 1000, writeSeconds: writing / 1000, documents: status.documents, textBytes: bytes, storeBytes: status.storeBytes, peakRss: peakRss() })}\n`,
  )
}

async function search(storePath: string, rounds: number, runs: number): Promise<void> {
  const opened = performance.now()
  const store = await openStore(storePath)
  const service = new SearchService(store)
  const first: number[] = []
  const totals: number[] = []
  // The first round is timed apart: a cold page cache and cold statements.
  for (const query of benchQueries) {
    const started = performance.now()
    totals.push((await service.search(query.daleel, { limit: 20 })).total)
    first.push(performance.now() - started)
  }
  const openSeconds = (performance.now() - opened) / 1000
  const latencies: Latency[] = []
  const perQuery: number[][] = benchQueries.map(() => [])
  for (let run = 0; run < runs; run += 1) {
    const times: number[] = []
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, query] of benchQueries.entries()) {
        const started = performance.now()
        await service.search(query.daleel, { limit: 20 })
        const elapsed = performance.now() - started
        times.push(elapsed)
        perQuery[index]?.push(elapsed)
      }
    }
    latencies.push(latencyOf(times))
  }
  await store.close()
  process.stdout.write(
    `${JSON.stringify({ latencies, perQuery, totals, first, openSeconds, peakRss: peakRss() })}\n`,
  )
}

const [mode, storePath = '', a = '', b = '', c = ''] = process.argv.slice(2)
if (mode === 'build') await build(storePath, Number(a), b, c)
else if (mode === 'search') await search(storePath, Number(a), Number(b))
else throw new Error(`unknown mode ${mode ?? ''}`)

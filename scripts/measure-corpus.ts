/** Measures Daleel on the open corpus and writes docs/MEASUREMENTS.md:
 *  ingest throughput with 1 and 2 workers (OCR on, `auto`), the peak memory of the main process
 *  and of the extraction workers (sampled from /proc), the load average around each run, what share of the manifest's expected phrases a phrase
 *  search finds (also when typed without diacritics or with other letter forms), failures by
 *  code, and search latency against a brute-force scan of the same texts as the baseline.
 *
 *  Run: npx tsx scripts/measure-corpus.ts [CORPUS_DIR] (default ../shared/corpus) */

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDaleel, type Daleel } from '../src/daleel.js'
import { DaleelError } from '../src/domain/index.js'
import { fixedQueries } from './fixed-queries.js'

const corpus = process.argv[2] ?? '../shared/corpus'
const rows = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [path = '', format = '', languages = '', , , note = '', phrase = ''] = line.split('\t')
    return { path, format, languages, note, phrase }
  })

function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** How a user types a phrase without care: no diacritics, plain alef, ه for ة, ي for ى. */
function carelessVariant(phrase: string): string {
  return phrase
    .replace(/[\u064b-\u065f\u0670\u0640\u0591-\u05c7]/gu, '')
    .replace(/[أإآ]/gu, 'ا')
    .replace(/ة/gu, 'ه')
    .replace(/ى/gu, 'ي')
}

/** Peak memory of this process and of every process it started (the extraction workers),
 *  sampled from /proc twice a second. VmHWM is each process's own peak RSS, so a worker's peak
 *  is known as long as it is seen once before it exits; the main process is sampled by VmRSS
 *  because its VmHWM would include the runs before. */
class MemorySampler {
  #timer: NodeJS.Timeout | null = null
  mainPeakMb = 0
  readonly workerPeakMb = new Map<number, number>()
  /** Processes the workers start (7-Zip, LibreOffice), by pid. */
  readonly helperPeakMb = new Map<number, number>()
  workersTogetherPeakMb = 0

  start(): void {
    this.#sample()
    this.#timer = setInterval(() => this.#sample(), 500)
  }

  stop(): void {
    this.#sample()
    if (this.#timer) clearInterval(this.#timer)
  }

  #sample(): void {
    this.mainPeakMb = Math.max(this.mainPeakMb, statusKb(process.pid, 'VmRSS') / 1024)
    let together = 0
    for (const pid of descendants(process.pid)) {
      const peak = statusKb(pid, 'VmHWM') / 1024
      const worker = commandLine(pid).includes('extract-worker')
      const peaks = worker ? this.workerPeakMb : this.helperPeakMb
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, peak))
      if (worker) together += statusKb(pid, 'VmRSS') / 1024
    }
    this.workersTogetherPeakMb = Math.max(this.workersTogetherPeakMb, together)
  }
}

function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    )
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
  } catch {
    return ''
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)])
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = []
  const stack = [root]
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      found.push(child)
      stack.push(child)
    }
  }
  return found
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
}

interface IndexRun {
  daleel: Daleel
  dir: string
  seconds: number
  summary: Awaited<ReturnType<Daleel['index']>>
  memory: MemorySampler
  loadBefore: string
  loadAfter: string
}

async function timeIndex(workers: number): Promise<IndexRun> {
  const dir = mkdtempSync(join(tmpdir(), `daleel-measure-${workers}-`))
  const daleel = await openDaleel({ store: dir })
  const memory = new MemorySampler()
  const loadBefore = loadAverage()
  memory.start()
  const started = performance.now()
  const summary = await daleel.index([corpus], { workers, ocr: 'auto' })
  const seconds = (performance.now() - started) / 1000
  memory.stop()
  const loadAfter = loadAverage()
  console.error(`${workers} worker(s): ${seconds.toFixed(1)} s, load ${loadBefore} → ${loadAfter}`)
  return { daleel, dir, seconds, summary, memory, loadBefore, loadAfter }
}

const mb = (value: number): string => String(Math.round(value))

function memoryRow(label: string, run: IndexRun): string {
  const workers = [...run.memory.workerPeakMb.values()]
  const helpers = [...run.memory.helperPeakMb.values()]
  return `| ${label} | ${mb(run.memory.mainPeakMb)} | ${workers.length} | ${mb(Math.max(0, ...workers))} | ${mb(run.memory.workersTogetherPeakMb)} | ${helpers.length} | ${mb(Math.max(0, ...helpers))} | ${run.loadBefore} | ${run.loadAfter} |`
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

const escapePath = (path: string): string => path.replaceAll('"', '')

async function main(): Promise<void> {
  console.error(`corpus: ${rows.length} files in ${corpus}`)
  const one = await timeIndex(1)
  await one.daleel.close()
  rmSync(one.dir, { recursive: true, force: true })
  const two = await timeIndex(2)
  const { daleel } = two
  const status = await daleel.store.status()
  let ocrDocuments = 0
  for await (const doc of daleel.store.listDocuments()) if (doc.method === 'ocr') ocrDocuments++
  const busy = [one, two].some(
    (run) =>
      Math.max(...[run.loadBefore, run.loadAfter].map((load) => Number(load.split(' ')[0]))) > 2.5,
  )
  const again = performance.now()
  const incremental = await daleel.index([corpus], { workers: 2 })
  const incrementalSeconds = (performance.now() - again) / 1000

  // Phrases: a phrase search restricted to the file (and what is inside it) must find it.
  const byFormat = new Map<string, { total: number; found: number; variantFound: number }>()
  const byLanguage = new Map<string, { total: number; found: number; variantFound: number }>()
  const missed: string[] = []
  for (const row of rows) {
    if (!row.phrase || row.path.includes('\\x')) continue
    const phrase = normalizeForMatch(row.phrase).replaceAll('"', ' ')
    const path = escapePath(join(corpus, row.path))
    const found = async (query: string): Promise<boolean> => {
      try {
        return (await daleel.search.search(`"${query}" path:"${path}"`, { limit: 1 })).total > 0
      } catch (error) {
        if (error instanceof DaleelError) return false
        throw error
      }
    }
    const hit = await found(phrase)
    const variantHit = await found(carelessVariant(phrase))
    for (const [map, key] of [
      [byFormat, row.format],
      [byLanguage, row.languages.split(',')[0] ?? 'und'],
    ] as const) {
      const entry = map.get(key) ?? { total: 0, found: 0, variantFound: 0 }
      entry.total += 1
      entry.found += hit ? 1 : 0
      entry.variantFound += variantHit ? 1 : 0
      map.set(key, entry)
    }
    if (!hit) missed.push(`${row.format}\t${row.path}\t${row.note}`)
  }

  // Search latency: fixed queries, against a brute-force scan of every document's text.
  const queries = fixedQueries
  const texts: string[] = []
  for await (const doc of daleel.store.listDocuments())
    texts.push(await daleel.store.getText(doc.id))
  const latency = async (run: () => unknown): Promise<number[]> => {
    const times: number[] = []
    for (let round = 0; round < 5; round += 1) {
      for (let q = 0; q < queries.length; q += 1) {
        const started = performance.now()
        await run()
        times.push(performance.now() - started)
      }
    }
    return times
  }
  let index = 0
  const daleelTimes = await latency(() =>
    daleel.search.search(queries[index++ % queries.length] ?? '', { limit: 20 }),
  )
  index = 0
  const scanTimes = await latency(() => {
    const word =
      (queries[index++ % queries.length] ?? '')
        .replace(/["*~()]|OR|lang:\w+|type:\w+|-\w+|\d+$/gu, '')
        .trim()
        .split(' ')[0] ?? ''
    return texts.filter((text) => text.includes(word)).length
  })

  const failures = new Map<string, number>()
  for await (const failure of daleel.store.listFailures())
    failures.set(failure.code, (failures.get(failure.code) ?? 0) + 1)
  await daleel.close()
  rmSync(two.dir, { recursive: true, force: true })

  const table = (
    map: Map<string, { total: number; found: number; variantFound: number }>,
  ): string =>
    [...map.entries()]
      .sort((a, b) => b[1].total - a[1].total)
      .map(
        ([key, v]) =>
          `| ${key} | ${v.total} | ${v.found} (${((100 * v.found) / v.total).toFixed(1)}%) | ${v.variantFound} (${((100 * v.variantFound) / v.total).toFixed(1)}%) |`,
      )
      .join('\n')
  const all = [...byFormat.values()].reduce(
    (a, v) => ({
      total: a.total + v.total,
      found: a.found + v.found,
      variantFound: a.variantFound + v.variantFound,
    }),
    { total: 0, found: 0, variantFound: 0 },
  )
  const fmt = (n: number): string => n.toFixed(1)
  const report = `# Measurements

Produced by \`npx tsx scripts/measure-corpus.ts\` (extraction workers from \`dist/\`: run
\`npx tsc -p tsconfig.build.json\` first) on ${new Date().toISOString().slice(0, 10)}, on the open
corpus (${rows.length} files, \`../shared/corpus\`), on this machine (${process.platform}, 2 cores, Node ${process.version}).
Re-run it to refresh this page.

## Ingest

| run | seconds | files | documents | failed | files/s | documents/s |
| --- | --- | --- | --- | --- | --- | --- |
| cold, 1 worker | ${fmt(one.seconds)} | ${one.summary.files} | ${one.summary.documents} | ${one.summary.failed} | ${fmt(one.summary.files / one.seconds)} | ${fmt(one.summary.documents / one.seconds)} |
| cold, 2 workers | ${fmt(two.seconds)} | ${two.summary.files} | ${two.summary.documents} | ${two.summary.failed} | ${fmt(two.summary.files / two.seconds)} | ${fmt(two.summary.documents / two.seconds)} |
| again, nothing changed | ${fmt(incrementalSeconds)} | ${incremental.files} | ${incremental.documents} | ${incremental.failed} | ${fmt(incremental.files / incrementalSeconds)} | — |

2 workers against 1: ×${fmt(one.seconds / two.seconds)}. Store size ${fmt(status.storeBytes / 1048576)} MB
(originals included). OCR was on (\`--ocr auto\`, the default): ${ocrDocuments} documents were read by
OCR.

Peak memory (RSS, MB). The main process is sampled twice a second; each extraction worker's own
peak is its VmHWM. "Workers together" is the largest sum of the workers' RSS seen at one time.
Workers are started again after a time-out or a crash, so a run can count more workers than it
runs at once. The OCR engine's memory is wasm memory outside each worker's V8 heap limit.
"Helpers" are the programs workers run (7-Zip, LibreOffice for legacy Office files).

| run | main process | workers started | one worker, peak | workers together, peak | helpers started | one helper, peak | load average before | after |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${memoryRow('1 worker', one)}
${memoryRow('2 workers', two)}

The machine has 2 cores${busy ? ` and was shared with other jobs during these runs (load averages above, against 2 cores): the times are upper bounds` : ''}.

Failures by code: ${[...failures.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ')}.
\`FORMAT_UNSUPPORTED\` files are kinds Daleel does not read (media, executables, fonts, CAD…;
\`daleel failures\` lists them); every file is either a document or a failure record.

## Expected phrases found by a phrase search

For every manifest row with an \`expected_phrase\`, the query \`"PHRASE" path:"FILE"\` must return
the file (or a document inside it). "Careless" is the same phrase typed without diacritics,
with bare alef, ه for ة and ي for ى.

Overall: ${all.found} of ${all.total} (${((100 * all.found) / all.total).toFixed(1)}%), careless ${all.variantFound} (${((100 * all.variantFound) / all.total).toFixed(1)}%).

| format | phrases | found | careless variant found |
| --- | --- | --- | --- |
${table(byFormat)}

| first language | phrases | found | careless variant found |
| --- | --- | --- | --- |
${table(byLanguage)}

## Search latency

${queries.length} fixed queries (Arabic, Hebrew, English; words, phrases, boolean, prefix, filters), 5 rounds,
top 20 hits with snippets, against the baseline of a brute-force \`String.includes\` scan of every
document's text in memory (no snippets, no ranking) over the same ${texts.length} documents.

| | p50 ms | p95 ms | p99 ms |
| --- | --- | --- | --- |
| Daleel search | ${fmt(percentile(daleelTimes, 50))} | ${fmt(percentile(daleelTimes, 95))} | ${fmt(percentile(daleelTimes, 99))} |
| baseline: scan | ${fmt(percentile(scanTimes, 50))} | ${fmt(percentile(scanTimes, 95))} | ${fmt(percentile(scanTimes, 99))} |
| ratio (baseline / Daleel) | ×${fmt(percentile(scanTimes, 50) / percentile(daleelTimes, 50))} | ×${fmt(percentile(scanTimes, 95) / percentile(daleelTimes, 95))} | |

## Phrases not found

${missed.length} rows (format, path, manifest note):

\`\`\`text
${missed.join('\n')}
\`\`\`
`
  writeFileSync(new URL('../docs/MEASUREMENTS.md', import.meta.url), report)
  console.error(report.split('## Phrases not found')[0])
}

await main()

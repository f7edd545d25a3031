/** Search: latency of the fixed Arabic, Hebrew and English queries on the corpus collection,
 *  for Daleel in-process (SearchService, what the API calls) and as a command (`daleel search`,
 *  process start included), against Recoll's `recollq` on the same files and a brute-force
 *  ripgrep over Daleel's extracted texts; and HTTP throughput of `daleel serve` under 10 and 50
 *  concurrent clients (autocannon). */

import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createInterface } from 'node:readline'

import { SearchService } from '../../src/search/index.js'
import { openStore } from '../../src/store/index.js'
import type { ChartBar } from './chart.js'
import { daleelSearchCli, daleelServeArgs, recollQuery } from './engines.js'
import type { BenchOptions } from './options.js'
import type { Peers } from './peers.js'
import { runTimed } from './processes.js'
import { benchQueries, rgArguments, type BenchQuery } from './queries.js'
import type { SectionResult, Table, TargetCheck } from './report.js'
import { count, latencyOf, median, medianLatency, ms, times, type Latency } from './stats.js'
import type { Workspace } from './workspace.js'

/** Latencies in ms per query index, over all rounds of one run. */
type PerQuery = number[][]

interface EngineRuns {
  readonly latencies: Latency[]
  readonly perQuery: PerQuery
  /** Hits (or matching files) per query, from the last round. */
  readonly totals: number[]
}

async function timeEngine(
  rounds: number,
  runs: number,
  label: string,
  run: (query: BenchQuery) => Promise<number>,
): Promise<EngineRuns> {
  const latencies: Latency[] = []
  const perQuery: PerQuery = benchQueries.map(() => [])
  const totals = benchQueries.map(() => 0)
  for (let r = 1; r <= runs; r += 1) {
    process.stderr.write(`bench: search ${label}, run ${r} of ${runs}\n`)
    const times: number[] = []
    for (let round = 0; round < rounds; round += 1) {
      for (const [index, query] of benchQueries.entries()) {
        const started = performance.now()
        totals[index] = await run(query)
        const elapsed = performance.now() - started
        times.push(elapsed)
        perQuery[index]?.push(elapsed)
      }
    }
    latencies.push(latencyOf(times))
  }
  return { latencies, perQuery, totals }
}

/** ripgrep stage by stage: each stage searches the files the previous one listed. */
async function runRg(textsFolder: string, query: BenchQuery): Promise<number> {
  let files: string[] | null = null
  let total = 0
  for (const [index, stage] of query.rg.entries()) {
    const last = index === query.rg.length - 1
    const args = [...rgArguments(stage, last), '-i']
    if (files !== null && files.length === 0) return 0
    const targets = files ?? [textsFolder]
    const result = await runTimed('rg', [...args, '--', ...targets])
    const lines = result.stdout.split('\n').filter(Boolean)
    files = lines.map((line) => (stage.without || !last ? line : line.replace(/:\d+$/u, '')))
    total = files.length
  }
  return total
}

interface LoadResult {
  readonly connections: number
  readonly requestsPerSecond: number
  readonly p50: number
  readonly p99: number
  readonly non2xx: number
  readonly errors: number
}

interface AutocannonResult {
  requests: { average: number }
  latency: { p50: number; p99: number }
  non2xx: number
  errors: number
}
type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  requests: { method: 'GET'; path: string }[]
}) => Promise<AutocannonResult>

/** Starts `daleel serve --port 0` and resolves with its URL and a way to stop it. */
async function startServer(store: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, daleelServeArgs(store), {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`daleel serve exited with ${code}`)))
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url))
  })
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit')
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

async function measureLoad(store: string, seconds: number): Promise<LoadResult[]> {
  const require = createRequire(import.meta.url)
  const autocannon = require('autocannon') as Autocannon
  const server = await startServer(store)
  const requests = benchQueries.map((query) => ({
    method: 'GET' as const,
    path: `/api/search?q=${encodeURIComponent(query.daleel)}&limit=20`,
  }))
  const results: LoadResult[] = []
  try {
    // One short warm-up, so the first run does not pay for loading and the page cache.
    await autocannon({ url: server.url, connections: 2, duration: 2, requests })
    for (const connections of [10, 50]) {
      process.stderr.write(`bench: search load, ${connections} connections\n`)
      const result = await autocannon({ url: server.url, connections, duration: seconds, requests })
      results.push({
        connections,
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      })
    }
  } finally {
    await server.stop()
  }
  return results
}

export async function searchSection(
  workspace: Workspace,
  options: BenchOptions,
  peers: Peers,
): Promise<SectionResult> {
  const storePath = await workspace.ensureCorpusStore()
  const recollConf = peers.recoll.available ? await workspace.ensureCorpusRecoll() : null
  const textsFolder = peers.rg.available ? await workspace.textsFolder() : null
  const { rounds, runs } = options

  const store = await openStore(storePath)
  const status = await store.status()
  const service = new SearchService(store)
  const inProcess = async (query: BenchQuery): Promise<number> =>
    (await service.search(query.daleel, { limit: 20 })).total
  let api: EngineRuns
  try {
    // Warm-up: the first queries load SQLite pages and compile statements.
    for (const query of benchQueries) await inProcess(query)
    api = await timeEngine(rounds, runs, 'Daleel in-process', inProcess)
  } finally {
    await store.close()
  }
  const cli = await timeEngine(rounds, runs, 'daleel search (CLI)', async (query) => {
    const result = await daleelSearchCli(storePath, query.daleel)
    return result.stdout.split('\n').filter(Boolean).length
  })
  const recoll = recollConf
    ? await timeEngine(rounds, runs, 'recollq', async (query) => {
        const result = await recollQuery(recollConf, query.recoll)
        return result.total
      })
    : null
  const rg = textsFolder
    ? await timeEngine(rounds, runs, 'rg', (query) => runRg(textsFolder, query))
    : null
  const load = peers.autocannon.available ? await measureLoad(storePath, options.loadSeconds) : []

  const apiLatency = medianLatency(api.latencies)
  const cliLatency = medianLatency(cli.latencies)
  const recollLatency = recoll ? medianLatency(recoll.latencies) : null
  const rgLatency = rg ? medianLatency(rg.latencies) : null
  const latencyRow = (name: string, latency: Latency | null, missing: string): string[] =>
    latency
      ? [name, ms(latency.p50), ms(latency.p95), ms(latency.p99)]
      : [name, missing, missing, missing]
  const summaryTable: Table = {
    caption: `${benchQueries.length} fixed queries × ${rounds} rounds per run, top 20 hits, on the corpus collection (${count(status.documents)} Daleel documents).`,
    header: ['engine', 'p50 ms', 'p95 ms', 'p99 ms'],
    rows: [
      latencyRow('Daleel in-process (SearchService: hits with snippets and pages)', apiLatency, ''),
      latencyRow('`daleel search Q --json` (a new process per query)', cliLatency, ''),
      latencyRow(
        '`recollq -c CONF -n 0-19 Q` (a new process per query)',
        recollLatency,
        'not measured',
      ),
      latencyRow(
        '`rg -F -i` over the extracted texts (a new process per stage)',
        rgLatency,
        'not measured',
      ),
    ],
  }
  const ratioRows: string[][] = []
  const bars: ChartBar[] = []
  const compare = (label: string, baseline: Latency | null, daleel: Latency): number => {
    if (!baseline) {
      ratioRows.push([label, 'not measured', 'not measured'])
      return Number.NaN
    }
    ratioRows.push([label, times(baseline.p50 / daleel.p50), times(baseline.p95 / daleel.p95)])
    bars.push({
      group: 'Search p95 (baseline time ÷ Daleel time)',
      label,
      ratio: baseline.p95 / daleel.p95,
    })
    return baseline.p95 / daleel.p95
  }
  compare('recollq vs daleel search, both as commands', recollLatency, cliLatency)
  compare('recollq command vs Daleel in-process', recollLatency, apiLatency)
  compare('rg command vs Daleel in-process', rgLatency, apiLatency)
  compare('rg command vs daleel search command', rgLatency, cliLatency)

  const perQuery: Table = {
    caption:
      'Per query (median ms over all runs and rounds; hits as each engine counts them, rg: matching files):',
    header: [
      'query',
      'kind',
      'Daleel hits',
      'Recoll hits',
      'rg files',
      'Daleel in-process',
      'daleel CLI',
      'recollq',
      'rg',
    ],
    rows: benchQueries.map((query, index) => [
      `\`${query.daleel}\`${query.recoll !== query.daleel ? ` (Recoll: \`${query.recoll}\`)` : ''}`,
      `${query.lang} ${query.kind}`,
      count(api.totals[index] ?? Number.NaN),
      recoll ? count(recoll.totals[index] ?? Number.NaN) : '–',
      rg ? count(rg.totals[index] ?? Number.NaN) : '–',
      ms(median(api.perQuery[index] ?? [])),
      ms(median(cli.perQuery[index] ?? [])),
      recoll ? ms(median(recoll.perQuery[index] ?? [])) : '–',
      rg ? ms(median(rg.perQuery[index] ?? [])) : '–',
    ]),
  }
  const tables: Table[] = [
    summaryTable,
    {
      caption: 'Ratios (baseline time ÷ Daleel time; above ×1 Daleel is faster):',
      header: ['comparison', 'p50', 'p95'],
      rows: ratioRows,
    },
    perQuery,
  ]
  if (load.length > 0) {
    const serial = 1000 / apiLatency.p50
    tables.push({
      caption: `HTTP: \`daleel serve\` on 127.0.0.1, GET /api/search over the same queries in turn, ${options.loadSeconds} s per run (autocannon, in the harness process). The last column compares with one client calling SearchService in a loop (1000 ÷ in-process p50 = ${serial.toFixed(0)} queries/s).`,
      header: [
        'clients',
        'requests/s',
        'p50 ms',
        'p99 ms',
        'non-2xx',
        'errors',
        '÷ one in-process client',
      ],
      rows: load.map((l) => [
        String(l.connections),
        l.requestsPerSecond.toFixed(0),
        ms(l.p50),
        ms(l.p99),
        String(l.non2xx),
        String(l.errors),
        times(l.requestsPerSecond / serial),
      ]),
    })
  }
  const notes = [
    "Both commands pay for starting a process: `recollq` is a small C++ program that opens the Xapian index; `daleel search` starts Node, loads the CLI and opens SQLite. That start, not the search, is most of the command's time; the in-process row is what the API and the workbench see.",
    'Recoll returns file names and no snippets (`-n 0-19` without `-A`); Daleel returns hits with snippets, highlights and page numbers. ripgrep only counts lines: it does no normalisation (so `وزاره الماليه` finds nothing in it), no ranking and no snippets.',
    ...benchQueries.filter((q) => q.note).map((q) => `\`${q.daleel}\`: ${q.note}.`),
  ]
  if (!peers.autocannon.available)
    notes.push('HTTP throughput: not measured (autocannon is missing).')
  const targets: TargetCheck[] = []
  const summary = [
    `search in-process p50/p95/p99 ${ms(apiLatency.p50)}/${ms(apiLatency.p95)}/${ms(apiLatency.p99)} ms; CLI p95 ${ms(cliLatency.p95)} ms; recollq p95 ${recollLatency ? ms(recollLatency.p95) : 'not measured'} ms; rg p95 ${rgLatency ? ms(rgLatency.p95) : 'not measured'} ms`,
    ...load.map(
      (l) =>
        `HTTP ${l.connections} clients: ${l.requestsPerSecond.toFixed(0)} req/s, p99 ${ms(l.p99)} ms, non-2xx ${l.non2xx}`,
    ),
  ]
  return {
    title: 'Search',
    intro: [
      'The same collection for every engine: the corpus copy as Daleel indexed it (OCR on) and as Recoll indexed it, and for ripgrep the texts Daleel extracted, one file per document. Queries cover single words, phrases, boolean operators, prefixes, proximity and filters in Arabic, Hebrew and English.',
    ],
    tables,
    notes,
    bars,
    targets,
    summary,
  }
}

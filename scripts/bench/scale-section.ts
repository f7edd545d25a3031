/** Scale: a generated collection of N documents (default 200,000; the issue's figure is
 *  1,000,000) built from real corpus sentences and written through the Store interface by a
 *  child process (scale-child.ts), with build time, store size, peak memory, and search latency
 *  over the fixed queries against a brute-force ripgrep over the same texts. */

import { join } from 'node:path'

import type { ChartBar } from './chart.js'
import { repoRoot } from './engines.js'
import type { BenchOptions } from './options.js'
import type { Peers } from './peers.js'
import { runChecked, runTimed } from './processes.js'
import { benchQueries, rgArguments } from './queries.js'
import type { SectionResult, Table, TargetCheck } from './report.js'
import {
  count,
  latencyOf,
  median,
  medianLatency,
  megabytes,
  ms,
  seconds,
  times,
  type Latency,
} from './stats.js'
import type { Workspace } from './workspace.js'

interface BuildResult {
  seconds: number
  analyseSeconds: number
  writeSeconds: number
  documents: number
  textBytes: number
  storeBytes: number
  peakRss: number
}

interface SearchResult {
  latencies: Latency[]
  perQuery: number[][]
  totals: number[]
  first: number[]
  openSeconds: number
  peakRss: number
}

const child = join(repoRoot, 'scripts', 'bench', 'scale-child.ts')

async function runChild<T>(args: readonly string[]): Promise<T> {
  const result = await runChecked(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  process.stderr.write(result.stderr)
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as T
}

export async function scaleSection(
  workspace: Workspace,
  options: BenchOptions,
  peers: Peers,
): Promise<SectionResult> {
  await workspace.sentences()
  const store = workspace.folder('scale-store')
  const textsFile = join(workspace.root, 'scale-texts.txt')
  process.stderr.write(`bench: scale, building ${count(options.scale)} documents\n`)
  const built = await runChild<BuildResult>([
    'build',
    store,
    String(options.scale),
    workspace.sentencesFile,
    textsFile,
  ])
  process.stderr.write('bench: scale, searching\n')
  const searched = await runChild<SearchResult>([
    'search',
    store,
    String(options.rounds),
    String(options.runs),
  ])
  const latency = medianLatency(searched.latencies)

  let rg: Latency | null = null
  const rgPerQuery: number[][] = benchQueries.map(() => [])
  if (peers.rg.available) {
    // ripgrep over one file holding every text, one document per line: the first stage of each
    // query's ripgrep plan (filters other than words cannot apply to one file).
    const runs: Latency[] = []
    for (let run = 0; run < options.runs; run += 1) {
      const all: number[] = []
      for (const [index, query] of benchQueries.entries()) {
        const stage = query.rg[0]
        if (!stage) continue
        const args = rgArguments({ ...stage, without: false, glob: undefined }, true)
        const result = await runTimed('rg', [...args, '-i', '--', textsFile])
        all.push(result.seconds * 1000)
        rgPerQuery[index]?.push(result.seconds * 1000)
      }
      runs.push(latencyOf(all))
    }
    rg = medianLatency(runs)
  }

  const atScale = options.scale >= 1_000_000
  const tables: Table[] = [
    {
      caption: `${count(built.documents)} generated documents (${megabytes(built.textBytes)} MB of text, 3–15 real sentences each, Arabic 40 %, English 40 %, Hebrew 20 %), written one \`replaceFile\` per document, as ingest does for one file.`,
      header: ['measure', 'value'],
      rows: [
        [
          'build time',
          `${seconds(built.seconds)} s (${count(built.documents / built.seconds)} documents/s)`,
        ],
        [
          'of which analysis (passages, language, analyze(), mentions)',
          `${seconds(built.analyseSeconds)} s`,
        ],
        ['of which Store.replaceFile (SQLite, FTS5)', `${seconds(built.writeSeconds)} s`],
        [
          'store size',
          `${megabytes(built.storeBytes)} MB (${(built.storeBytes / built.textBytes).toFixed(1)}× the text)`,
        ],
        ['peak RSS while building', `${megabytes(built.peakRss)} MB`],
        [
          'open + first round of queries (cold)',
          `${seconds(searched.openSeconds)} s; slowest first query ${ms(Math.max(...searched.first))} ms`,
        ],
        ['peak RSS while searching', `${megabytes(searched.peakRss)} MB`],
      ],
    },
    {
      caption: `Search latency over the ${benchQueries.length} fixed queries, top 20 hits with snippets, ${options.rounds} rounds × ${options.runs} runs after the first round:`,
      header: ['engine', 'p50 ms', 'p95 ms', 'p99 ms'],
      rows: [
        [
          'Daleel in-process (SearchService on the embedded store)',
          ms(latency.p50),
          ms(latency.p95),
          ms(latency.p99),
        ],
        rg
          ? [
              '`rg -F -i -c` over the same texts in one file (a new process per query)',
              ms(rg.p50),
              ms(rg.p95),
              ms(rg.p99),
            ]
          : ['rg', 'not measured', 'not measured', 'not measured'],
      ],
    },
    {
      caption: 'Per query (median ms; hits):',
      header: ['query', 'Daleel hits', 'Daleel ms', 'rg ms'],
      rows: benchQueries.map((query, index) => [
        `\`${query.daleel}\``,
        count(searched.totals[index] ?? Number.NaN),
        ms(median(searched.perQuery[index] ?? [])),
        rg ? ms(median(rgPerQuery[index] ?? [])) : '–',
      ]),
    },
  ]
  const bars: ChartBar[] = rg
    ? [
        {
          group: 'Scale (baseline time ÷ Daleel time)',
          label: `search p95 at ${count(built.documents)} documents vs rg`,
          ratio: rg.p95 / latency.p95,
        },
      ]
    : []
  const targets: TargetCheck[] = [
    {
      target: 'Search p95 under 50 ms at 1 M documents (embedded store)',
      measured: `${ms(latency.p95)} ms at ${count(built.documents)} documents${atScale ? '' : ' (not the full 1 M in this run)'}`,
      met: atScale ? latency.p95 < 50 : latency.p95 < 50 ? null : false,
    },
    {
      target: 'Peak memory under 1.5 GB while indexing (scale build)',
      measured: `${megabytes(built.peakRss)} MB at ${count(built.documents)} documents`,
      met: built.peakRss < 1.5 * 1024 ** 3,
    },
  ]
  return {
    title: `Scale: ${count(built.documents)} documents`,
    intro: [
      `Sentences come from the texts Daleel extracted from the corpus (split at sentence ends, 5–40 words, no repeats, by script). Each document is analysed by the real analyser exactly as \`process-item.ts\` analyses extracted text and written through \`Store.replaceFile\` by a child process, so its peak RSS is the build's own. \`npm run bench -- --only scale --scale 1000000\` runs the issue's full size.`,
    ],
    tables,
    notes: [
      'The ripgrep baseline scans every text for the first word or phrase of each query with no ranking, no normalisation and no snippets; it is what searching without an index costs on this collection.',
    ],
    bars,
    targets,
    summary: [
      `scale ${count(built.documents)}: build ${seconds(built.seconds)} s (analysis ${seconds(built.analyseSeconds)} s, store ${seconds(built.writeSeconds)} s), store ${megabytes(built.storeBytes)} MB, peak RSS ${megabytes(built.peakRss)} MB; search p50/p95/p99 ${ms(latency.p50)}/${ms(latency.p95)}/${ms(latency.p99)} ms${rg ? `; rg p95 ${ms(rg.p95)} ms (${times(rg.p95 / latency.p95)})` : ''}`,
    ],
  }
}

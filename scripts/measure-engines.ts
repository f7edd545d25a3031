/** Measures the team server against the embedded store on the same files: ingest throughput with
 *  1 and 2 workers (SQLite: `daleel index --workers N`; PostgreSQL: `daleel index --queue`, then
 *  N `daleel worker` processes of one extraction process each), and search latency p50/p95 of
 *  the same fixed queries on both engines. Writes the "Measured: SQLite and PostgreSQL" section
 *  of docs/postgres.md.
 *
 *  Run: DALEEL_TEST_POSTGRES=postgres://user:pass@127.0.0.1:5432/postgres \
 *       npx tsx scripts/measure-engines.ts [CORPUS_DIR] [--every N]
 *  The files are every Nth line of the corpus's MANIFEST.tsv (default 3), linked into a temporary
 *  folder; OCR is off so that the comparison is about the engines, not tesseract. */

import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import pg from 'pg'
import { openDaleel } from '../src/daleel.js'
import { fixedQueries } from './fixed-queries.js'

const args = process.argv.slice(2)
const everyAt = args.indexOf('--every')
const every = everyAt >= 0 ? Number(args[everyAt + 1]) : 3
const corpus = resolve(
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--every') ?? '../shared/corpus',
)
const admin = process.env['DALEEL_TEST_POSTGRES']
if (!admin) throw new Error('Set DALEEL_TEST_POSTGRES to a PostgreSQL server URL (admin rights).')
const bin = resolve('bin/daleel')

const queries = fixedQueries

function run(argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code) => done({ code, stdout, stderr }))
  })
}

async function checked(argv: string[]): Promise<string> {
  const result = await run(argv)
  if (result.code !== 0)
    throw new Error(`daleel ${argv.join(' ')} → ${result.code}\n${result.stderr}`)
  return result.stdout
}

async function freshDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(admin ?? '')
  url.pathname = `/${name}`
  return url.toString()
}

interface Ingest {
  engine: string
  workers: number
  seconds: number
  documents: number
  load: string
}

const load = (): string => loadavg()[0]?.toFixed(1) ?? '?'

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'daleel-engines-'))
  const input = join(root, 'in')
  const lines = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
  let files = 0
  lines.forEach((line, index) => {
    if (index % every !== 0) return
    const path = line.split('\t')[0] ?? ''
    mkdirSync(dirname(join(input, path)), { recursive: true })
    symlinkSync(join(corpus, path), join(input, path))
    files += 1
  })
  console.error(`${files} files (one line in ${every} of the manifest) in ${input}`)
  const results: Ingest[] = []
  const stores: Record<string, string> = {}

  for (const workers of [1, 2]) {
    const store = join(root, `sqlite-${workers}`)
    const before = load()
    const started = performance.now()
    const out = await checked([
      'index',
      input,
      '--store',
      store,
      '--workers',
      String(workers),
      '--ocr',
      'never',
      '--json',
      '-q',
    ])
    const seconds = (performance.now() - started) / 1000
    const summary = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { documents: number }
    results.push({
      engine: 'SQLite',
      workers,
      seconds,
      documents: summary.documents,
      load: `${before}→${load()}`,
    })
    stores['SQLite'] = store
    console.error(results.at(-1))
  }
  for (const workers of [1, 2]) {
    const url = new URL(await freshDatabase(`daleel_measure_${workers}`))
    url.searchParams.set('blobs', join(root, `pg-originals-${workers}`))
    const store = url.toString()
    const before = load()
    const started = performance.now()
    await checked(['index', input, '--queue', '--store', store, '--ocr', 'never', '-q'])
    const outs = await Promise.all(
      Array.from({ length: workers }, () =>
        checked(['worker', '--until-empty', '--workers', '1', '--store', store, '--json', '-q']),
      ),
    )
    const seconds = (performance.now() - started) / 1000
    const documents = outs
      .map(
        (out) =>
          (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { documents: number }).documents,
      )
      .reduce((a, b) => a + b, 0)
    results.push({ engine: 'PostgreSQL', workers, seconds, documents, load: `${before}→${load()}` })
    stores['PostgreSQL'] = store
    console.error(results.at(-1))
  }

  const latency: { engine: string; p50: number; p95: number; hits: number }[] = []
  for (const engine of ['SQLite', 'PostgreSQL']) {
    const daleel = await openDaleel({ store: stores[engine] ?? '' })
    const times: number[] = []
    let hits = 0
    for (let round = 0; round < 6; round += 1) {
      for (const query of queries) {
        const started = performance.now()
        const result = await daleel.search.search(query, { limit: 20 })
        // The first round warms caches and connections; it is not counted.
        if (round > 0) times.push(performance.now() - started)
        if (round === 0) hits += result.total
      }
    }
    await daleel.close()
    times.sort((a, b) => a - b)
    const at = (p: number): number =>
      times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0
    latency.push({ engine, p50: at(0.5), p95: at(0.95), hits })
  }

  const sqlite = (w: number) => results.find((r) => r.engine === 'SQLite' && r.workers === w)
  const lines2 = [
    '<!-- measure-engines:start -->',
    `Measured by \`scripts/measure-engines.ts\` on ${new Date().toISOString().slice(0, 10)}: ${files} files of the open corpus (one line in ${every} of its manifest, all formats), OCR off, this 2-core VM (load average shown: the machine was shared while measuring, so the figures are upper bounds), PostgreSQL 15 on the same machine.`,
    '',
    '| engine | workers | seconds | documents | docs/s | vs SQLite, same workers | load (1 min) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => {
      const base = sqlite(r.workers)
      const ratio = base ? `×${(base.seconds / r.seconds).toFixed(2)}` : ''
      return `| ${r.engine} | ${r.workers} | ${r.seconds.toFixed(1)} | ${r.documents} | ${(r.documents / r.seconds).toFixed(1)} | ${ratio} | ${r.load} |`
    }),
    '',
    `Search, ${queries.length} fixed Arabic/Hebrew/English queries × 5 rounds after a warm-up round, top 20 with snippets, through the same SearchService (in-process):`,
    '',
    '| engine | p50 ms | p95 ms | hits of the queries |',
    '| --- | --- | --- | --- |',
    ...latency.map(
      (l) => `| ${l.engine} | ${l.p50.toFixed(1)} | ${l.p95.toFixed(1)} | ${l.hits} |`,
    ),
    '<!-- measure-engines:end -->',
  ]
  const doc = 'docs/postgres.md'
  const text = readFileSync(doc, 'utf8')
  const section = lines2.join('\n')
  const replaced = /<!-- measure-engines:start -->[\s\S]*<!-- measure-engines:end -->/u.test(text)
    ? text.replace(/<!-- measure-engines:start -->[\s\S]*<!-- measure-engines:end -->/u, section)
    : `${text.trimEnd()}\n\n## Measured: SQLite and PostgreSQL on the same files\n\n${section}\n`
  writeFileSync(doc, replaced)
  console.log(section)
  rmSync(root, { recursive: true, force: true })
}

await main()

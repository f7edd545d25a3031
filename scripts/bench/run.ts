/** `npm run bench`: measures Daleel side by side with what users already have, in one run, on
 *  the same files and the same machine: ingest against Recoll, PDF text against pdftotext, OCR
 *  against native tesseract, search against recollq and ripgrep, HTTP throughput, and a
 *  generated collection at scale. Prints a summary and regenerates docs/BENCHMARKS.md and the
 *  chart docs/benchmarks.svg. A missing peer is named with its package, and the comparisons
 *  that need it say "not measured".
 *
 *    npm run bench -- [--only ingest,extraction,search,scale] [--scale N] [--runs N] [--help] */

import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'

import { renderChart } from './chart.js'
import { repoRoot } from './engines.js'
import { extractionSection } from './extraction-section.js'
import { ingestSection } from './ingest-section.js'
import { parseOptions, type SectionName } from './options.js'
import { findPeers, missingPeerLines, type Peers } from './peers.js'
import { loadAverage, runChecked } from './processes.js'
import { renderReport, type SectionResult } from './report.js'
import { scaleSection } from './scale-section.js'
import { searchSection } from './search-section.js'
import { Workspace } from './workspace.js'

type Section = (
  workspace: Workspace,
  options: ReturnType<typeof parseOptions>,
  peers: Peers,
) => Promise<SectionResult>

const sections: Record<SectionName, Section> = {
  ingest: ingestSection,
  extraction: extractionSection,
  search: searchSection,
  scale: scaleSection,
}

function commit(): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim()
    return dirty ? `${hash} (with uncommitted changes in src/)` : hash
  } catch {
    return 'unknown'
  }
}

function failedSection(name: SectionName, error: unknown): SectionResult {
  const reason = String((error as Error).message ?? error).split('\n')[0] ?? ''
  return {
    title: `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`,
    intro: [`Not measured: the section failed (${reason}).`],
    tables: [],
    notes: [],
    bars: [],
    targets: [],
    summary: [`${name}: failed (${reason})`],
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (!existsSync(join(options.corpus, 'MANIFEST.tsv'))) {
    throw new Error(`No corpus at ${options.corpus}: pass --corpus DIR or set DALEEL_TEST_CORPUS.`)
  }
  const peers = findPeers()
  const missing = missingPeerLines(peers)
  for (const line of missing) process.stderr.write(`${line}\n`)
  if (options.build) {
    process.stderr.write('bench: building dist/ (tsc -p tsconfig.build.json)\n')
    await runChecked(
      process.execPath,
      [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      { cwd: repoRoot },
    )
  }
  const loadBefore = loadAverage()
  const started = performance.now()
  const workspace = new Workspace(options.corpus)
  process.stderr.write(`bench: temporary folder ${workspace.root}\n`)
  const results: SectionResult[] = []
  try {
    for (const name of options.only) {
      try {
        results.push(await sections[name](workspace, options, peers))
      } catch (error) {
        // One section that breaks must not cost the others' figures.
        process.stderr.write(
          `bench: the ${name} section failed: ${String((error as Error).stack ?? error)}\n`,
        )
        results.push(failedSection(name, error))
      }
    }
  } finally {
    if (options.keep) process.stderr.write(`bench: kept ${workspace.root}\n`)
    else workspace.cleanup()
  }
  const loadAfter = loadAverage()
  const minutes = (performance.now() - started) / 60_000

  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
  const info = {
    date: new Date().toISOString().slice(0, 10),
    commit: commit(),
    command,
    machine: `${process.platform}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
    node: process.version,
    peers: Object.values(peers)
      .filter((peer) => peer.available)
      .map((peer) => peer.detail),
    missing,
    loadBefore,
    loadAfter,
    minutes,
    runs: options.runs,
  }
  process.stdout.write(
    `Daleel benchmarks (${command}), load ${loadBefore.join(' ')} → ${loadAfter.join(' ')}\n`,
  )
  for (const line of missing) process.stdout.write(`${line}\n`)
  for (const result of results)
    for (const line of result.summary) process.stdout.write(`  ${line}\n`)
  for (const target of results.flatMap((result) => result.targets)) {
    const verdict = target.met === null ? 'not measured' : target.met ? 'met' : 'NOT MET'
    process.stdout.write(`  target: ${target.target}: ${target.measured} — ${verdict}\n`)
  }
  if (options.write) {
    const bars = results.flatMap((result) => result.bars)
    writeFileSync(
      join(repoRoot, 'docs', 'benchmarks.svg'),
      renderChart(bars, `Daleel benchmarks, ${info.date}`),
    )
    const markdown = renderReport(info, results, 'benchmarks.svg')
    writeFileSync(join(repoRoot, 'docs', 'BENCHMARKS.md'), markdown)
    await runChecked(
      process.execPath,
      [join(repoRoot, 'node_modules/prettier/bin/prettier.cjs'), '--write', 'docs/BENCHMARKS.md'],
      { cwd: repoRoot },
    )
    process.stdout.write('wrote docs/BENCHMARKS.md and docs/benchmarks.svg\n')
  }
}

await main()

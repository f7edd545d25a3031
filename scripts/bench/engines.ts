/** The two indexers as the harness drives them, each as a user would from a shell: Daleel's CLI
 *  (`node bin/daleel …`, process start included) and Recoll's `recollindex` / `recollq` with a
 *  private configuration folder (its own index in the temporary folder, no GUI, no network). */

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { peerPath } from './peers.js'
import { runChecked, runTimed, type RunResult } from './processes.js'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const daleelBin = join(repoRoot, 'bin', 'daleel')

export interface IndexRun {
  readonly seconds: number
  readonly peakTreeRss: number
  readonly files: number
  readonly documents: number
  readonly failed: number
}

/** `daleel index DIR --store S --json --quiet [--ocr MODE]`, timed with its workers' memory. */
export async function daleelIndex(
  store: string,
  folder: string,
  ocr: 'auto' | 'never' = 'auto',
): Promise<IndexRun> {
  const result = await runChecked(
    process.execPath,
    [daleelBin, 'index', folder, '--store', store, '--json', '--quiet', '--ocr', ocr],
    { sampleMemory: true },
  )
  const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as {
    files?: number
    documents?: number
    failed?: number
  }
  return {
    seconds: result.seconds,
    peakTreeRss: result.peakTreeRss,
    files: summary.files ?? 0,
    documents: summary.documents ?? 0,
    failed: summary.failed ?? 0,
  }
}

/** `daleel search Q --store S --json --limit 20`: one process per query, as a script runs it. */
export async function daleelSearchCli(store: string, query: string): Promise<RunResult> {
  return runChecked(process.execPath, [
    daleelBin,
    'search',
    query,
    '--store',
    store,
    '--json',
    '--limit',
    '20',
  ])
}

export function daleelServeArgs(store: string): string[] {
  return [daleelBin, 'serve', '--store', store, '--port', '0', '--quiet']
}

/** Writes a Recoll configuration that indexes `topdir` into `folder/xapiandb`. */
export function writeRecollConfig(folder: string, topdir: string): string {
  mkdirSync(folder, { recursive: true })
  const lines = [
    `topdirs = ${topdir}`,
    `dbdir = ${join(folder, 'xapiandb')}`,
    // A spelling dictionary is extra work Daleel does not do.
    'noaspell = 1',
    'loglevel = 1',
    `logfilename = ${join(folder, 'recoll.log')}`,
  ]
  writeFileSync(join(folder, 'recoll.conf'), `${lines.join('\n')}\n`)
  return folder
}

/** `recollindex -c CONF`: cold when the index folder is new, else incremental. */
export async function recollIndex(confdir: string): Promise<IndexRun> {
  const result = await runChecked('recollindex', ['-c', confdir], {
    sampleMemory: true,
    env: { ...process.env, PATH: peerPath, RECOLL_CONFDIR: confdir },
  })
  const status = Object.fromEntries(
    readFileSync(join(confdir, 'idxstatus.txt'), 'utf8')
      .split('\n')
      .map((line) => line.split('=').map((part) => part.trim()))
      .filter((pair) => pair.length === 2),
  ) as Record<string, string>
  return {
    seconds: result.seconds,
    peakTreeRss: result.peakTreeRss,
    files: Number(status['filesdone'] ?? 0),
    documents: Number(status['docsdone'] ?? 0),
    failed: Number(status['fileerrors'] ?? 0),
  }
}

/** `recollq -c CONF -n 0-19 Q`; returns the run and the number of results Recoll reports. */
export async function recollQuery(
  confdir: string,
  query: string,
): Promise<RunResult & { total: number }> {
  const result = await runTimed('recollq', ['-c', confdir, '-n', '0-19', query], {
    env: { ...process.env, PATH: peerPath, RECOLL_CONFDIR: confdir },
  })
  const total = Number(/^(\d+) results/mu.exec(result.stdout)?.[1] ?? 0)
  return { ...result, total }
}

/** `daleel index PATH… [--collection NAME] [--ocr auto|always|never] [--workers N]` */

import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { DaleelError } from '../../domain/index.js'
import { defaultWorkers, openDaleel, storeLocation } from '../../daleel.js'
import type { IndexProgress, OcrMode } from '../../ingest/index.js'
import { printRecord, type GlobalOptions } from '../output.js'
import { positiveInteger, withDaleel } from '../run.js'

export function registerIndexCommand(program: Command): void {
  program
    .command('index')
    .description('ingest files and folders (containers expanded) into the store')
    .argument('<paths...>', 'files and folders to ingest')
    .option('--collection <name>', 'collection the documents belong to', 'default')
    .option('--ocr <mode>', 'auto (pages without usable text), always, or never', 'auto')
    .option(
      '--workers <n>',
      'extraction worker processes (default: number of cores)',
      positiveInteger,
    )
    .option(
      '--password-file <file>',
      'passwords to try on encrypted PDFs, Office files and archives, one per line',
    )
    .option(
      '--queue',
      "put the files in the PostgreSQL store's job queue for `daleel worker` instead of ingesting them here",
    )
    .action(
      async (
        paths: string[],
        local: {
          collection: string
          ocr: string
          workers?: number
          queue?: boolean
          passwordFile?: string
        },
        command: Command,
      ) => {
        const options = command.optsWithGlobals<GlobalOptions>()
        if (!['auto', 'always', 'never'].includes(local.ocr)) {
          throw new DaleelError('ARGUMENT_INVALID', {
            name: '--ocr',
            detail: 'use auto, always or never',
          })
        }
        if (local.queue) {
          await enqueue(paths, storeLocation(options.store), local.collection, local.ocr, options)
          return
        }
        await withDaleel(openDaleel({ store: storeLocation(options.store) }), async (daleel) => {
          const bar = progressBar(options)
          const summary = await daleel.index(paths, {
            ...(local.passwordFile ? { passwords: await readPasswords(local.passwordFile) } : {}),
            collection: local.collection,
            ocr: local.ocr as OcrMode,
            workers: local.workers ?? defaultWorkers(),
            onProgress: bar.update,
          })
          bar.stop()
          printRecord(options, summary, () =>
            [
              `files      ${summary.files}`,
              `documents  ${summary.documents}`,
              `failed     ${summary.failed}${summary.failed ? '  (see: daleel failures)' : ''}`,
              `skipped    ${summary.skipped}  (unchanged)`,
              `seconds    ${summary.seconds}`,
            ].join('\n'),
          )
        })
      },
    )
}

/** The password file: one password per line, kept exactly (spaces included); blank lines
 *  are skipped. */
async function readPasswords(path: string): Promise<string[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new DaleelError('INPUT_NOT_FOUND', { path }, { cause: error })
  }
  return text.split(/\r?\n/u).filter((line) => line !== '')
}

/** `index --queue`: one job per input file; `daleel worker` does the rest. */
async function enqueue(
  paths: string[],
  store: string,
  collection: string,
  ocr: string,
  options: GlobalOptions,
): Promise<void> {
  const started = performance.now()
  const { checkRoots, walk } = await import('../../ingest/index.js')
  const { enqueueFiles, openQueue, queueCounts } = await import('../../queue/ingest-queue.js')
  await checkRoots(paths)
  const boss = await openQueue(store)
  try {
    const queued = await enqueueFiles(boss, walk(paths), { collection, ocr: ocr as OcrMode })
    const counts = await queueCounts(boss)
    const summary = {
      queued,
      waiting: counts.queued,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    }
    printRecord(options, summary, () =>
      [
        `queued     ${queued} files (run \`daleel worker\` to ingest them)`,
        `waiting    ${counts.queued}`,
      ].join('\n'),
    )
  } finally {
    await boss.stop({ graceful: false, wait: true })
  }
}

/** A one-line progress display on a terminal; nothing in a pipe or with --quiet. */
function progressBar(options: GlobalOptions): {
  update: (p: IndexProgress) => void
  stop: () => void
} {
  if (options.quiet || !process.stderr.isTTY)
    return { update: () => undefined, stop: () => undefined }
  const started = performance.now()
  let last = 0
  return {
    update(p) {
      const now = performance.now()
      if (now - last < 100) return
      last = now
      const seconds = Math.max((now - started) / 1000, 0.001)
      const rate = p.done / seconds
      const eta = p.total && rate > 0 ? `  ETA ${formatDuration((p.total - p.done) / rate)}` : ''
      const of = p.total ? `/${p.total}` : ''
      const line = `files ${p.done}${of}  documents ${p.documents}  failed ${p.failed}  skipped ${p.skipped}  ${rate.toFixed(1)} files/s  ${(p.bytes / 1048576 / seconds).toFixed(1)} MB/s${eta}`
      process.stderr.write(`\r\u001b[2K${line}`)
    },
    stop() {
      process.stderr.write('\r\u001b[2K')
    },
  }
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?'
  const s = Math.round(seconds)
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`
}

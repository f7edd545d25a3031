/** `daleel index PATH… [--collection NAME] [--ocr auto|always|never] [--workers N]` */

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
    .action(
      async (
        paths: string[],
        local: { collection: string; ocr: string; workers?: number },
        command: Command,
      ) => {
        const options = command.optsWithGlobals<GlobalOptions>()
        if (!['auto', 'always', 'never'].includes(local.ocr)) {
          throw new DaleelError('ARGUMENT_INVALID', {
            name: '--ocr',
            detail: 'use auto, always or never',
          })
        }
        await withDaleel(openDaleel({ store: storeLocation(options.store) }), async (daleel) => {
          const bar = progressBar(options)
          const summary = await daleel.index(paths, {
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

/** `daleel worker`: ingests the files that `daleel index --queue` put in the PostgreSQL store's
 *  job queue. Run one per machine (each with `--workers N` extraction processes). */

import type { Command } from 'commander'
import { defaultWorkers, openDaleel, storeLocation } from '../../daleel.js'
import { printRecord, say, type GlobalOptions } from '../output.js'
import { positiveInteger, withDaleel } from '../run.js'

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('ingest the files queued with `daleel index --queue` (PostgreSQL store)')
    .option(
      '--workers <n>',
      'extraction worker processes (default: number of cores)',
      positiveInteger,
    )
    .option('--until-empty', 'stop when no job is waiting or running, instead of waiting for more')
    .action(async (flags: { workers?: number; untilEmpty?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const location = storeLocation(options.store)
      const { openQueue, runWorker } = await import('../../queue/ingest-queue.js')
      const { defaultIndexOptions } = await import('../../ingest/index.js')
      const boss = await openQueue(location)
      const stop = new AbortController()
      const onSignal = (): void => stop.abort()
      process.once('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
      try {
        await withDaleel(openDaleel({ store: location }), async (daleel) => {
          say(options, `worker ${process.pid} is taking jobs from ${daleel.store.location}`)
          const summary = await runWorker(boss, daleel.store, {
            ...defaultIndexOptions,
            workers: flags.workers ?? defaultWorkers(),
            untilEmpty: flags.untilEmpty ?? false,
            signal: stop.signal,
            onFile: (path) => say(options, `indexed ${path}`),
          })
          printRecord(options, summary, () =>
            [
              `files      ${summary.files}`,
              `documents  ${summary.documents}`,
              `failed     ${summary.failed}`,
              `seconds    ${summary.seconds}`,
            ].join('\n'),
          )
        })
      } finally {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
      }
    })
}

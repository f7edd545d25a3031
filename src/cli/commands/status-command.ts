/** `daleel status [--check]`: counts, and with --check an integrity check (exit 1 on problems). */

import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { formatBytes, printRecord, say, type GlobalOptions } from '../output.js'
import { withDaleel } from '../run.js'

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('counts of documents and failures; --check verifies the store')
    .option('--check', "verify every original's hash and the index; exit 1 if anything is wrong")
    .action(async (flags: { check?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async ({ store }) => {
        const status = await store.status()
        const problems = flags.check ? await store.check() : null
        const queue = await queueStatus(storeLocation(options.store))
        const record = {
          store: store.location,
          ...status,
          ...(queue ? { queue } : {}),
          ...(problems ? { ok: problems.length === 0, problems } : {}),
        }
        const list = (counts: Record<string, number>): string =>
          Object.entries(counts)
            .map(([key, n]) => `${key} ${n}`)
            .join(', ') || '-'
        printRecord(options, record, () =>
          [
            `store       ${store.location}`,
            `documents   ${status.documents}`,
            `failed      ${status.failed}`,
            `by type     ${list(status.byType)}`,
            `by language ${list(status.byLanguage)}`,
            `originals   ${status.originals}`,
            `size        ${formatBytes(status.storeBytes)}`,
            ...(queue
              ? [
                  `queue       ${queue.queued} waiting, ${queue.running} running, ${queue.failed} failed`,
                ]
              : []),
            ...(problems
              ? [`check       ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`]
              : []),
            ...(problems ?? []).map((problem) => `  ${problem.kind}: ${problem.detail}`),
          ].join('\n'),
        )
        if (problems && problems.length > 0) {
          say({ ...options, quiet: false }, 'The store failed its integrity check.')
          process.exitCode = 1
        }
      })
    })
}

/** Jobs of `index --queue` on a PostgreSQL store; null on the embedded store. */
async function queueStatus(
  location: string,
): Promise<{ queued: number; running: number; failed: number } | null> {
  if (!/^postgres(ql)?:\/\//iu.test(location)) return null
  const { openQueue, queueCounts } = await import('../../queue/ingest-queue.js')
  const boss = await openQueue(location)
  try {
    return await queueCounts(boss)
  } finally {
    await boss.stop({ graceful: false, wait: true })
  }
}

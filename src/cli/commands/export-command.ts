/** `daleel export --format ftm|csv [--out FILE]`: FollowTheMoney JSON lines, or mentions as CSV. */

import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import { exportFtm, exportMentionsCsv } from '../../search/index.js'
import type { Store } from '../../store/index.js'
import { say, type GlobalOptions } from '../output.js'
import { withDaleel } from '../run.js'

async function* ftmLines(store: Store): AsyncGenerator<string> {
  for await (const entity of exportFtm(store)) yield JSON.stringify(entity)
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'export documents and entities as FollowTheMoney JSON lines (ftm) or mentions as CSV',
    )
    .requiredOption('--format <format>', 'ftm or csv')
    .option('--out <file>', 'write to FILE instead of stdout')
    .action(async (flags: { format: string; out?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      if (flags.format !== 'ftm' && flags.format !== 'csv') {
        throw new DaleelError('ARGUMENT_INVALID', { name: '--format', detail: 'use ftm or csv' })
      }
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async ({ store }) => {
        const out: Writable = flags.out ? createWriteStream(flags.out) : process.stdout
        let count = 0
        const lines = flags.format === 'ftm' ? ftmLines(store) : exportMentionsCsv(store)
        for await (const line of lines) {
          if (!out.write(`${line}\n`)) await new Promise((resolve) => out.once('drain', resolve))
          count += 1
        }
        if (flags.out)
          await new Promise<void>((resolve, reject) =>
            out.end((error?: Error | null) => (error ? reject(error) : resolve())),
          )
        say(
          options,
          `${flags.format === 'ftm' ? count : count - 1} ${flags.format === 'ftm' ? 'entities' : 'mentions'} exported${flags.out ? ` to ${flags.out}` : ''}`,
        )
      })
    })
}

/** `daleel analyze`: re-runs language detection and entity extraction on the whole store. */

import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { printRecord, type GlobalOptions } from '../output.js'
import { withDaleel } from '../run.js'

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('run language detection and entity extraction again on every stored document')
    .action(async (_flags: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async (daleel) => {
        const summary = await daleel.analyze()
        printRecord(
          options,
          summary,
          () =>
            `documents  ${summary.documents}\nmentions   ${summary.mentions}\nseconds    ${summary.seconds}`,
        )
      })
    })
}

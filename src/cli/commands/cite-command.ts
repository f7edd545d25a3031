/** `daleel cite ID --at OFFSET[:LENGTH]`: a citation for a passage of a document's raw text. */

import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { citePassage } from '../../search/index.js'
import { DaleelError } from '../../domain/index.js'
import { isolate, printRecord, type GlobalOptions } from '../output.js'
import { withDaleel } from '../run.js'

export function registerCiteCommand(program: Command): void {
  program
    .command('cite')
    .description('print a citation for a passage: title, path, sha256, page and the exact quote')
    .argument('<id>', 'document id or path')
    .requiredOption(
      '--at <offset[:length]>',
      'character offset into the raw text, and length (default 200)',
    )
    .action(async (id: string, flags: { at: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const match = /^(\d+)(?::(\d+))?$/u.exec(flags.at)
      if (!match)
        throw new DaleelError('ARGUMENT_INVALID', {
          name: '--at',
          detail: 'use OFFSET or OFFSET:LENGTH',
        })
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async ({ store }) => {
        const citation = await citePassage(
          store,
          id,
          Number(match[1]),
          match[2] === undefined ? 200 : Number(match[2]),
        )
        printRecord(options, citation, () =>
          [
            `“${isolate(citation.quote)}”`,
            `— ${isolate(citation.title ?? citation.path)}${citation.page ? `, page ${citation.page}` : ''}`,
            `  ${isolate(citation.path)}`,
            `  sha256 ${citation.sha256}, characters ${citation.offset}–${citation.offset + citation.length}`,
          ].join('\n'),
        )
      })
    })
}

/** `daleel list` and `daleel failures`: one record per document, or per failed file. */

import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { isolate, printRecord, type GlobalOptions } from '../output.js'
import { withDaleel } from '../run.js'

export function registerListCommands(program: Command): void {
  program
    .command('list')
    .description('one record per document: id, path, type, lang, parent, sha256, size')
    .action(async (_flags: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async ({ store }) => {
        for await (const doc of store.listDocuments()) {
          const record = {
            id: doc.id,
            path: doc.path,
            type: doc.type,
            lang: doc.lang,
            parent: doc.parent,
            sha256: doc.sha256,
            size: doc.size,
          }
          printRecord(
            options,
            record,
            () =>
              `${doc.id}  ${doc.type.padEnd(6)} ${(doc.lang ?? '-').padEnd(3)} ${isolate(doc.path)}`,
          )
        }
      })
    })
  program
    .command('failures')
    .description('one record per file that could not be read: path, code, reason')
    .action(async (_flags: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async ({ store }) => {
        for await (const failure of store.listFailures()) {
          printRecord(
            options,
            { path: failure.path, reason: failure.reason, code: failure.code },
            () =>
              `${failure.code.padEnd(18)} ${isolate(failure.path)}\n${' '.repeat(19)}${failure.reason}`,
          )
        }
      })
    })
}

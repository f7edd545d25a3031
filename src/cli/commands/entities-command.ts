/** `daleel entities [--type T] [--doc ID]`: who, what, how much and when, with counts. */

import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { DaleelError, entityTypes, type EntityType } from '../../domain/index.js'
import { isolate, printRecord, type GlobalOptions } from '../output.js'
import { withDaleel } from '../run.js'

export function registerEntitiesCommand(program: Command): void {
  program
    .command('entities')
    .description(
      'list entities (people, organisations, places, money, dates, e-mails, …) with counts',
    )
    .option('--type <type>', `one of: ${entityTypes.join(', ')}`)
    .option('--doc <id>', 'only the entities of one document (id or path)')
    .action(async (flags: { type?: string; doc?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      if (flags.type && !(entityTypes as readonly string[]).includes(flags.type)) {
        throw new DaleelError('ARGUMENT_INVALID', {
          name: '--type',
          detail: `use one of ${entityTypes.join(', ')}`,
        })
      }
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async ({ store }) => {
        const doc = flags.doc ? await store.getDocument(flags.doc) : null
        if (flags.doc && !doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id: flags.doc })
        const entities = await store.listEntities({
          ...(flags.type ? { type: flags.type as EntityType } : {}),
          ...(doc ? { id: doc.id } : {}),
        })
        for (const entity of entities) {
          printRecord(
            options,
            entity,
            () =>
              `${entity.type.padEnd(12)} ${String(entity.count).padStart(5)} ×  ${String(entity.docs).padStart(4)} docs  ${isolate(entity.value)}${entity.normalized !== entity.value ? `  → ${isolate(entity.normalized)}` : ''}`,
          )
        }
      })
    })
}

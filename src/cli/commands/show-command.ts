/** `daleel show ID [--text] [--original]`: metadata, extracted text, or the original bytes. */

import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import { formatBytes, isolate, printRecord, type GlobalOptions } from '../output.js'
import { withDaleel } from '../run.js'

export function registerShowCommand(program: Command): void {
  program
    .command('show')
    .description('show a document (by id or path): metadata, --text, or --original bytes')
    .argument('<id>', 'document id or path')
    .option('--text', 'print the extracted text')
    .option('--original', 'write the original bytes, byte-identical, to stdout')
    .action(async (id: string, flags: { text?: boolean; original?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async ({ store }) => {
        const doc = await store.getDocument(id)
        if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
        if (flags.original) {
          let bytes: Uint8Array
          try {
            bytes = await store.readOriginal(doc.sha256)
          } catch (error) {
            throw new DaleelError('DOCUMENT_NO_ORIGINAL', { id: doc.id }, { cause: error })
          }
          await new Promise<void>((resolve, reject) =>
            process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())),
          )
          return
        }
        const text = flags.text ? await store.getText(doc.id) : undefined
        if (flags.text && !options.json) {
          process.stdout.write(text?.endsWith('\n') ? text : `${text ?? ''}\n`)
          return
        }
        const children = (await store.getChildren(doc.id)).map((child) => ({
          id: child.id,
          path: child.path,
          type: child.type,
        }))
        const pages = doc.pageCount
          ? (await store.getPassages(doc.id)).map((p) => ({
              page: p.page,
              start: p.start,
              end: p.end,
              lang: p.lang,
            }))
          : undefined
        const entities = await store.listEntities({ id: doc.id })
        const tags = await store.getTags(doc.id)
        const record = {
          ...doc,
          children,
          entities,
          tags,
          ...(pages ? { passages: pages } : {}),
          ...(text === undefined ? {} : { text }),
        }
        printRecord(options, record, () =>
          [
            `id         ${doc.id}`,
            `path       ${isolate(doc.path)}`,
            `title      ${isolate(doc.title ?? '')}`,
            `type       ${doc.type} (${doc.mediaType})`,
            `language   ${doc.lang ?? 'unknown'}${doc.langs.length > 1 ? ` (also ${doc.langs.slice(1).join(', ')})` : ''}`,
            `encoding   ${doc.encoding ?? '-'}`,
            `method     ${doc.method}`,
            `size       ${formatBytes(doc.size)}`,
            `sha256     ${doc.sha256}`,
            `pages      ${doc.pageCount ?? '-'}`,
            `parent     ${doc.parent ?? '-'}`,
            `children   ${children.length}`,
            ...children.map((child) => `  ${child.id}  ${isolate(child.path)}`),
            `modified   ${doc.modified ?? '-'}`,
            `indexed    ${doc.indexedAt}`,
            ...Object.entries(doc.metadata).map(
              ([key, value]) =>
                `${key.padEnd(10)} ${isolate(Array.isArray(value) ? value.join('; ') : String(value))}`,
            ),
            ...(tags.length ? [`tags       ${tags.map(isolate).join(', ')}`] : []),
            ...(entities.length ? [`entities   ${entities.length}`] : []),
            ...entities
              .slice(0, 50)
              .map(
                (e) =>
                  `  ${e.type.padEnd(12)} ${String(e.count).padStart(3)} ×  ${isolate(e.value)}`,
              ),
            ...doc.warnings.map(
              (warning) =>
                `warning    ${warning.code}${warning.page ? ` (page ${warning.page})` : ''}: ${warning.message}`,
            ),
          ].join('\n'),
        )
      })
    })
}

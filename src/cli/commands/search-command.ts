/** `daleel search QUERY [--limit N] [--offset N] [--facets]` and `daleel search --batch FILE` */

import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import type { SearchHit, SearchResult } from '../../search/index.js'
import { isolate, markRanges, printRecord, say, type GlobalOptions } from '../output.js'
import { nonNegativeInteger, positiveInteger, withDaleel } from '../run.js'

interface SearchFlags {
  limit: number
  offset: number
  facets?: boolean
  batch?: string
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('search the collection (see docs/query-language.md for the syntax)')
    .argument('[query...]', 'the query, e.g. "وزارة المالية" OR lang:he')
    .option('--limit <n>', 'hits to show (per query with --batch)', positiveInteger, 20)
    .option('--offset <n>', 'hits to skip, for paging', nonNegativeInteger, 0)
    .option('--facets', 'also count hits by language and type')
    .option('--batch <file>', 'run one query per line of FILE')
    .action(async (words: string[], flags: SearchFlags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const queries = flags.batch ? await batchQueries(flags.batch) : [words.join(' ')]
      if (!flags.batch && !queries[0]?.trim()) throw new DaleelError('QUERY_EMPTY')
      await withDaleel(openDaleel({ store: storeLocation(options.store) }), async (daleel) => {
        for (const query of queries) {
          let result: SearchResult
          try {
            result = await daleel.search.search(query, {
              limit: flags.limit,
              offset: flags.offset,
              facets: flags.facets ?? false,
            })
          } catch (error) {
            // In a batch, one bad line is reported and the others still run.
            if (!flags.batch || !(error instanceof DaleelError)) throw error
            say({ ...options, quiet: false }, `${query}: ${error.message}`)
            if (options.json)
              printRecord(
                options,
                { query, error: { code: error.code, message: error.message } },
                () => '',
              )
            continue
          }
          printResult(options, result, Boolean(flags.batch))
        }
      })
    })
}

async function batchQueries(file: string): Promise<string[]> {
  let content: string
  try {
    content = await readFile(file, 'utf8')
  } catch (error) {
    throw new DaleelError('INPUT_NOT_FOUND', { path: file }, { cause: error })
  }
  return content
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
}

function printResult(options: GlobalOptions, result: SearchResult, batch: boolean): void {
  if (batch && !options.json)
    process.stdout.write(`# ${isolate(result.query)}  (${result.total} hits)\n`)
  else
    say(
      options,
      `${result.total} hits${result.total > result.hits.length ? `, showing ${result.offset + 1}–${result.offset + result.hits.length}` : ''}`,
    )
  for (const hit of result.hits) {
    const record = {
      id: hit.id,
      path: hit.path,
      title: hit.title,
      lang: hit.lang,
      type: hit.type,
      score: hit.score,
      snippet: hit.snippet,
      page: hit.page,
      highlights: hit.highlights,
      offset: hit.offset,
      ...(batch ? { query: result.query } : {}),
    }
    printRecord(options, record, () => humanHit(hit))
  }
  if (result.facets) {
    printRecord(
      options,
      { facets: result.facets, total: result.total, ...(batch ? { query: result.query } : {}) },
      () =>
        ['lang', 'type']
          .map(
            (name) =>
              `${name}: ${Object.entries(result.facets?.[name as 'lang' | 'type'] ?? {})
                .map(([k, n]) => `${k} ${n}`)
                .join(', ')}`,
          )
          .join('\n'),
    )
  }
}

function humanHit(hit: SearchHit): string {
  const where = hit.page ? ` p.${hit.page}` : ''
  return `${hit.id}  ${hit.score.toFixed(2)}  ${isolate(hit.path)}${where}  [${hit.type}${hit.lang ? `, ${hit.lang}` : ''}]\n    ${isolate(markRanges(hit.snippet, hit.highlights))}`
}

/** Where ingest time goes: runs process-item.ts (type, extract, passages, analysis, mentions)
 *  on every file of a folder in this process, one at a time, members of containers included,
 *  and reports the time per media type, the slowest items and the share of analysis. The
 *  sandbox, hashing and the store are left out; `npm run bench` measures the whole and prints
 *  this profile beside it. Alone:
 *
 *    npx tsx scripts/bench/profile-ingest.ts [FOLDER] [--ocr auto|never] */

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { analyze } from '../../src/analysis/index.js'
import { defaultLimits, type OcrMode } from '../../src/ingest/extractor.js'
import { findMentions } from '../../src/ingest/find-mentions.js'
import { processItem } from '../../src/ingest/process-item.js'

export interface TypeTiming {
  readonly type: string
  items: number
  seconds: number
  /** analyze() on every passage plus findMentions, timed again alone after extraction. */
  analysis: number
  bytes: number
}

export interface IngestProfile {
  readonly files: number
  readonly seconds: number
  readonly analysis: number
  readonly byType: readonly TypeTiming[]
  readonly slowest: readonly { path: string; seconds: number; type: string }[]
}

/** Profiles every file under `folder`. */
export async function profileIngest(folder: string, ocr: OcrMode): Promise<IngestProfile> {
  const byType = new Map<string, TypeTiming>()
  const items: { path: string; seconds: number; type: string }[] = []
  const visit = async (
    path: string,
    name: string,
    bytes: Uint8Array,
    depth: number,
  ): Promise<void> => {
    const started = performance.now()
    let type = 'failed'
    let analysis = 0
    let childSeconds = 0
    try {
      const item = await processItem({
        bytes,
        name,
        limits: defaultLimits,
        ocr,
        sourcePath: depth === 0 ? path : null,
      })
      type = item.mediaType
      const a = performance.now()
      for (const passage of item.passages) analyze(item.text.slice(passage.start, passage.end))
      findMentions(item.text, item.passages)
      analysis = (performance.now() - a) / 1000
      const c = performance.now()
      for (const child of item.children) {
        if (depth < 10) await visit(`${path}!/${child.name}`, child.name, child.bytes, depth + 1)
      }
      childSeconds = (performance.now() - c) / 1000
    } catch (error) {
      type = `failed: ${(error as { code?: string }).code ?? 'error'}`
    }
    // The analysis pass above is a second run for the profile; it is not ingest time.
    const seconds = (performance.now() - started) / 1000 - analysis - childSeconds
    const entry = byType.get(type) ?? { type, items: 0, seconds: 0, analysis: 0, bytes: 0 }
    entry.items += 1
    entry.seconds += seconds
    entry.analysis += analysis
    entry.bytes += bytes.byteLength
    byType.set(type, entry)
    items.push({ path, seconds, type })
  }
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .sort()
  for (const path of files) {
    await visit(path, path.split('/').at(-1) ?? path, new Uint8Array(readFileSync(path)), 0)
  }
  const rows = [...byType.values()].sort((a, b) => b.seconds - a.seconds)
  return {
    files: files.length,
    seconds: rows.reduce((sum, row) => sum + row.seconds, 0),
    analysis: rows.reduce((sum, row) => sum + row.analysis, 0),
    byType: rows,
    slowest: items.sort((a, b) => b.seconds - a.seconds).slice(0, 15),
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const folder = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--ocr')
  const ocr = (args.includes('--ocr') ? args[args.indexOf('--ocr') + 1] : 'never') as OcrMode
  const profile = await profileIngest(folder ?? '../shared/corpus', ocr)
  process.stdout.write(
    `${profile.files} files, ${profile.seconds.toFixed(1)} s in one thread (--ocr ${ocr}); analysis ${profile.analysis.toFixed(1)} s more if run again\n\n`,
  )
  process.stdout.write(
    '| media type | items | seconds | share | analysis s | MB |\n| --- | --- | --- | --- | --- | --- |\n',
  )
  for (const t of profile.byType.slice(0, 25)) {
    process.stdout.write(
      `| ${t.type} | ${t.items} | ${t.seconds.toFixed(1)} | ${((100 * t.seconds) / profile.seconds).toFixed(1)} % | ${t.analysis.toFixed(1)} | ${(t.bytes / 1024 ** 2).toFixed(1)} |\n`,
    )
  }
  process.stdout.write('\nslowest items:\n')
  for (const item of profile.slowest) {
    process.stdout.write(`  ${item.seconds.toFixed(2)} s  ${item.type}  ${item.path}\n`)
  }
}

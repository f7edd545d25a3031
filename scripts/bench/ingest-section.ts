/** Ingest: Daleel's `daleel index` against Recoll's `recollindex` on the same files: the mixed
 *  corpus and a larger generated collection, each cold, again with nothing changed, and again
 *  after one file changed. Both run as processes from a shell would, interleaved, so the load of
 *  the machine falls on both alike; each figure is the median of the runs. */

import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import type { ChartBar } from './chart.js'
import { daleelIndex, recollIndex, writeRecollConfig, type IndexRun } from './engines.js'
import { writeGeneratedFiles } from './generate.js'
import { profileIngest } from './profile-ingest.js'
import type { BenchOptions } from './options.js'
import type { Peers } from './peers.js'
import type { SectionResult, Table, TargetCheck } from './report.js'
import { count, fixed, median, megabytes, seconds, times } from './stats.js'
import { folderSize, type Workspace } from './workspace.js'

type Phase = 'cold' | 'again' | 'changed'

interface Collection {
  readonly name: string
  readonly folder: string
  readonly files: number
  readonly bytes: number
  /** The file the third phase changes. */
  readonly changed: string
}

interface Measured {
  daleel: Record<Phase, IndexRun[]>
  recoll: Record<Phase, IndexRun[]>
  /** Daleel with its defaults (OCR on) on a cold store, corpus only. */
  daleelOcr: IndexRun[]
  daleelBytes: number
  recollBytes: number
}

const emptyPhases = (): Record<Phase, IndexRun[]> => ({ cold: [], again: [], changed: [] })

/** The first file with this extension under a folder, in name order, so every run changes the
 *  same file. */
function firstFile(folder: string, extension: string): string {
  const found = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .sort()[0]
  if (found === undefined) throw new Error(`no ${extension} file under ${folder}`)
  return join(folder, found)
}

/** Changes one file's content (a sentence appended) and its date. */
function changeFile(path: string): void {
  writeFileSync(path, `${readFileSync(path, 'utf8')}\nA sentence added for the incremental run.\n`)
}

function restoreFile(path: string, content: Buffer, mtime: Date): void {
  writeFileSync(path, content)
  utimesSync(path, mtime, mtime)
}

async function measureCollection(
  workspace: Workspace,
  collection: Collection,
  options: BenchOptions,
  peers: Peers,
  withOcrVariant: boolean,
): Promise<Measured> {
  const measured: Measured = {
    daleel: emptyPhases(),
    recoll: emptyPhases(),
    daleelOcr: [],
    daleelBytes: Number.NaN,
    recollBytes: Number.NaN,
  }
  const original = readFileSync(collection.changed)
  const { mtime } = statSync(collection.changed)
  for (let run = 1; run <= options.runs; run += 1) {
    restoreFile(collection.changed, original, mtime)
    const tag = `${collection.name}-${run}`
    process.stderr.write(`bench: ingest ${collection.name}, run ${run} of ${options.runs}\n`)
    const store = workspace.folder(`store-${tag}`)
    const conf = peers.recoll.available
      ? writeRecollConfig(workspace.folder(`recoll-${tag}`), collection.folder)
      : null
    // Like for like: Recoll reads no image and no scan unless configured to, so neither does
    // Daleel here; the OCR variant below is Daleel as a user runs it.
    const ocr = withOcrVariant ? 'never' : 'auto'
    for (const phase of ['cold', 'again', 'changed'] as const) {
      if (phase === 'changed') changeFile(collection.changed)
      measured.daleel[phase].push(await daleelIndex(store, collection.folder, ocr))
      if (conf) measured.recoll[phase].push(await recollIndex(conf))
    }
    measured.daleelBytes = folderSize(store).bytes
    if (conf) measured.recollBytes = folderSize(join(conf, 'xapiandb')).bytes
    if (withOcrVariant) {
      const full = workspace.folder(`store-${tag}-ocr`)
      measured.daleelOcr.push(await daleelIndex(full, collection.folder, 'auto'))
      if (run === options.runs) workspace.corpusStore = full
    }
    if (collection.name === 'corpus' && conf && run === options.runs) workspace.corpusRecoll = conf
  }
  return measured
}

const medianOf = (runs: readonly IndexRun[], pick: (run: IndexRun) => number): number =>
  runs.length === 0 ? Number.NaN : median(runs.map(pick))

export async function ingestSection(
  workspace: Workspace,
  options: BenchOptions,
  peers: Peers,
): Promise<SectionResult> {
  const corpusSize = workspace.copyCorpus()
  const corpus: Collection = {
    name: 'corpus',
    folder: workspace.corpusCopy,
    ...corpusSize,
    changed: firstFile(join(workspace.corpusCopy, 'arabic-news'), '.txt'),
  }
  const corpusMeasured = await measureCollection(workspace, corpus, options, peers, true)
  const sentences = await workspace.sentences()
  const generatedFolder = workspace.folder('generated')
  const generatedBytes = writeGeneratedFiles(generatedFolder, sentences, options.generated)
  const generated: Collection = {
    name: 'generated',
    folder: generatedFolder,
    files: options.generated,
    bytes: generatedBytes,
    changed: firstFile(generatedFolder, '.txt'),
  }
  const generatedMeasured = await measureCollection(workspace, generated, options, peers, false)

  process.stderr.write('bench: ingest profile (process-item.ts per file, one thread)\n')
  const profile = await profileIngest(workspace.corpusCopy, 'never')

  const rows: string[][] = []
  const bars: ChartBar[] = []
  const row = (
    collection: Collection,
    label: string,
    daleel: readonly IndexRun[],
    recoll: readonly IndexRun[],
    target?: number,
  ): number => {
    const dSeconds = medianOf(daleel, (r) => r.seconds)
    const rSeconds = medianOf(recoll, (r) => r.seconds)
    const dDocs = medianOf(daleel, (r) => r.documents)
    const rDocs = medianOf(recoll, (r) => r.documents)
    const ratio = rSeconds / dSeconds
    const cold = label.startsWith('cold')
    rows.push([
      `${collection.name} (${count(collection.files)} files, ${megabytes(collection.bytes)} MB)`,
      label,
      seconds(dSeconds),
      peers.recoll.available ? seconds(rSeconds) : 'not measured',
      cold ? `${count(dDocs)} / ${fixed(dDocs / dSeconds)}` : `${count(dDocs)} re-indexed`,
      peers.recoll.available
        ? cold
          ? `${count(rDocs)} / ${fixed(rDocs / rSeconds)}`
          : `${count(rDocs)} re-indexed`
        : 'not measured',
      cold ? fixed(collection.bytes / 1024 ** 2 / dSeconds, 2) : '–',
      cold && peers.recoll.available ? fixed(collection.bytes / 1024 ** 2 / rSeconds, 2) : '–',
      peers.recoll.available ? times(ratio) : 'not measured',
    ])
    if (peers.recoll.available) {
      bars.push({
        group: 'Ingest (Recoll time ÷ Daleel time)',
        label: `${collection.name}, ${label}`,
        ratio,
        ...(target === undefined ? {} : { target }),
      })
    }
    return ratio
  }
  const c = corpusMeasured
  const g = generatedMeasured
  const coldRatio = row(corpus, 'cold, no OCR', c.daleel.cold, c.recoll.cold, 1.5)
  row(corpus, 'cold, Daleel with OCR (default)', c.daleelOcr, c.recoll.cold)
  row(corpus, 'again, nothing changed', c.daleel.again, c.recoll.again)
  row(corpus, 'again, one file changed', c.daleel.changed, c.recoll.changed)
  const generatedRatio = row(generated, 'cold', g.daleel.cold, g.recoll.cold, 1.5)
  row(generated, 'again, nothing changed', g.daleel.again, g.recoll.again)
  row(generated, 'again, one file changed', g.daleel.changed, g.recoll.changed)

  const peak = (runs: readonly IndexRun[]): number => Math.max(...runs.map((r) => r.peakTreeRss))
  const daleelPeak = Math.max(
    peak(c.daleel.cold),
    peak(c.daleelOcr),
    peak(g.daleel.cold),
    peak(c.daleel.changed),
  )
  const memory: Table = {
    caption:
      'Peak memory of the whole process tree (indexer, workers and helper programs) and index size:',
    header: [
      'collection',
      'Daleel peak RSS MB',
      'Recoll peak RSS MB',
      'Daleel store MB',
      'Recoll index MB',
    ],
    rows: [
      [
        'corpus, cold (Daleel with OCR)',
        `${megabytes(peak(c.daleelOcr))} (no OCR: ${megabytes(peak(c.daleel.cold))})`,
        peers.recoll.available ? megabytes(peak(c.recoll.cold)) : 'not measured',
        megabytes(c.daleelBytes),
        megabytes(c.recollBytes),
      ],
      [
        'generated, cold',
        megabytes(peak(g.daleel.cold)),
        peers.recoll.available ? megabytes(peak(g.recoll.cold)) : 'not measured',
        megabytes(g.daleelBytes),
        megabytes(g.recollBytes),
      ],
    ],
  }
  const targets: TargetCheck[] = [
    {
      target: 'Ingest faster than Recoll on the mixed corpus (aim ×1.5)',
      measured: peers.recoll.available
        ? `${times(coldRatio)} cold, like for like (generated: ${times(generatedRatio)})`
        : 'Recoll missing',
      met: peers.recoll.available ? coldRatio >= 1 : null,
    },
    {
      target: 'Peak memory under 1.5 GB while indexing',
      measured: `${megabytes(daleelPeak)} MB (process tree, corpus and generated)`,
      met: daleelPeak < 1.5 * 1024 ** 3,
    },
  ]
  return {
    title: 'Ingest',
    intro: [
      `Both indexers run as commands, process start included: \`daleel index DIR --store S --json --quiet\` (one extraction worker per core, the default) and \`recollindex -c CONF\` with a private configuration (its own index folder, no spelling dictionary, Recoll's default threads and filters). Both ingest a private copy of the corpus (${count(corpus.files)} files, ${megabytes(corpus.bytes)} MB) and a generated collection of ${count(generated.files)} .txt, .html and .eml files (${megabytes(generated.bytes)} MB) made of real corpus sentences. "Again" runs the same command on the same index; "one file changed" appends a sentence to one text file first.`,
      'Recoll reads no images and no scans in its default configuration, so the like-for-like row runs Daleel with `--ocr never`; the next row is Daleel as a user runs it (OCR of images and scanned pages on), against the same Recoll run. Documents are as each tool counts them (Daleel: files, archive members and attachments; Recoll: files and sub-documents).',
    ],
    tables: [
      {
        header: [
          'collection',
          'run',
          'Daleel s',
          'Recoll s',
          'Daleel documents / per s',
          'Recoll documents / per s',
          'Daleel MB/s',
          'Recoll MB/s',
          'Recoll time ÷ Daleel time',
        ],
        rows,
      },
      memory,
      {
        caption: `Profile: where the time goes. \`process-item.ts\` (type, extract, passages, analysis, mentions) on every file of the corpus copy and every member of its containers, in this process, one thread, no OCR: ${seconds(profile.seconds)} s in all, of which about ${seconds(profile.analysis)} s is analysis (analyze() and entity mentions, timed again alone). The sandbox, hashing and the store come on top. The 12 costliest media types:`,
        header: ['media type', 'items', 'seconds', 'share', 'analysis s', 'MB'],
        rows: profile.byType
          .slice(0, 12)
          .map((t) => [
            t.type,
            count(t.items),
            seconds(t.seconds),
            `${fixed((100 * t.seconds) / profile.seconds)} %`,
            seconds(t.analysis),
            megabytes(t.bytes),
          ]),
      },
      {
        caption: 'The slowest items of the profile:',
        header: ['seconds', 'media type', 'item'],
        rows: profile.slowest
          .slice(0, 10)
          .map((item) => [
            seconds(item.seconds),
            item.type,
            `\`${item.path.replace(`${workspace.corpusCopy}/`, '')}\``,
          ]),
      },
    ],
    notes: [
      "Daleel's store keeps a copy of every original (for `daleel show --original` and citations) besides the index; Recoll keeps only its index and reads the files again to show them.",
    ],
    bars,
    targets,
    summary: [
      `ingest corpus cold (no OCR): Daleel ${seconds(medianOf(c.daleel.cold, (r) => r.seconds))} s, Recoll ${seconds(medianOf(c.recoll.cold, (r) => r.seconds))} s, ratio ${times(coldRatio)}`,
      `ingest corpus cold (OCR): Daleel ${seconds(medianOf(c.daleelOcr, (r) => r.seconds))} s`,
      `ingest generated cold: ratio ${times(generatedRatio)}; Daleel peak tree RSS ${megabytes(daleelPeak)} MB`,
    ],
  }
}

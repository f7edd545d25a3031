/** The harness's temporary folder and what the sections share in it: a private copy of the
 *  corpus (the incremental runs change a file, and the shared corpus must stay untouched), the
 *  Daleel store and the Recoll index of that copy, the sentences of the generated collections,
 *  and the extracted texts that ripgrep scans. Whatever one section built, the next one reuses. */

import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { openStore } from '../../src/store/index.js'
import { daleelIndex, recollIndex, writeRecollConfig } from './engines.js'
import { collectSentences, type Sentences } from './generate.js'

/** Files and bytes under a folder. */
export function folderSize(folder: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    files += 1
    bytes += statSync(join(entry.parentPath, entry.name)).size
  }
  return { files, bytes }
}

export class Workspace {
  readonly root = mkdtempSync(join(tmpdir(), 'daleel-bench-'))
  readonly corpusCopy = join(this.root, 'corpus')
  /** The Daleel store of the corpus copy, ingested with the default options (OCR on). */
  corpusStore: string | null = null
  /** The Recoll configuration folder whose index holds the corpus copy. */
  corpusRecoll: string | null = null
  private copied: { files: number; bytes: number } | null = null
  private cachedSentences: Sentences | null = null
  private texts: string | null = null

  constructor(private readonly corpus: string) {}

  /** Copies the corpus once; returns its size. */
  copyCorpus(): { files: number; bytes: number } {
    if (!this.copied) {
      cpSync(this.corpus, this.corpusCopy, { recursive: true, preserveTimestamps: true })
      this.copied = folderSize(this.corpusCopy)
    }
    return this.copied
  }

  /** A fresh folder under the workspace. */
  folder(name: string): string {
    const path = join(this.root, name)
    rmSync(path, { recursive: true, force: true })
    mkdirSync(path, { recursive: true })
    return path
  }

  async ensureCorpusStore(): Promise<string> {
    if (this.corpusStore) return this.corpusStore
    this.copyCorpus()
    const store = this.folder('corpus-store')
    process.stderr.write('bench: indexing the corpus copy with Daleel (for search)…\n')
    await daleelIndex(store, this.corpusCopy, 'auto')
    this.corpusStore = store
    return store
  }

  async ensureCorpusRecoll(): Promise<string> {
    if (this.corpusRecoll) return this.corpusRecoll
    this.copyCorpus()
    const conf = writeRecollConfig(this.folder('corpus-recoll'), this.corpusCopy)
    process.stderr.write('bench: indexing the corpus copy with Recoll (for search)…\n')
    await recollIndex(conf)
    this.corpusRecoll = conf
    return conf
  }

  /** Real sentences of the corpus, from the texts Daleel extracted. */
  async sentences(): Promise<Sentences> {
    if (this.cachedSentences) return this.cachedSentences
    const store = await openStore(await this.ensureCorpusStore())
    try {
      this.cachedSentences = await collectSentences(store)
    } finally {
      await store.close()
    }
    const file = join(this.root, 'sentences.json')
    writeFileSync(file, JSON.stringify(this.cachedSentences))
    return this.cachedSentences
  }

  get sentencesFile(): string {
    return join(this.root, 'sentences.json')
  }

  /** Every document's extracted text as `<id>.<lang>.<type>.txt`, for ripgrep. */
  async textsFolder(): Promise<string> {
    if (this.texts) return this.texts
    const folder = this.folder('texts')
    const store = await openStore(await this.ensureCorpusStore())
    try {
      for await (const doc of store.listDocuments()) {
        const safe = (value: string | null): string =>
          (value ?? 'und').toLowerCase().replace(/[^a-z0-9-]/gu, '_')
        writeFileSync(
          join(folder, `${doc.id}.${safe(doc.lang)}.${safe(doc.type)}.txt`),
          await store.getText(doc.id),
        )
      }
    } finally {
      await store.close()
    }
    this.texts = folder
    return folder
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}

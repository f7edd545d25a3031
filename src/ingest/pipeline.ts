/** walk → extract (in the sandbox) → analyse → store. Whatever happens to one file, the run goes
 *  on: every file becomes documents or failure records. Each input file is stored in one step,
 *  so a killed run can simply be started again. */

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { DaleelError, type DocumentRecord, type FailureRecord } from '../domain/index.js'
import { sha256Hex, type FileState, type Store, type StoredDocument } from '../store/index.js'
import { defaultLimits, type ExtractionLimits, type OcrMode } from './extractor.js'
import { ExtractionPool } from './sandbox/extraction-pool.js'
import { checkRoots, walk, type InputFile } from './walk.js'

export interface IndexOptions {
  readonly collection: string
  readonly workers: number
  readonly timeoutMs: number
  readonly memoryMb: number
  readonly maxDepth: number
  readonly maxFileBytes: number
  readonly limits: ExtractionLimits
  readonly ocr: OcrMode
  /** Passwords to try on encrypted PDFs, Office files and archives. */
  readonly passwords?: readonly string[]
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: IndexProgress) => void
}

export interface IndexProgress {
  /** Input files found so far, and how many of them are finished. */
  readonly files: number
  readonly done: number
  /** Every input file under the roots, once counted (the count runs beside the work). */
  readonly total: number | null
  readonly documents: number
  readonly failed: number
  readonly skipped: number
  readonly bytes: number
  readonly current: string
}

/** The contract's final summary of `daleel index`. */
export interface IndexSummary {
  readonly files: number
  readonly documents: number
  readonly failed: number
  readonly skipped: number
  readonly seconds: number
}

export const defaultIndexOptions: Omit<IndexOptions, 'workers'> = {
  collection: 'default',
  timeoutMs: 120_000,
  memoryMb: 2048,
  maxDepth: 10,
  maxFileBytes: 4 * 1024 ** 3,
  limits: defaultLimits,
  ocr: 'auto',
}

const retryableCodes: ReadonlySet<string> = new Set([
  'EXTRACT_TIMEOUT',
  'EXTRACT_MEMORY',
  'EXTRACT_FAILED',
])

/** The stable id of a document: the same path in the same collection keeps its id. */
export function documentId(collection: string, path: string): string {
  return createHash('sha256').update(`${collection}\n${path}`).digest('hex').slice(0, 16)
}

/** Indexes files and folders into the store and returns the contract's summary. */
export async function indexPaths(
  store: Store,
  roots: readonly string[],
  options: IndexOptions,
): Promise<IndexSummary> {
  await checkRoots(roots)
  const started = performance.now()
  const pool = new ExtractionPool(options)
  const progress = {
    files: 0,
    done: 0,
    total: null as number | null,
    documents: 0,
    failed: 0,
    skipped: 0,
    bytes: 0,
    current: '',
  }
  if (options.onProgress) {
    // Only for the progress display's ETA: a second, cheap walk over the folders.
    void (async () => {
      let total = 0
      for await (const file of walk(roots)) total += file.error ? 0 : 1
      progress.total = Math.max(total, progress.files)
    })()
  }
  const running = new Set<Promise<void>>()
  // A few more files in flight than workers, so a worker never waits for the disk.
  const inFlight = Math.max(1, options.workers) * 2
  try {
    for await (const file of walk(roots)) {
      if (options.signal?.aborted) break
      progress.files += 1
      const task = indexFile(store, file, options, pool).then((outcome) => {
        progress.done += 1
        progress.documents += outcome.documents
        progress.failed += outcome.failed
        progress.skipped += outcome.skipped ? 1 : 0
        progress.bytes += file.size
        progress.current = file.path
        options.onProgress?.({ ...progress })
      })
      const tracked = task.finally(() => running.delete(tracked))
      running.add(tracked)
      if (running.size >= inFlight) await Promise.race(running)
    }
    await Promise.all(running)
  } finally {
    pool.close()
  }
  return {
    files: progress.files,
    documents: progress.documents,
    failed: progress.failed,
    skipped: progress.skipped,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  }
}

export interface FileOutcome {
  readonly documents: number
  readonly failed: number
  readonly skipped: boolean
}

/** Indexes input files one at a time, as a queue worker receives them, with its own pool of
 *  extraction workers. */
export class FileIndexer {
  private readonly pool: ExtractionPool

  constructor(
    private readonly store: Store,
    private readonly options: IndexOptions,
  ) {
    this.pool = new ExtractionPool(options)
  }

  index(file: InputFile): Promise<FileOutcome> {
    return indexFile(this.store, file, this.options, this.pool)
  }

  close(): void {
    this.pool.close()
  }
}

async function indexFile(
  store: Store,
  file: InputFile,
  options: IndexOptions,
  pool: ExtractionPool,
): Promise<FileOutcome> {
  const { collection } = options
  const failureOf = (
    code: DaleelError['code'],
    params: Record<string, string | number>,
    sha256: string | null,
  ): FailureRecord => ({
    path: file.path,
    code,
    reason: new DaleelError(code, params).message,
    sha256,
    size: file.size,
    collection,
  })
  const known = await store.getFileState(collection, file.path)
  // A file stopped by a limit or an internal error is tried again; a damaged one is not.
  const retry =
    known !== null &&
    (await store.failureCodes(collection, file.path)).some(
      (code) =>
        retryableCodes.has(code) ||
        // New passwords may open what was locked before.
        (code === 'FILE_ENCRYPTED' && (options.passwords?.length ?? 0) > 0),
    )
  if (
    known &&
    known.size === file.size &&
    known.mtimeMs === file.mtimeMs &&
    !file.error &&
    !retry
  ) {
    return { documents: 0, failed: 0, skipped: true }
  }
  const state = (sha256: string): FileState => ({
    collection,
    path: file.path,
    size: file.size,
    mtimeMs: file.mtimeMs,
    sha256,
  })
  if (file.error) {
    await store.replaceFile(
      state(''),
      [],
      [failureOf('FILE_UNREADABLE', { detail: file.error }, null)],
    )
    return { documents: 0, failed: 1, skipped: false }
  }
  if (file.size > options.maxFileBytes) {
    await store.replaceFile(
      state(''),
      [],
      [failureOf('FILE_TOO_LARGE', { limit: options.maxFileBytes }, null)],
    )
    return { documents: 0, failed: 1, skipped: false }
  }
  let bytes: Uint8Array
  try {
    bytes = await readFile(file.source ?? file.path)
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? String(error)
    await store.replaceFile(state(''), [], [failureOf('FILE_UNREADABLE', { detail }, null)])
    return { documents: 0, failed: 1, skipped: false }
  }
  const sha256 = sha256Hex(bytes)
  if (known && known.sha256 === sha256 && !retry) {
    // Touched but unchanged: remember the new date, keep the documents.
    await store.touchFile(state(sha256))
    return { documents: 0, failed: 0, skipped: true }
  }
  const tree = new TreeBuilder(store, options, pool)
  await tree.add({
    path: file.path,
    name: basename(file.path),
    bytes,
    sha256,
    parent: null,
    depth: 0,
    order: [],
    modified: new Date(file.mtimeMs).toISOString(),
    sourcePath: resolve(file.source ?? file.path),
  })
  const documents = tree.sortedDocuments()
  await store.replaceFile(state(sha256), documents, tree.failures)
  return { documents: documents.length, failed: tree.failures.length, skipped: false }
}

interface TreeItem {
  readonly path: string
  readonly name: string
  readonly bytes: Uint8Array
  readonly sha256: string
  readonly parent: string | null
  readonly depth: number
  readonly order: readonly number[]
  readonly modified: string | null
  /** Where an input file is on disk; null for container members. */
  readonly sourcePath: string | null
}

/** Collects the documents and failures of one input file and everything inside it. */
class TreeBuilder {
  readonly failures: FailureRecord[] = []
  private readonly documents: { order: readonly number[]; stored: StoredDocument }[] = []
  private readonly usedPaths = new Set<string>()

  constructor(
    private readonly store: Store,
    private readonly options: IndexOptions,
    private readonly pool: ExtractionPool,
  ) {}

  async add(item: TreeItem): Promise<void> {
    const { collection } = this.options
    await this.store.putOriginal(item.sha256, item.bytes)
    const fail = (error: unknown): void => {
      const known =
        error instanceof DaleelError
          ? error
          : new DaleelError('EXTRACT_FAILED', {}, { cause: error })
      this.failures.push({
        path: item.path,
        code: known.code,
        reason: known.message,
        sha256: item.sha256,
        size: item.bytes.byteLength,
        collection,
      })
    }
    if (item.depth > this.options.maxDepth) {
      fail(new DaleelError('ARCHIVE_TOO_DEEP', { depth: this.options.maxDepth }))
      return
    }
    let processed
    try {
      processed = await this.pool.run({
        bytes: item.bytes,
        name: item.name,
        limits: this.options.limits,
        ocr: this.options.ocr,
        sourcePath: item.sourcePath,
        passwords: this.options.passwords ?? [],
      })
    } catch (error) {
      fail(error)
      return
    }
    const id = documentId(collection, item.path)
    const doc: DocumentRecord = {
      id,
      path: item.path,
      parent: item.parent,
      collection,
      type: processed.type,
      mediaType: processed.mediaType,
      sha256: item.sha256,
      size: item.bytes.byteLength,
      title: processed.title,
      lang: processed.lang,
      langs: processed.langs,
      encoding: processed.encoding,
      method: processed.method,
      metadata: processed.metadata,
      warnings: processed.warnings,
      pageCount: processed.pageCount,
      textLength: processed.text.length,
      indexedAt: new Date().toISOString(),
      modified: item.modified,
    }
    this.documents.push({
      order: item.order,
      stored: {
        doc,
        text: processed.text,
        passages: processed.passages,
        titleStems: processed.titleStems,
        mentions: processed.mentions,
      },
    })
    await Promise.all(
      processed.children.map((child, index) => {
        const name = child.name.replace(/^\/+/u, '') || `item-${index + 1}`
        const path = this.uniquePath(`${item.path}!/${name}`)
        return this.add({
          path,
          name: name.split('/').at(-1) ?? name,
          bytes: child.bytes,
          sha256: sha256Hex(child.bytes),
          parent: id,
          depth: item.depth + 1,
          order: [...item.order, index],
          modified: child.modified ?? null,
          sourcePath: null,
        })
      }),
    )
  }

  /** Two members of one archive may share a name; the second gets a `#2` suffix. */
  private uniquePath(path: string): string {
    let candidate = path
    for (let n = 2; this.usedPaths.has(candidate); n += 1) candidate = `${path}#${n}`
    this.usedPaths.add(candidate)
    return candidate
  }

  sortedDocuments(): StoredDocument[] {
    const compare = (a: readonly number[], b: readonly number[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
        const d = (a[i] ?? 0) - (b[i] ?? 0)
        if (d !== 0) return d
      }
      return a.length - b.length
    }
    return this.documents.sort((x, y) => compare(x.order, y.order)).map((entry) => entry.stored)
  }
}

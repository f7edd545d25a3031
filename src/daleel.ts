/** openDaleel(options): opens the store and builds the services the CLI and the API call. */

import { availableParallelism } from 'node:os'

import { DaleelError } from './domain/index.js'
import type { IndexOptions, IndexSummary } from './ingest/index.js'
import type { AnalyzeSummary } from './ingest/analyze-store.js'
import { progressRecorder, readIndexProgress, type IndexRunState } from './ingest/progress-file.js'
import { SearchService } from './search/index.js'
import { openStore, type Store } from './store/index.js'

export interface DaleelOptions {
  /** A folder for the embedded store, or a postgres:// URL. */
  readonly store: string
}

export interface Daleel {
  readonly store: Store
  readonly search: SearchService
  index(paths: readonly string[], options?: Partial<IndexOptions>): Promise<IndexSummary>
  /** Language detection and entity extraction again, on every stored document. */
  analyze(): Promise<AnalyzeSummary>
  /** The last or running `daleel index` on this store (embedded store only; else null). */
  indexProgress(): Promise<IndexRunState | null>
  close(): Promise<void>
}

/** The store location from options, `$DALEEL_STORE`, or `./daleel-data`. */
export function storeLocation(option?: string): string {
  return option ?? process.env['DALEEL_STORE'] ?? './daleel-data'
}

export async function openDaleel(options: DaleelOptions): Promise<Daleel> {
  const store = await openStore(options.store)
  const search = new SearchService(store)
  const embedded = !options.store.startsWith('postgres')
  return {
    store,
    search,
    // Ingest pulls in every format library; load it only when a command indexes, so that
    // search and show start fast.
    index: async (paths, overrides = {}) => {
      const { defaultIndexOptions, indexPaths } = await import('./ingest/index.js')
      const recorder = embedded ? progressRecorder(options.store) : null
      let summary: IndexSummary | null = null
      try {
        summary = await indexPaths(store, paths, {
          ...defaultIndexOptions,
          workers: defaultWorkers(),
          timeoutMs: timeoutFromEnvironment() ?? defaultIndexOptions.timeoutMs,
          memoryMb: memoryFromEnvironment() ?? defaultIndexOptions.memoryMb,
          ...overrides,
          onProgress: (progress) => {
            recorder?.update(progress)
            overrides.onProgress?.(progress)
          },
        })
        return summary
      } finally {
        recorder?.finish(summary)
      }
    },
    indexProgress: () => Promise.resolve(embedded ? readIndexProgress(options.store) : null),
    analyze: async () => {
      const { analyzeStore } = await import('./ingest/analyze-store.js')
      return analyzeStore(store)
    },
    close: () => store.close(),
  }
}

/** One worker per core, as the contract's `--workers` default says. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism())
}

function timeoutFromEnvironment(): number | null {
  const seconds = process.env['DALEEL_EXTRACT_TIMEOUT']
  if (seconds === undefined) return null
  const value = Number(seconds)
  if (!Number.isFinite(value) || value <= 0) {
    throw new DaleelError('ARGUMENT_INVALID', {
      name: 'DALEEL_EXTRACT_TIMEOUT',
      detail: 'a positive number of seconds',
    })
  }
  return value * 1000
}

/** `DALEEL_EXTRACT_MEMORY`: the heap cap of an extraction worker, in megabytes. */
function memoryFromEnvironment(): number | null {
  const megabytes = process.env['DALEEL_EXTRACT_MEMORY']
  if (megabytes === undefined) return null
  const value = Number(megabytes)
  if (!Number.isInteger(value) || value < 16) {
    throw new DaleelError('ARGUMENT_INVALID', {
      name: 'DALEEL_EXTRACT_MEMORY',
      detail: 'a whole number of megabytes, at least 16',
    })
  }
  return value
}

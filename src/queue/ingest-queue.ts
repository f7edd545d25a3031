/** Ingest through a job queue, for a team server: `daleel index --queue` puts one job per input
 *  file in a queue kept by pg-boss in the PostgreSQL store's own database; `daleel worker`
 *  processes jobs, on as many machines as reach the database, the originals folder and the
 *  input files. Each job is one input file, stored in one transaction, so a worker killed in the
 *  middle leaves nothing half-stored: pg-boss hands the expired job to another worker and the
 *  file is stored once. A damaged file is not an error: it becomes a failure record and the job
 *  completes. Only what may pass (a lost connection, a full disk) throws, and is retried. */

import { resolve } from 'node:path'
import { stat } from 'node:fs/promises'
import PgBoss from 'pg-boss'
import { DaleelError } from '../domain/index.js'
import type { IndexOptions } from '../ingest/index.js'
import type { Store } from '../store/index.js'

export const ingestQueueName = 'daleel-ingest'

/** One queued input file. */
export interface IngestJob {
  readonly collection: string
  /** The path as the user gave it: the documents' path. */
  readonly path: string
  /** The absolute path a worker reads. */
  readonly source: string
  readonly ocr: IndexOptions['ocr']
}

export interface QueueCounts {
  /** Waiting to start, including jobs waiting for a retry. */
  readonly queued: number
  readonly running: number
  readonly failed: number
}

/** How long a job may run before pg-boss gives it to another worker (its worker died):
 *  `DALEEL_QUEUE_EXPIRY` seconds, 15 minutes by default. */
function jobExpirySeconds(): number {
  const value = Number(process.env['DALEEL_QUEUE_EXPIRY'] ?? 900)
  return Number.isInteger(value) && value >= 2 ? value : 900
}

/** Opens the queue in the store's database (schema `daleel_queue`), creating it when needed. */
export async function openQueue(url: string): Promise<PgBoss> {
  if (!/^postgres(ql)?:\/\//iu.test(url)) {
    throw new DaleelError('ARGUMENT_INVALID', {
      name: '--queue',
      detail: 'the queue needs a PostgreSQL store (--store postgres://…)',
    })
  }
  const expiry = jobExpirySeconds()
  const boss = new PgBoss({
    connectionString: withoutDaleelParameters(url),
    schema: 'daleel_queue',
    max: 4,
    // No cron or scheduling: the queue only moves jobs. Expired jobs (a dead worker's) are
    // looked for twice per expiry period.
    schedule: false,
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.floor(expiry / 2))),
  })
  boss.on('error', (error: Error) => process.stderr.write(`queue: ${error.message}\n`))
  try {
    await boss.start()
    await boss.createQueue(ingestQueueName, {
      name: ingestQueueName,
      retryLimit: 5,
      retryDelay: Math.min(5, expiry),
      retryBackoff: true,
      expireInSeconds: expiry,
    })
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined)
    throw new DaleelError(
      'STORE_UNUSABLE',
      { location: redact(url), detail: error instanceof Error ? error.message : String(error) },
      { cause: error },
    )
  }
  return boss
}

/** Enqueues every file under the roots; returns how many jobs were queued. A file already
 *  waiting in the queue is not queued twice. */
export async function enqueueFiles(
  boss: PgBoss,
  files: AsyncIterable<{ path: string; error?: string }>,
  options: { collection: string; ocr: IndexOptions['ocr'] },
): Promise<number> {
  let queued = 0
  let batch: PgBoss.JobInsert<IngestJob>[] = []
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return
    await boss.insert(batch)
    queued += batch.length
    batch = []
  }
  for await (const file of files) {
    const data: IngestJob = {
      collection: options.collection,
      path: file.path,
      source: resolve(file.path),
      ocr: options.ocr,
    }
    batch.push({
      name: ingestQueueName,
      data,
      singletonKey: `${options.collection}\n${data.source}`,
    })
    if (batch.length >= 500) await flush()
  }
  await flush()
  return queued
}

export async function queueCounts(boss: PgBoss): Promise<QueueCounts> {
  const [queued, active, failed] = await Promise.all([
    boss.getQueueSize(ingestQueueName),
    boss.getQueueSize(ingestQueueName, { before: 'completed' }),
    countFailed(boss),
  ])
  return { queued, running: Math.max(0, active - queued), failed }
}

async function countFailed(boss: PgBoss): Promise<number> {
  const db = boss.getDb()
  const result = await db.executeSql(
    "SELECT count(*)::int AS n FROM daleel_queue.job WHERE name = $1 AND state = 'failed'",
    [ingestQueueName],
  )
  return (result.rows[0] as { n: number } | undefined)?.n ?? 0
}

export interface WorkerSummary {
  readonly files: number
  readonly documents: number
  readonly failed: number
  readonly seconds: number
}

/** Processes queued files until stopped, or until the queue is empty with `untilEmpty`. */
export async function runWorker(
  boss: PgBoss,
  store: Store,
  options: IndexOptions & {
    readonly untilEmpty: boolean
    readonly onFile?: (path: string) => void
  },
): Promise<WorkerSummary> {
  const { FileIndexer } = await import('../ingest/index.js')
  const started = performance.now()
  const indexers = new Map<string, InstanceType<typeof FileIndexer>>()
  // One indexer (and pool of extraction processes) per collection and OCR mode met in jobs.
  const indexerFor = (job: IngestJob): InstanceType<typeof FileIndexer> => {
    const key = `${job.collection}\n${job.ocr}`
    let indexer = indexers.get(key)
    if (!indexer) {
      indexer = new FileIndexer(store, { ...options, collection: job.collection, ocr: job.ocr })
      indexers.set(key, indexer)
    }
    return indexer
  }
  const totals = { files: 0, documents: 0, failed: 0 }
  const handle = async (job: PgBoss.Job<IngestJob>): Promise<void> => {
    const { path, source } = job.data
    let size = 0
    let mtimeMs = 0
    let error: string | undefined
    try {
      const info = await stat(source)
      size = info.size
      mtimeMs = info.mtimeMs
    } catch (caught) {
      error = (caught as NodeJS.ErrnoException).code ?? String(caught)
    }
    const outcome = await indexerFor(job.data).index({
      path,
      source,
      size,
      mtimeMs,
      ...(error ? { error } : {}),
    })
    totals.files += 1
    totals.documents += outcome.documents
    totals.failed += outcome.failed
    options.onFile?.(path)
  }
  const concurrency = Math.max(1, options.workers)
  try {
    // One pg-boss worker per extraction process. pg-boss waits out the polling interval after
    // each fetch; after a job the worker asks for the next one at once instead, so a queue of
    // small files is not paced at two files a second.
    for (let slot = 0; slot < concurrency; slot += 1) {
      let id = ''
      id = await boss.work<IngestJob>(
        ingestQueueName,
        { batchSize: 1, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          for (const job of jobs) await handle(job)
          if (id) boss.notifyWorker(id)
        },
      )
    }
    await waitUntilDone(boss, options)
  } finally {
    await boss.offWork(ingestQueueName).catch(() => undefined)
    for (const indexer of indexers.values()) indexer.close()
  }
  return { ...totals, seconds: Math.round((performance.now() - started) / 10) / 100 }
}

/** Waits for the stop signal, or (with `untilEmpty`) until no job is waiting or running. */
async function waitUntilDone(
  boss: PgBoss,
  options: { untilEmpty: boolean; signal?: AbortSignal },
): Promise<void> {
  let idleChecks = 0
  for (;;) {
    if (options.signal?.aborted) return
    await new Promise((done) => setTimeout(done, 500))
    if (!options.untilEmpty) continue
    const counts = await queueCounts(boss)
    idleChecks = counts.queued + counts.running === 0 ? idleChecks + 1 : 0
    // Twice in a row, so a job between fetch and start is not missed.
    if (idleChecks >= 2) return
  }
}

/** The store URL without Daleel's own parameters (e.g. `blobs=`), which PostgreSQL refuses. */
function withoutDaleelParameters(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.delete('blobs')
  return parsed.toString()
}

function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'postgres://…'
  }
}

/** Runs items through a pool of worker processes, each with a time limit and a memory cap.
 *  A worker that overruns is killed and replaced; its item becomes EXTRACT_TIMEOUT or
 *  EXTRACT_MEMORY and the run goes on. */

import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { DaleelError, isErrorCode } from '../../domain/index.js'
import { processItem, type ItemTask, type ProcessedItem } from '../process-item.js'
import type { WorkerAnswer } from './extract-worker.js'

export interface PoolOptions {
  /** Worker processes; 0 runs items in this process without isolation (for debugging). */
  readonly workers: number
  readonly timeoutMs: number
  readonly memoryMb: number
}

interface Job {
  readonly task: ItemTask
  resolve(item: ProcessedItem): void
  reject(error: unknown): void
}

interface Slot {
  child: ChildProcess | null
  job: Job | null
  timer: NodeJS.Timeout | null
  stderr: string
}

/** The compiled worker script; tests running from `src/` use the build in `dist/`. */
function workerScript(): string {
  const beside = fileURLToPath(new URL('./extract-worker.js', import.meta.url))
  if (existsSync(beside)) return beside
  const built = beside.replace(/([/\\])src([/\\]ingest[/\\]sandbox)/u, '$1dist$1src$2')
  if (existsSync(built)) return built
  throw new Error(`The extraction worker is not built: run npm run build (looked for ${built})`)
}

export class ExtractionPool {
  private readonly queue: Job[] = []
  private readonly slots: Slot[]
  private closed = false

  constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: options.workers }, () => ({
      child: null,
      job: null,
      timer: null,
      stderr: '',
    }))
  }

  /** Processes one item in a worker; rejects with a DaleelError when the item cannot be read. */
  run(task: ItemTask): Promise<ProcessedItem> {
    if (this.options.workers === 0) return processItem(task)
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject })
      this.dispatch()
    })
  }

  /** Stops every worker. Items still queued are rejected. */
  close(): void {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new Error('The extraction pool was closed'))
    for (const slot of this.slots) this.stop(slot)
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.closed) continue
      const job = this.queue.shift()
      if (!job) return
      this.start(slot, job)
    }
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job
    const child = slot.child ?? this.spawn(slot)
    this.arm(slot)
    child.send(job.task)
  }

  /** (Re)starts the silence timer: a worker that reports nothing for timeoutMs is stopped. */
  private arm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = setTimeout(() => {
      this.finish(slot, (j) =>
        j.reject(
          new DaleelError('EXTRACT_TIMEOUT', {
            seconds: Math.round(this.options.timeoutMs / 1000),
          }),
        ),
      )
      this.stop(slot)
      this.dispatch()
    }, this.options.timeoutMs)
  }

  private spawn(slot: Slot): ChildProcess {
    const child = fork(workerScript(), [], {
      execArgv: [`--max-old-space-size=${this.options.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, DALEEL_WORKER: '1' },
    })
    slot.child = child
    slot.stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      slot.stderr = (slot.stderr + chunk.toString('utf8')).slice(-4000)
    })
    child.on('message', (answer: WorkerAnswer) => {
      if (slot.child !== child) return
      if ('progress' in answer) {
        if (slot.job) this.arm(slot)
        return
      }
      this.finish(slot, (job) => {
        if (answer.ok) job.resolve(answer.item)
        else if (isErrorCode(answer.code))
          job.reject(new DaleelError(answer.code, answer.params, { cause: answer.detail }))
        else job.reject(new DaleelError('EXTRACT_FAILED', {}, { cause: answer.detail }))
      })
      this.dispatch()
    })
    child.on('exit', (code, signal) => {
      if (slot.child !== child) return
      slot.child = null
      const outOfMemory = /heap limit|out of memory|allocation failed/iu.test(slot.stderr)
      this.finish(slot, (job) =>
        job.reject(
          outOfMemory
            ? new DaleelError('EXTRACT_MEMORY', { megabytes: this.options.memoryMb })
            : new DaleelError(
                'EXTRACT_FAILED',
                {},
                {
                  cause: `worker exited (${signal ?? code}): ${slot.stderr.slice(-500)}`,
                },
              ),
        ),
      )
      this.dispatch()
    })
    child.unref()
    ;(child as unknown as { channel?: { unref(): void } }).channel?.unref()
    return child
  }

  private finish(slot: Slot, settle: (job: Job) => void): void {
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = null
    const job = slot.job
    slot.job = null
    if (job) settle(job)
  }

  private stop(slot: Slot): void {
    const child = slot.child
    slot.child = null
    child?.kill('SIGKILL')
  }
}

/** The progress of a running `daleel index`, shared with `daleel serve` through a small JSON file
 *  in the store's folder: the workbench shows it while another process indexes. */

import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { IndexProgress, IndexSummary } from './pipeline.js'

/** What the workbench shows of an indexing run, running or finished. */
export interface IndexRunState {
  readonly running: boolean
  /** False when the run stopped without finishing (killed, crashed). */
  readonly finished: boolean
  readonly pid: number
  readonly startedAt: string
  readonly updatedAt: string
  readonly files: number
  readonly filesTotal: number | null
  readonly documents: number
  readonly failed: number
  readonly skipped: number
  readonly etaSeconds: number | null
}

const fileName = 'index-progress.json'
const everyMs = 500

/** Records a run's progress in `dir`, at most twice a second, and its end. */
export function progressRecorder(dir: string): {
  update: (progress: IndexProgress) => void
  finish: (summary: IndexSummary | null) => void
} {
  const startedAt = new Date()
  let last = 0
  let latest: IndexProgress | null = null
  const write = (running: boolean, finished: boolean): void => {
    const now = new Date()
    const seconds = (now.getTime() - startedAt.getTime()) / 1000
    const done = latest?.done ?? 0
    const total = latest?.total ?? null
    const rate = seconds > 0 ? done / seconds : 0
    const state: IndexRunState = {
      running,
      finished,
      pid: process.pid,
      startedAt: startedAt.toISOString(),
      updatedAt: now.toISOString(),
      files: done,
      filesTotal: total,
      documents: latest?.documents ?? 0,
      failed: latest?.failed ?? 0,
      skipped: latest?.skipped ?? 0,
      etaSeconds: running && total !== null && rate > 0 ? Math.round((total - done) / rate) : null,
    }
    try {
      const path = join(dir, fileName)
      writeFileSync(`${path}.tmp`, JSON.stringify(state))
      renameSync(`${path}.tmp`, path)
    } catch {
      // Progress is a courtesy to the workbench; indexing goes on without it.
    }
  }
  write(true, false)
  return {
    update(progress) {
      latest = progress
      const now = Date.now()
      if (now - last < everyMs) return
      last = now
      write(true, false)
    },
    finish(summary) {
      write(false, summary !== null)
    },
  }
}

/** The last recorded run in `dir`, or null when none was recorded. A run whose process is gone
 *  is reported as not running and not finished. */
export function readIndexProgress(dir: string): IndexRunState | null {
  let state: IndexRunState
  try {
    state = JSON.parse(readFileSync(join(dir, fileName), 'utf8')) as IndexRunState
  } catch {
    return null
  }
  if (state.running && !processAlive(state.pid)) return { ...state, running: false }
  return state
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { progressRecorder, readIndexProgress } from './progress-file.js'

describe('index progress file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'daleel-progress-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('is absent before any run', () => {
    expect(readIndexProgress(dir)).toBeNull()
  })

  it('shows a running run with its counts, then its end', () => {
    const recorder = progressRecorder(dir)
    expect(readIndexProgress(dir)).toMatchObject({ running: true, files: 0, pid: process.pid })
    const progress = {
      files: 3,
      done: 2,
      total: 4,
      documents: 5,
      failed: 1,
      skipped: 0,
      bytes: 10,
      current: 'a',
    }
    recorder.update(progress)
    expect(readIndexProgress(dir)).toMatchObject({ running: true, files: 2, filesTotal: 4 })
    recorder.finish({ files: 4, documents: 7, failed: 1, skipped: 0, seconds: 1 })
    expect(readIndexProgress(dir)).toMatchObject({ running: false, finished: true, documents: 5 })
  })

  it('reports a run whose process died as stopped, not finished', () => {
    const state = {
      running: true,
      finished: false,
      pid: 2 ** 22 + 12345,
      startedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:01.000Z',
      files: 1,
      filesTotal: 9,
      documents: 1,
      failed: 0,
      skipped: 0,
      etaSeconds: 8,
    }
    writeFileSync(join(dir, 'index-progress.json'), JSON.stringify(state))
    expect(readIndexProgress(dir)).toMatchObject({ running: false, finished: false, files: 1 })
  })
})

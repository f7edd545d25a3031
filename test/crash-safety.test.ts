/** Killing `daleel index` mid-run and running it again loses no document and duplicates none. */
import { spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, repoRoot, runCli } from './support/run-cli.js'
import { arabicText, hebrewText } from './support/sample-folder.js'

const files = 1000

/** Documents stored so far, read straight from the SQLite file while the index runs. */
function storedCount(store: string): number {
  try {
    const db = new Database(join(store, 'daleel.db'), { readonly: true, fileMustExist: true })
    try {
      return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n
    } finally {
      db.close()
    }
  } catch {
    return 0
  }
}

describe('crash safety', () => {
  let root: string
  let folder: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'daleel-crash-'))
    folder = join(root, 'input')
    for (let i = 0; i < files; i += 1) {
      const dir = join(folder, `batch-${Math.floor(i / 100)}`)
      mkdirSync(dir, { recursive: true })
      writeFileSync(
        join(dir, `note-${i}.txt`),
        `${i % 2 ? arabicText : hebrewText}\n\nnumber ${i} marker${i}`,
      )
    }
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('finishes after SIGKILL with every file once and a store that passes its check', async () => {
    const store = join(root, 'store')
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin/daleel'), 'index', folder, '--workers', '2'],
      {
        env: { ...process.env, DALEEL_STORE: store },
        stdio: 'ignore',
      },
    )
    // Kill it once some files are stored, while others are still in flight.
    const exited = new Promise((resolve) => child.once('exit', resolve))
    for (let tries = 0; tries < 400 && storedCount(store) < 20; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    child.kill('SIGKILL')
    await exited
    const partial = jsonLines(runCli(['list', '--json'], { store }).stdout).length
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(files)
    const rerun = runCli(['index', folder, '--json'], { store })
    expect(rerun.code, rerun.stderr).toBe(0)
    expect(jsonLines(rerun.stdout).at(-1)).toMatchObject({
      files,
      documents: files - partial,
      skipped: partial,
    })
    const listed = jsonLines(runCli(['list', '--json'], { store }).stdout)
    expect(listed).toHaveLength(files)
    expect(new Set(listed.map((doc) => doc['path'])).size).toBe(files)
    expect(runCli(['status', '--check'], { store }).code).toBe(0)
    expect(
      jsonLines(runCli(['search', `marker${files - 1}`, '--json'], { store }).stdout),
    ).toHaveLength(1)
  })
})

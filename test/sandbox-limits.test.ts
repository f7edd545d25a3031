/** A runaway extraction is stopped and recorded, and the run goes on. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, runCli } from './support/run-cli.js'
import { zipOf } from './support/sample-folder.js'

describe('sandbox limits', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'daleel-limits-'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('stops a file that takes longer than the limit with EXTRACT_TIMEOUT and reads the rest', () => {
    const input = join(root, 'in')
    cpSync(
      new URL('./fixtures/pdf/libreoffice-arabic-hebrew.pdf', import.meta.url),
      join(input, 'slow.pdf'),
    )
    cpSync(
      new URL('./fixtures/pdf/chromium-arabic-hebrew.pdf', import.meta.url),
      join(input, 'slow-too.pdf'),
    )
    const store = join(root, 'store')
    // A limit far below what starting a worker and reading a PDF takes.
    const run = runCli(['index', input, '--json'], {
      store,
      env: { DALEEL_EXTRACT_TIMEOUT: '0.05' },
    })
    expect(run.code, run.stderr).toBe(0)
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ files: 2, documents: 0, failed: 2 })
    const failures = jsonLines<{ code: string; reason: string }>(
      runCli(['failures', '--json'], { store }).stdout,
    )
    expect(failures.map((f) => f.code)).toEqual(['EXTRACT_TIMEOUT', 'EXTRACT_TIMEOUT'])
    expect(failures[0]?.reason).toMatch(/longer than 0 s|longer than/u)
    // With the normal limit the next run reads the same files again: nothing was lost.
    writeFileSync(join(input, 'new.txt'), 'a file added since')
    const again = runCli(['index', input, '--json'], { store })
    expect(jsonLines(again.stdout).at(-1)).toMatchObject({ files: 3, documents: 3, failed: 0 })
    expect(runCli(['failures', '--json'], { store }).stdout).toBe('')
    expect(runCli(['status', '--check'], { store }).code).toBe(0)
  })

  it('stops a file that needs more memory than the cap with EXTRACT_MEMORY, and goes on', () => {
    const input = join(root, 'memory')
    mkdirSync(input, { recursive: true })
    // 60 million Arabic letters: the decoded text alone is far beyond a 128 MB heap.
    writeFileSync(join(input, 'huge.txt'), 'ب'.repeat(60_000_000))
    writeFileSync(join(input, 'small.txt'), 'A small note that still gets read.')
    const store = join(root, 'store-memory')
    const run = runCli(['index', input, '--json'], { store, env: { DALEEL_EXTRACT_MEMORY: '128' } })
    expect(run.code, run.stderr).toBe(0)
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ files: 2, documents: 1, failed: 1 })
    const failures = jsonLines<{ code: string; path: string }>(
      runCli(['failures', '--json'], { store }).stdout,
    )
    expect(failures).toEqual([
      expect.objectContaining({ code: 'EXTRACT_MEMORY', path: join(input, 'huge.txt') }),
    ])
  })

  it('records archives nested deeper than the limit as ARCHIVE_TOO_DEEP, keeping the levels above', async () => {
    let bytes: Buffer = Buffer.from('the innermost note')
    let name = 'note.txt'
    for (let level = 12; level >= 1; level -= 1) {
      bytes = await zipOf({ [name]: bytes })
      name = `level-${level}.zip`
    }
    const input = join(root, 'deep')
    mkdirSync(input, { recursive: true })
    writeFileSync(join(input, name), bytes)
    const store = join(root, 'store-deep')
    expect(runCli(['index', input], { store }).code).toBe(0)
    const failures = jsonLines<{ code: string; path: string }>(
      runCli(['failures', '--json'], { store }).stdout,
    )
    expect(failures.map((f) => f.code)).toEqual(['ARCHIVE_TOO_DEEP'])
    expect(failures[0]?.path.split('!/')).toHaveLength(12)
    expect(jsonLines(runCli(['list', '--json'], { store }).stdout)).toHaveLength(11)
  })
})

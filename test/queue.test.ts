/** Scale-out ingest: `index --queue` and two `daleel worker` processes on one PostgreSQL store;
 *  then a worker killed in the middle of its work, and another that finishes the queue. */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { skipPostgres, TestDatabases } from './support/postgres.js'
import { jsonLines, repoRoot, runCli } from './support/run-cli.js'
import { writeSampleFolder } from './support/sample-folder.js'

const bin = join(repoRoot, 'bin', 'daleel')

/** Runs a worker as its own process; resolves with its exit code and output. */
function worker(
  store: string,
  env: Record<string, string> = {},
): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; kill: () => void } {
  const child = spawn(
    process.execPath,
    [bin, 'worker', '--until-empty', '--workers', '1', '--json', '--store', store],
    { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  return {
    done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))),
    kill: () => child.kill('SIGKILL'),
  }
}

describe.skipIf(skipPostgres())('ingest through the queue with several workers', () => {
  const databases = new TestDatabases()
  let root: string
  let input: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-queue-'))
    input = await writeSampleFolder(root)
    for (let i = 0; i < 12; i += 1) {
      writeFileSync(
        join(input, `memo-${i}.txt`),
        `Memo ${i}: the shipment number ${i} left the port.`,
      )
    }
  })
  afterAll(async () => {
    await databases.dropAll()
    rmSync(root, { recursive: true, force: true })
  })

  const storeUrl = async (name: string): Promise<string> => {
    const url = new URL(await databases.create())
    url.searchParams.set('blobs', join(root, `${name}-originals`))
    return url.toString()
  }

  it('ingests every queued file exactly once with two worker processes', async () => {
    const store = await storeUrl('two')
    const queued = runCli(['index', input, '--queue', '--json', '--store', store])
    expect(queued.code, queued.stderr).toBe(0)
    const [summary] = jsonLines<{ queued: number; waiting: number }>(queued.stdout)
    expect(summary?.queued).toBeGreaterThanOrEqual(18)

    const [one, two] = [worker(store), worker(store)]
    const results = await Promise.all([one.done, two.done])
    for (const result of results) expect(result.code, result.stderr).toBe(0)
    const files = results.map((r) => jsonLines<{ files: number }>(r.stdout)[0]?.files ?? 0)
    expect(files[0]! + files[1]!).toBe(summary?.queued)
    // Which worker takes how many depends on timing; together they took each job once.

    const list = jsonLines<{ path: string }>(runCli(['list', '--json', '--store', store]).stdout)
    const paths = list.map((doc) => doc.path)
    expect(new Set(paths).size).toBe(paths.length)
    for (let i = 0; i < 12; i += 1) expect(paths).toContain(join(input, `memo-${i}.txt`))
    const failures = jsonLines<{ code: string }>(
      runCli(['failures', '--json', '--store', store]).stdout,
    )
    expect(failures.length).toBeGreaterThan(0)

    const status = runCli(['status', '--check', '--json', '--store', store])
    expect(status.code, status.stdout).toBe(0)
    const [state] = jsonLines<{ queue: { queued: number; running: number }; ok: boolean }>(
      status.stdout,
    )
    expect(state?.queue).toMatchObject({ queued: 0, running: 0 })

    const hits = jsonLines(
      runCli(['search', 'shipment', '--json', '--limit', '50', '--store', store]).stdout,
    )
    expect(hits).toHaveLength(12)
  })

  it('loses nothing when a worker is killed: its job goes to the next worker', async () => {
    const store = await storeUrl('killed')
    const env = { DALEEL_QUEUE_EXPIRY: '3' }
    expect(runCli(['index', input, '--queue', '--store', store], { env }).code).toBe(0)
    const doomed = worker(store, env)
    // Let it take jobs, then kill it without warning.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    doomed.kill()
    await doomed.done
    const rescue = await worker(store, env).done
    expect(rescue.code, rescue.stderr).toBe(0)
    const list = jsonLines<{ path: string }>(runCli(['list', '--json', '--store', store]).stdout)
    const paths = list.map((doc) => doc.path)
    expect(new Set(paths).size).toBe(paths.length)
    for (let i = 0; i < 12; i += 1) expect(paths).toContain(join(input, `memo-${i}.txt`))
    expect(runCli(['status', '--check', '--store', store]).code).toBe(0)
  })

  it('retries a job that failed for a passing reason, and records no failure for it', async () => {
    const url = new URL(await databases.create())
    // The originals folder is at first a file: storing the original fails, as on a full or
    // unmounted disk. The job must be retried, not turned into a failure record.
    const blobs = join(root, 'blobs-later')
    writeFileSync(blobs, 'not a folder yet')
    url.searchParams.set('blobs', blobs)
    const store = url.toString()
    const env = { DALEEL_QUEUE_EXPIRY: '3' }
    const one = join(root, 'single')
    mkdirSync(one)
    writeFileSync(join(one, 'memo.txt'), 'The retried memo about the shipment.')
    expect(runCli(['index', one, '--queue', '--store', store], { env }).code).toBe(0)
    const running = worker(store, env)
    await new Promise((resolve) => setTimeout(resolve, 4000))
    rmSync(blobs)
    mkdirSync(blobs)
    const result = await running.done
    expect(result.code, result.stderr).toBe(0)
    expect(jsonLines(runCli(['list', '--json', '--store', store]).stdout)).toHaveLength(1)
    expect(runCli(['failures', '--json', '--store', store]).stdout.trim()).toBe('')
    expect(
      jsonLines(runCli(['search', 'retried', '--json', '--store', store]).stdout),
    ).toHaveLength(1)
  })
})

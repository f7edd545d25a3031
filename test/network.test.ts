/** Sources must stay safe: indexing, searching and serving open no outbound connection. */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli, startServer } from './support/run-cli.js'
import { writeSampleFolder } from './support/sample-folder.js'

const guard = fileURLToPath(new URL('./support/network-guard.mjs', import.meta.url))
const strace = ['/usr/bin/strace', '/bin/strace'].find((path) => existsSync(path))

describe('network isolation', () => {
  let root: string
  let folder: string
  let logFile: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-net-'))
    folder = await writeSampleFolder(root)
    logFile = join(root, 'net.log')
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const records = (): { pid: number; event: string; host?: string }[] =>
    existsSync(logFile)
      ? readFileSync(logFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { pid: number; event: string; host?: string })
      : []

  it('indexes, searches and serves without any connection beyond loopback', async () => {
    const store = join(root, 'store')
    const env = { NODE_OPTIONS: `--import=${guard}`, DALEEL_NET_LOG: logFile }
    expect(runCli(['index', folder, '--workers', '2'], { store, env }).code).toBe(0)
    expect(runCli(['search', 'وزارة'], { store, env }).code).toBe(0)
    const server = await startServer(store, [], [`--import=${guard}`])
    try {
      expect((await fetch(`${server.url}/api/search?q=transfers`)).status).toBe(200)
    } finally {
      await server.stop()
    }
    const seen = records()
    // The guard ran in the CLI processes and in the extraction workers it started.
    expect(
      new Set(seen.filter((r) => r.event === 'guard-loaded').map((r) => r.pid)).size,
    ).toBeGreaterThanOrEqual(4)
    const outbound = seen.filter(
      (r) =>
        r.event !== 'guard-loaded' &&
        !(r.event === 'connect' && /^(127\.|localhost|::1)/u.test(r.host ?? '')),
    )
    expect(outbound).toEqual([])
  })

  it.runIf(strace)('makes no inet connect() system call while indexing (strace)', () => {
    const trace = join(root, 'strace.log')
    const store = join(root, 'store-strace')
    const result = spawnSync(
      strace ?? 'strace',
      [
        '-f',
        '-e',
        'trace=connect',
        '-o',
        trace,
        process.execPath,
        join(repoRoot, 'bin/daleel'),
        'index',
        folder,
      ],
      {
        env: { ...process.env, DALEEL_STORE: store },
        encoding: 'utf8',
      },
    )
    expect(result.status, result.stderr).toBe(0)
    const inet = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((line) => /connect\(.*AF_INET6?/u.test(line))
    expect(inet.filter((line) => !/127\.0\.0\.1|::1/u.test(line))).toEqual([])
  })
})

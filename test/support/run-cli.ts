/** Runs `bin/daleel` the way a user does and captures what they would see. */
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const bin = fileURLToPath(new URL('../../bin/daleel', import.meta.url))

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly stdoutBytes: Buffer
}

export function runCli(
  args: readonly string[],
  options: { store?: string; env?: Record<string, string>; cwd?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: {
      ...process.env,
      ...(options.store ? { DALEEL_STORE: options.store } : {}),
      ...options.env,
    },
    maxBuffer: 256 * 1024 * 1024,
  })
  return {
    code: result.status ?? -1,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
    stdoutBytes: result.stdout,
  }
}

/** Parses JSON Lines output. */
export function jsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T)
}

/** Starts `daleel serve --port 0` and resolves with its URL once it listens. */
export async function startServer(
  store: string,
  extraArgs: readonly string[] = [],
  nodeArgs: readonly string[] = [],
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...nodeArgs, bin, 'serve', '--port', '0', ...extraArgs], {
    cwd: repoRoot,
    env: { ...process.env, DALEEL_STORE: store },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve((JSON.parse(line) as { url: string }).url)
    })
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)))
  })
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Runs peer programs and Daleel's CLI for the harness: wall-clock time with process start
 *  included, and the peak resident memory of the whole process tree (a program and every helper
 *  or worker it starts), sampled from /proc. */

import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

export interface RunOptions {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  /** Sample the process tree's memory every 250 ms (each sample scans /proc). */
  readonly sampleMemory?: boolean
  readonly input?: string
  readonly timeoutMs?: number
}

export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly seconds: number
  /** Peak of the summed RSS of the process and its descendants, in bytes; 0 when not sampled. */
  readonly peakTreeRss: number
}

const pageSize = 4096

/** RSS in bytes of `root` and all of its descendants, from /proc/<pid>/stat. */
export function treeRss(root: number): number {
  const parent = new Map<number, number>()
  const rss = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parent.set(Number(name), Number(fields[1]))
      rss.set(Number(name), Number(fields[21]) * pageSize)
    } catch {
      // The process ended between the listing and the read.
    }
  }
  let total = 0
  for (const [pid, bytes] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        total += bytes
        break
      }
    }
  }
  return total
}

/** Runs a program to completion; never throws for a non-zero exit (the caller decides). */
export function runTimed(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk))
    if (options.input !== undefined) child.stdin?.end(options.input)
    let peak = 0
    const sample = (): void => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid))
    }
    const sampler = options.sampleMemory ? setInterval(sample, 250) : null
    const timer =
      options.timeoutMs === undefined
        ? null
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.on('error', (error) => {
      if (sampler) clearInterval(sampler)
      if (timer) clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      if (sampler) clearInterval(sampler)
      if (timer) clearTimeout(timer)
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        seconds,
        peakTreeRss: peak,
      })
    })
  })
}

/** Like runTimed, but a non-zero exit is an error that shows the program's stderr. */
export async function runChecked(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const result = await runTimed(command, args, options)
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.code}: ${result.stderr.slice(-2000)}`,
    )
  }
  return result
}

/** The machine's load averages over 1, 5 and 15 minutes, from /proc/loadavg. */
export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = readFileSync('/proc/loadavg', 'utf8')
    .split(' ')
    .map(Number)
  return [one, five, fifteen]
}

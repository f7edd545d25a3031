/** Runs 7-Zip through node-7z to list an archive and to extract it into a folder. Every run
 *  passes a password (a dummy one when there is none), because 7-Zip asks for one on stdin for
 *  a header-encrypted archive and would wait for ever; stdin is closed as well. The process is
 *  not detached, has a time limit and is killed when the caller aborts. */

import { createRequire } from 'node:module'
import type { ChildProcess, SpawnOptions } from 'node:child_process'
import type { Readable } from 'node:stream'

/** node-7z's stream: objects on 'data', 'progress' while working, 'error' then 'end'. */
interface SevenStream extends Readable {
  readonly info: Map<string, string>
  readonly _childProcess?: ChildProcess
}
interface SevenOptions {
  $bin: string
  $spawnOptions: SpawnOptions
  $progress?: boolean
  techInfo?: boolean
  password: string
  yes?: boolean
}
interface NodeSeven {
  list(archive: string, options: SevenOptions): SevenStream
  extractFull(archive: string, output: string, options: SevenOptions): SevenStream
}
// node-7z 3.0.0 (pinned) is CommonJS without types.
const seven = createRequire(import.meta.url)('node-7z') as NodeSeven

/** A password no archive has: with it 7-Zip reports "Wrong password" instead of asking. */
const NO_PASSWORD = 'daleel-no-password'

/** One member as `7z l -slt` describes it. */
export interface SevenZipEntry {
  readonly path: string
  readonly size: number | null
  readonly packedSize: number | null
  /** ISO 8601; 7-Zip prints times in the TZ we give it (UTC). */
  readonly modified: string | null
  readonly encrypted: boolean
  readonly isDirectory: boolean
  readonly isSymlink: boolean
}

/** What a listing found, and 7-Zip's complaint if it had one. */
export interface SevenZipListing {
  readonly type: string | null
  readonly entries: SevenZipEntry[]
  readonly error: string | null
}

/** Options of one run. */
export interface SevenZipRunOptions {
  readonly timeoutMs: number
  /** The password to give 7-Zip; without one, a password no archive has. */
  readonly password?: string
  readonly signal?: AbortSignal
  readonly onProgress?: () => void
}

function spawnOptions(options: SevenZipRunOptions): SpawnOptions {
  return {
    detached: false,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' },
  }
}

function numberOf(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}

function toEntry(techInfo: Map<string, string>): SevenZipEntry | null {
  const path = techInfo.get('Path')
  if (path === undefined) return null
  const attributes = techInfo.get('Attributes') ?? ''
  const modified = techInfo.get('Modified')
  const date = modified === undefined ? null : new Date(`${modified.replace(' ', 'T')}Z`)
  return {
    path,
    size: numberOf(techInfo.get('Size')),
    packedSize: numberOf(techInfo.get('Packed Size')),
    modified: date === null || Number.isNaN(date.getTime()) ? null : date.toISOString(),
    encrypted: techInfo.get('Encrypted') === '+',
    isDirectory:
      techInfo.get('Folder') === '+' || /^D/u.test(attributes) || / d[rwx-]{9}/u.test(attributes),
    // The Unix mode after the Windows attributes: `A_ lrwxrwxrwx` is a symbolic link.
    isSymlink: / l[rwx-]{9}/u.test(attributes) || techInfo.has('Symbolic Link'),
  }
}

/** Everything 7-Zip writes to stderr: node-7z keeps only the first chunk in its error. */
function collectStderr(stream: SevenStream): () => string {
  const chunks: Buffer[] = []
  stream._childProcess?.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk))
  return () => Buffer.concat(chunks).toString('utf8').trim()
}

function errorText(error: unknown, stderr: string): string {
  if (stderr !== '') return stderr
  return error instanceof Error ? error.message : String(error)
}

/** Lists an archive with technical details. Never rejects: problems come back in `error`. */
export function listArchive(
  bin: string,
  archive: string,
  options: SevenZipRunOptions,
): Promise<SevenZipListing> {
  return new Promise((resolve) => {
    const entries: SevenZipEntry[] = []
    let error: string | null = null
    const stream = seven.list(archive, {
      $bin: bin,
      $spawnOptions: spawnOptions(options),
      techInfo: true,
      password: options.password ?? NO_PASSWORD,
    })
    const stderr = collectStderr(stream)
    stream.on('data', (data: { techInfo?: Map<string, string> }) => {
      options.onProgress?.()
      const entry = data.techInfo === undefined ? null : toEntry(data.techInfo)
      if (entry !== null) entries.push(entry)
    })
    stream.on('error', (cause: unknown) => {
      error = errorText(cause, stderr())
    })
    stream.on('end', () => resolve({ type: stream.info.get('Type') ?? null, entries, error }))
  })
}

/** Extracts everything into `output` (which must exist). Never rejects: 7-Zip's complaint, if
 *  any, comes back; what it managed to write is in the folder. */
export function extractArchive(
  bin: string,
  archive: string,
  output: string,
  options: SevenZipRunOptions,
): Promise<{ error: string | null }> {
  return new Promise((resolve) => {
    let error: string | null = null
    const stream = seven.extractFull(archive, output, {
      $bin: bin,
      $spawnOptions: spawnOptions(options),
      $progress: true,
      password: options.password ?? NO_PASSWORD,
      yes: true,
    })
    const stderr = collectStderr(stream)
    stream.on('data', () => options.onProgress?.())
    stream.on('progress', () => options.onProgress?.())
    stream.on('error', (cause: unknown) => {
      error = errorText(cause, stderr())
    })
    stream.on('end', () => resolve({ error }))
  })
}

/** Lists the files under the paths given to `daleel index`, depth first in a stable order.
 *  Symbolic links to files are followed; links to folders are not, so a link loop cannot trap
 *  the walk. Paths keep the form the user gave them (normalised), as the contract asks. */

import { lstat, readdir, stat } from 'node:fs/promises'
import { join, normalize } from 'node:path'
import { DaleelError } from '../domain/index.js'

/** One input file as found on disk. */
export interface InputFile {
  /** The path as given to `index` (normalised), used as the document path. */
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
  /** Where to read the file when that differs from `path` (a queue worker with another working
   *  folder reads the absolute path; documents keep the path as the user gave it). */
  readonly source?: string
  /** Set when the file or folder exists but could not be read (e.g. no permission). */
  readonly error?: string
}

/** Normalises a path the way documents record it: no `./`, no trailing separator. */
export function normalizeInputPath(path: string): string {
  const normalized = normalize(path)
  return normalized.length > 1 ? normalized.replace(/[/\\]+$/u, '') : normalized
}

/** Checks that every root exists before any work starts, so a typo fails fast (exit code 2). */
export async function checkRoots(roots: readonly string[]): Promise<void> {
  for (const root of roots) {
    try {
      await stat(root)
    } catch (error) {
      throw new DaleelError('INPUT_NOT_FOUND', { path: root }, { cause: error })
    }
  }
}

/** Yields every regular file under the roots once, in sorted order within each folder. */
export async function* walk(roots: readonly string[]): AsyncGenerator<InputFile> {
  const seen = new Set<string>()
  for (const root of roots) yield* visit(normalizeInputPath(root), seen)
}

async function* visit(path: string, seen: Set<string>): AsyncGenerator<InputFile> {
  let info
  try {
    info = await lstat(path)
    if (info.isSymbolicLink()) {
      const target = await stat(path)
      if (!target.isFile()) return
      info = target
    }
  } catch (error) {
    yield { path, size: 0, mtimeMs: 0, error: errorText(error) }
    return
  }
  if (info.isDirectory()) {
    let names: string[]
    try {
      names = (await readdir(path)).sort()
    } catch (error) {
      yield { path, size: 0, mtimeMs: 0, error: errorText(error) }
      return
    }
    for (const name of names) yield* visit(path === '.' ? name : join(path, name), seen)
    return
  }
  if (!info.isFile() || seen.has(path)) return
  seen.add(path)
  yield { path, size: info.size, mtimeMs: info.mtimeMs }
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error))
}

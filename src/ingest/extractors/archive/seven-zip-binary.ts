/** Finds a 7-Zip program to run: Debian's p7zip (`/usr/bin/7z`) when installed, else the 7za
 *  that the 7zip-bin package ships. npm installs that one without its exec bit, so it is copied
 *  once into a private folder of the temp dir and made executable there. */

import { constants } from 'node:fs'
import { access, chmod, copyFile, lstat, mkdir, rename, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sevenBin from '7zip-bin'

const SYSTEM_BINARIES = ['/usr/bin/7z', '/usr/bin/7za']

let resolved: Promise<string> | null = null

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK)
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** Copies 7zip-bin's 7za into `<tmp>/daleel-7za-<uid>/` (mode 0700, ours, not a link). */
async function privateCopy(source: string): Promise<string> {
  const uid = process.getuid?.() ?? 0
  const folder = join(tmpdir(), `daleel-7za-${uid}`)
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const info = await lstat(folder)
  // Another user could have made this folder first and planted a program in it.
  if (
    !info.isDirectory() ||
    info.isSymbolicLink() ||
    info.uid !== uid ||
    (info.mode & 0o022) !== 0
  ) {
    throw new Error(`7-Zip: ${folder} is not a private folder of this user`)
  }
  const target = join(folder, '7za')
  const sourceSize = (await stat(source)).size
  const existing = await stat(target).catch(() => null)
  if (existing?.size === sourceSize && (await isExecutable(target))) return target
  // Copy under a temporary name and rename, so workers starting together never run a half copy.
  const partial = `${target}.${process.pid}.tmp`
  await copyFile(source, partial)
  await chmod(partial, 0o700)
  await rename(partial, target)
  return target
}

async function resolveBinary(): Promise<string> {
  const configured = process.env.DALEEL_7Z
  if (configured !== undefined && configured !== '' && (await isExecutable(configured)))
    return configured
  for (const candidate of SYSTEM_BINARIES) if (await isExecutable(candidate)) return candidate
  const bundled = sevenBin.path7za
  return (await isExecutable(bundled)) ? bundled : privateCopy(bundled)
}

/** The path of a 7-Zip program; found once per process. */
export function sevenZipBinary(): Promise<string> {
  resolved ??= resolveBinary().catch((error: unknown) => {
    resolved = null
    throw error
  })
  return resolved
}

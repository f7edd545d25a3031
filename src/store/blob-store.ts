/** Content-addressed storage of originals on disk: each distinct file is kept once, under
 *  `originals/ab/cd/<sha256>`, written atomically so a killed run never leaves half a file. */

import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'

export class BlobStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256))
      return true
    } catch {
      return false
    }
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    if (await this.has(sha256)) return
    const path = this.pathOf(sha256)
    await mkdir(join(path, '..'), { recursive: true })
    const temporary = `${path}.${randomUUID()}.part`
    await writeFile(temporary, bytes)
    await rename(temporary, path)
  }

  async read(sha256: string): Promise<Uint8Array> {
    return readFile(this.pathOf(sha256))
  }

  /** Every stored hash whose bytes no longer hash to its name, or that is missing. */
  async verify(expected: Iterable<string>): Promise<{ missing: string[]; corrupt: string[] }> {
    const missing: string[] = []
    const corrupt: string[] = []
    for (const sha256 of expected) {
      let bytes: Buffer
      try {
        bytes = await readFile(this.pathOf(sha256))
      } catch {
        missing.push(sha256)
        continue
      }
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) corrupt.push(sha256)
    }
    return { missing, corrupt }
  }

  /** Total bytes on disk, and removes leftovers of interrupted writes. */
  async size(): Promise<number> {
    let total = 0
    const visit = async (dir: string): Promise<void> => {
      let entries
      try {
        entries = await readdir(dir, { withFileTypes: true })
      } catch {
        return
      }
      for (const entry of entries) {
        const full = join(dir, entry.name)
        if (entry.isDirectory()) await visit(full)
        else if (entry.name.endsWith('.part')) await rm(full, { force: true })
        else total += (await stat(full)).size
      }
    }
    await visit(this.root)
    return total
  }
}

/** SHA-256 of bytes as lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

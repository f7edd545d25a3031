import { existsSync, readFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { SevenZipExtractor } from './sevenzip-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/archive-more/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`sevenzip-extractor corpus tests skipped: no corpus at ${corpus}`)

function extract(name: string, options: { limits?: ExtractionLimits; onDisk?: boolean } = {}) {
  const path = join(fixtures, name)
  return new SevenZipExtractor().extract({
    bytes: readFileSync(path),
    name,
    mediaType: 'application/x-7z-compressed',
    limits: options.limits ?? defaultLimits,
    sourcePath: options.onDisk === true ? path : null,
  })
}

async function leftovers(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('daleel-7z-'))
}

describe('SevenZipExtractor', () => {
  it('lists the members and hands on each file, read from bytes or from disk', async () => {
    for (const onDisk of [false, true]) {
      const result = await extract('documents.7z', { onDisk })
      expect(result.text).toBe('documents/\ndocuments/memo.txt\ndocuments/رسالة.txt')
      expect(result.children.map((child) => child.name)).toEqual([
        'documents/memo.txt',
        'documents/رسالة.txt',
      ])
      expect(Buffer.from(result.children[0]?.bytes ?? []).toString()).toContain('פרוטוקול הישיבה')
      expect(result.children[0]?.modified).toMatch(/^\d{4}-\d\d-\d\dT/u)
      expect(result.warnings).toEqual([])
    }
  })

  it('deletes its temporary folder', async () => {
    const before = await leftovers()
    await extract('documents.7z')
    expect(await leftovers()).toEqual(before)
  })

  it('reports an archive with encrypted names as FILE_ENCRYPTED without waiting for a password', async () => {
    await expect(extract('encrypted-headers.7z')).rejects.toMatchObject({ code: 'FILE_ENCRYPTED' })
  })

  it('reports an archive whose members are all encrypted as FILE_ENCRYPTED', async () => {
    await expect(extract('encrypted-members.7z')).rejects.toMatchObject({ code: 'FILE_ENCRYPTED' })
  })

  it('skips a symbolic link with a warning and never follows it', async () => {
    const result = await extract('symlink.7z')
    expect(result.children.map((child) => child.name)).not.toContain('documents/passwd-link')
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ARCHIVE_UNSAFE_PATH' })])
    for (const child of result.children)
      expect(Buffer.from(child.bytes).toString()).not.toContain('root:')
  })

  it('refuses an archive whose listing declares more than the limits', async () => {
    await expect(
      extract('documents.7z', { limits: { ...defaultLimits, maxExpandedBytes: 100 } }),
    ).rejects.toMatchObject({ code: 'ARCHIVE_BOMB' })
    await expect(
      extract('documents.7z', { limits: { ...defaultLimits, maxMembers: 1 } }),
    ).rejects.toMatchObject({
      code: 'ARCHIVE_BOMB',
    })
  })

  it('reports a cut archive as FILE_CORRUPT', async () => {
    await expect(extract('truncated.7z')).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })
})

describe.skipIf(!hasCorpus)('SevenZipExtractor on the corpus', () => {
  function corpusFile(path: string) {
    return new SevenZipExtractor().extract({
      bytes: readFileSync(join(corpus, path)),
      name: path.split('/').pop() ?? path,
      mediaType: 'application/x-7z-compressed',
      limits: defaultLimits,
      sourcePath: join(corpus, path),
    })
  }

  it('reads Tika’s test documents', async () => {
    const result = await corpusFile('tika/test-documents.7z')
    expect(result.children).toHaveLength(9)
    expect(result.children[0]?.name).toBe('test-documents/testEXCEL.xls')
  })

  it('reports Tika’s fully encrypted archive as FILE_ENCRYPTED', async () => {
    await expect(corpusFile('tika/full_encrypted.7z')).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })
})

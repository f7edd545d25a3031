import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { RarExtractor } from './rar-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/archive-more/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`rar-extractor corpus tests skipped: no corpus at ${corpus}`)

function extract(path: string, options: { limits?: ExtractionLimits; onDisk?: boolean } = {}) {
  return new RarExtractor().extract({
    bytes: readFileSync(path),
    name: path.split('/').pop() ?? path,
    mediaType: 'application/vnd.rar',
    limits: options.limits ?? defaultLimits,
    sourcePath: options.onDisk === true ? path : null,
  })
}

const fixture = (name: string): string => join(fixtures, name)

describe('RarExtractor', () => {
  it('lists the members and hands on each file', async () => {
    const result = await extract(fixture('documents.rar'))
    expect(result.text).toBe('documents/memo.txt\ndocuments/letter.txt')
    expect(result.children.map((child) => child.name)).toEqual([
      'documents/memo.txt',
      'documents/letter.txt',
    ])
    expect(Buffer.from(result.children[1]?.bytes ?? []).toString()).toContain('عقد ميناء يافا')
    expect(result.children[0]?.modified).toBe('2024-03-01T10:30:00.000Z')
    expect(result.warnings).toEqual([])
  })

  it('reads the volumes after the first from beside it on disk', async () => {
    const result = await extract(fixture('volumes.part1.rar'), { onDisk: true })
    expect(result.children.map((child) => child.name)).toEqual(['memo.txt', 'letter-long.txt'])
    expect(Buffer.from(result.children[1]?.bytes ?? []).toString()).toBe(
      'Confidential letter about the Jaffa port contract.\nرسالة سرية عن عقد ميناء يافا.\n'.repeat(
        12,
      ),
    )
    expect(result.metadata).toMatchObject({ members: 2, volumes: 3 })
    expect(result.warnings).toEqual([])
  })

  it('keeps what the first volume holds when the others are not there, and says so', async () => {
    const result = await extract(fixture('volumes.part1.rar'))
    expect(result.children.map((child) => child.name)).toEqual(['memo.txt'])
    expect(result.warnings[0]?.message).toContain('volumes.part2.rar was not found beside it')
  })

  it('reports an archive whose members are all encrypted as FILE_ENCRYPTED', async () => {
    await expect(extract(fixture('encrypted-members.rar'))).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('keeps the members before the cut of a truncated archive', async () => {
    const result = await extract(fixture('truncated.rar'))
    expect(result.children.map((child) => child.name)).toEqual(['documents/memo.txt'])
    expect(result.warnings.map((warning) => warning.code)).toContain('TEXT_TRUNCATED')
  })

  it('refuses an archive whose headers declare more than the limit', async () => {
    await expect(
      extract(fixture('documents.rar'), { limits: { ...defaultLimits, maxExpandedBytes: 100 } }),
    ).rejects.toMatchObject({ code: 'ARCHIVE_BOMB' })
  })

  it('reports bytes that are not a RAR as FILE_CORRUPT', async () => {
    await expect(extract(fixture('documents.7z'))).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })
})

describe.skipIf(!hasCorpus)('RarExtractor on the corpus', () => {
  it('reports an archive with encrypted names as FILE_ENCRYPTED', async () => {
    await expect(extract(join(corpus, 'tika/test-documents-enc.rar'))).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('skips the link of a rar-slip archive with a warning', async () => {
    const result = await extract(join(corpus, 'ingest-file/badrar.rar'))
    expect(result.children).toEqual([])
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ARCHIVE_UNSAFE_PATH' })])
  })

  it('reads Tika’s test documents (RAR 2.9)', async () => {
    const result = await extract(join(corpus, 'tika/test-documents.rar'))
    expect(result.children).toHaveLength(9)
  })
})

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { TarExtractor } from './tar-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/archive-more/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`tar-extractor corpus tests skipped: no corpus at ${corpus}`)

function extract(bytes: Uint8Array, limits: ExtractionLimits = defaultLimits) {
  return new TarExtractor().extract({
    bytes,
    name: 'archive.tar',
    mediaType: 'application/x-tar',
    limits,
  })
}

function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name))
}

describe('TarExtractor', () => {
  it('lists the members and hands on each file, a pax long name included', async () => {
    const result = await extract(fixture('documents.tar'))
    const long = `documents/${'رسالة-سرية-'.repeat(8)}.txt`
    expect(result.text).toBe(`documents/\ndocuments/memo.txt\n${long}`)
    expect(result.children.map((child) => child.name)).toEqual(['documents/memo.txt', long])
    expect(Buffer.from(result.children[0]?.bytes ?? []).toString()).toContain('مراجعة الحسابات')
    expect(result.children[0]?.modified).toBe('2024-03-01T10:30:00.000Z')
    expect(result.warnings).toEqual([])
  })

  it('reads an old tar without the ustar magic', async () => {
    const result = await extract(fixture('documents-no-magic.tar'))
    expect(result.children.map((child) => child.name)).toEqual(['memo.txt'])
  })

  it('decodes names stored in code page 1256', async () => {
    const result = await extract(fixture('cp1256-names.tar'))
    expect(result.children.map((child) => child.name)).toEqual([
      'تقرير مالي.txt',
      'محضر الاجتماع.txt',
    ])
    expect(result.encoding).toBe('cp1256')
  })

  it('cleans unsafe names and skips links to outside and device files with warnings', async () => {
    const result = await extract(fixture('hostile.tar'))
    expect(result.children.map((child) => child.name)).toEqual([
      'evil.txt',
      'etc/passwd-copy',
      'safe/normal.txt',
      'safe/hard-link.txt',
    ])
    expect(result.warnings.map((warning) => warning.code)).toEqual([
      'ARCHIVE_UNSAFE_PATH',
      'ARCHIVE_UNSAFE_PATH',
      'ARCHIVE_UNSAFE_PATH',
      'FORMAT_UNSUPPORTED',
    ])
    expect(result.warnings[2]?.message).toContain('link-to-shadow → /etc/shadow')
    // A hard link to a member of the same archive is that member's content.
    expect(result.children[3]?.bytes).toEqual(result.children[2]?.bytes)
  })

  it('keeps what a cut archive has, with a TEXT_TRUNCATED warning', async () => {
    const result = await extract(fixture('truncated.tar'))
    expect(result.text).toBe('documents/')
    expect(result.warnings.map((warning) => warning.code)).toEqual(['TEXT_TRUNCATED'])
  })

  it('keeps a member cut short, with a warning naming it', async () => {
    const bytes = fixture('documents.tar')
    const result = await extract(bytes.subarray(0, 1024 + 100))
    expect(result.children.map((child) => [child.name, child.bytes.length])).toEqual([
      ['documents/memo.txt', 100],
    ])
    expect(result.warnings.map((warning) => warning.message)).toContain(
      'documents/memo.txt: Only part of the file could be read.',
    )
  })

  it('refuses an archive with more members than the limit', async () => {
    await expect(
      extract(fixture('documents.tar'), { ...defaultLimits, maxMembers: 1 }),
    ).rejects.toMatchObject({
      code: 'ARCHIVE_BOMB',
    })
  })

  it('skips a member larger than the member limit with a warning', async () => {
    const result = await extract(fixture('documents.tar'), {
      ...defaultLimits,
      maxMemberBytes: 200,
    })
    expect(result.children).toHaveLength(1)
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'FILE_TOO_LARGE' })])
  })

  it('reports bytes that are not a tar as FILE_CORRUPT', async () => {
    await expect(
      extract(Buffer.from('just some text, not an archive'.repeat(40))),
    ).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })
})

describe.skipIf(!hasCorpus)('TarExtractor on the corpus', () => {
  it('skips the symlink of a tar-slip archive', async () => {
    const result = await extract(readFileSync(join(corpus, 'ingest-file/badtar.tar')))
    expect(result.children).toEqual([])
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ARCHIVE_UNSAFE_PATH' })])
  })

  it('reads a tar without magic from Tika’s tests', async () => {
    const result = await extract(readFileSync(join(corpus, 'tika/testTAR_no_magic.tar')))
    expect(result.children.map((child) => child.name)).toEqual([
      'Lorem ipsum 1',
      'Lorem ipsum 2',
      'Lorem ipsum 3',
    ])
  })
})

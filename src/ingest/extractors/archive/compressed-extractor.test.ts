import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { CompressedExtractor, decompressedName } from './compressed-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/archive-more/', import.meta.url))
const TYPES: Readonly<Record<string, string>> = {
  gz: 'application/gzip',
  tgz: 'application/gzip',
  bz2: 'application/x-bzip2',
  xz: 'application/x-xz',
  txz: 'application/x-xz',
}

function extract(name: string, limits: ExtractionLimits = defaultLimits, progress?: () => void) {
  const bytes = readFileSync(join(fixtures, name))
  const mediaType = TYPES[name.split('.').pop() ?? ''] ?? 'application/gzip'
  return new CompressedExtractor().extract(
    { bytes, name, mediaType, limits },
    { onProgress: progress },
  )
}

describe('CompressedExtractor', () => {
  it('hands on the decompressed .tar of a .tar.gz', async () => {
    const result = await extract('documents.tar.gz')
    expect(result.children.map((child) => [child.name, child.bytes.length])).toEqual([
      ['documents.tar', 4608],
    ])
    expect(result.text).toBe('documents.tar')
    expect(result.metadata).toMatchObject({ compression: 'gzip', expandedBytes: 4608 })
  })

  it('names the child of a .tgz, .tar.bz2 and .txz after the archive with .tar', async () => {
    for (const name of ['documents.tgz', 'documents.tar.bz2', 'documents.txz']) {
      const result = await extract(name)
      expect(result.children.map((child) => child.name)).toEqual(['documents.tar'])
      expect(result.children[0]?.bytes.length).toBe(4608)
    }
  })

  it('decompresses single files in all three formats', async () => {
    for (const name of ['memo.txt.gz', 'memo.txt.bz2', 'memo.txt.xz']) {
      const result = await extract(name)
      expect(result.children[0]?.name).toBe('memo.txt')
      expect(Buffer.from(result.children[0]?.bytes ?? []).toString()).toContain('פרוטוקול הישיבה')
    }
  })

  it('stops a gzip bomb early with ARCHIVE_BOMB', async () => {
    await expect(extract('bomb.txt.gz')).rejects.toMatchObject({ code: 'ARCHIVE_BOMB' })
  })

  it('stops at the total limit while decompressing', async () => {
    await expect(
      extract('bomb.txt.gz', {
        ...defaultLimits,
        maxCompressionRatio: 10_000,
        maxExpandedBytes: 1_000_000,
      }),
    ).rejects.toMatchObject({ code: 'ARCHIVE_BOMB' })
  })

  it('keeps the archive and warns when the file is larger than the member limit', async () => {
    const result = await extract('memo.txt.gz', { ...defaultLimits, maxMemberBytes: 100 })
    expect(result.children).toEqual([])
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'FILE_TOO_LARGE' })])
  })

  it('keeps what a cut stream gave, with a TEXT_TRUNCATED warning', async () => {
    for (const name of ['truncated.tar.gz', 'truncated.txt.bz2', 'truncated.txt.xz']) {
      const result = await extract(name)
      expect(result.warnings.map((warning) => warning.code)).toEqual(['TEXT_TRUNCATED'])
      expect(result.children[0]?.bytes.length).toBeGreaterThan(0)
    }
  })

  it('reports progress while it decompresses', async () => {
    let calls = 0
    await extract('truncated.txt.bz2', defaultLimits, () => (calls += 1))
    expect(calls).toBeGreaterThan(0)
  })

  it('reports bytes that do not decompress as FILE_CORRUPT', async () => {
    await expect(extract('not-gzip.gz')).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })
})

describe('decompressedName', () => {
  it('drops the compression suffix and turns .tgz-like suffixes into .tar', () => {
    expect(decompressedName('x.tar.gz', 'gzip')).toBe('x.tar')
    expect(decompressedName('x.tgz', 'gzip')).toBe('x.tar')
    expect(decompressedName('x.tbz2', 'bzip2')).toBe('x.tar')
    expect(decompressedName('notes.txt.xz', 'xz')).toBe('notes.txt')
    expect(decompressedName('file_tar_gz', 'gzip')).toBe('file_tar_gz')
  })
})

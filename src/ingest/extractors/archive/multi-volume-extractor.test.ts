import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { ArchiveVolumeExtractor, MultiVolumeExtractor } from './multi-volume-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/archive-more/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`multi-volume-extractor corpus tests skipped: no corpus at ${corpus}`)

function extract(path: string, onDisk = true) {
  return new MultiVolumeExtractor().extract({
    bytes: readFileSync(path),
    name: path.split('/').pop() ?? path,
    mediaType: 'application/x-multivolume-archive',
    limits: defaultLimits,
    sourcePath: onDisk ? path : null,
  })
}

const members = ['documents/long.txt', 'documents/memo.txt', 'documents/رسالة.txt']

describe('MultiVolumeExtractor', () => {
  it('reads a byte-split 7z set as one archive from its first volume', async () => {
    const result = await extract(join(fixtures, 'split.7z.001'))
    expect(result.children.map((child) => child.name)).toEqual(members)
    expect(result.metadata).toMatchObject({ volumes: 8 })
    expect(result.warnings).toEqual([])
  })

  it('reads a byte-split zip set through the zip reader', async () => {
    const result = await extract(join(fixtures, 'split.zip.001'))
    expect(result.children.map((child) => child.name)).toEqual(members)
    expect(result.metadata).toMatchObject({ volumes: 10 })
  })

  it('keeps a first volume whose others are missing as a document that says so', async () => {
    const result = await extract(join(fixtures, 'lonely.7z.001'))
    expect(result.text).toBe('')
    expect(result.children).toEqual([])
    expect(result.warnings.map((warning) => warning.code)).toEqual(['TEXT_TRUNCATED'])
    expect(result.warnings[0]?.message).toContain('lonely.7z.002 was not found')
  })

  it('warns when a first volume is read inside a container, where its others cannot be found', async () => {
    const result = await extract(join(fixtures, 'split.zip.001'), false)
    expect(result.warnings[0]?.message).toContain('split.zip.002 was not found beside it')
  })
})

describe('ArchiveVolumeExtractor', () => {
  it('makes a continuation volume a document with no text and a note saying where it is read', async () => {
    const result = await new ArchiveVolumeExtractor().extract({
      bytes: readFileSync(join(fixtures, 'split.7z.003')),
      name: 'split.7z.003',
      mediaType: 'application/x-archive-volume',
      limits: defaultLimits,
    })
    expect(result).toEqual({
      text: '',
      title: null,
      metadata: {
        volumeOf: 'split.7z.001',
        note: 'A volume of a multi-volume archive: its content is read with split.7z.001.',
      },
      method: 'container',
      children: [],
      warnings: [],
    })
  })
})

describe.skipIf(!hasCorpus)('MultiVolumeExtractor on the corpus', () => {
  it('reads hoover’s 21-volume 7z set and its 29-volume zip set', async () => {
    for (const path of [
      'hoover/data/disk-files/archives/generated/split/7z/x.7z.001',
      'hoover/data/disk-files/archives/generated/split/zip/x.zip.001',
    ]) {
      const result = await extract(join(corpus, path))
      expect(result.text).toContain('nlp-service/README.md')
    }
  })

  it('reads a spanned zip from its .zip and the .z01 beside it', async () => {
    const result = await extract(join(corpus, 'tika/test-documents-spanned.zip'))
    expect(result.children).toHaveLength(9)
    expect(result.metadata).toMatchObject({ volumes: 2 })
  })
})

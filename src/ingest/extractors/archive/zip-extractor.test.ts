import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import yazl from 'yazl'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { ZipExtractor } from './zip-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/archive/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`zip-extractor corpus tests skipped: no corpus at ${corpus}`)

function extract(bytes: Uint8Array, limits: ExtractionLimits = defaultLimits) {
  return new ZipExtractor().extract({
    bytes,
    name: 'archive.zip',
    mediaType: 'application/zip',
    limits,
  })
}

function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name))
}

function zipOf(count: number): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (let index = 0; index < count; index += 1) {
    zip.addBuffer(Buffer.from(`member ${index}\n`), `m${index}.txt`, {
      mtime: new Date(Date.UTC(2024, 0, 1)),
    })
  }
  zip.end()
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })
}

describe('ZipExtractor', () => {
  it('lists the members and hands on each file with its bytes', async () => {
    const result = await extract(fixture('utf8-names.zip'))
    expect(result.text).toBe('تقارير/\nتقارير/تقرير سري.txt\nדוחות/דוח פנימי.txt\nnested.zip')
    expect(result.method).toBe('container')
    expect(result.children.map((child) => child.name)).toEqual([
      'تقارير/تقرير سري.txt',
      'דוחות/דוח פנימי.txt',
      'nested.zip',
    ])
    expect(Buffer.from(result.children[0]?.bytes ?? []).toString()).toContain('مراجعة الحسابات')
    expect(result.children[0]?.modified).toBe('2024-03-01T10:30:00.000Z')
    expect(result.warnings).toEqual([])
  })

  it('decodes Arabic names stored in code page 1256 without the UTF-8 flag', async () => {
    const result = await extract(fixture('cp1256-names.zip'))
    expect(result.children.map((child) => child.name)).toEqual([
      'تقرير مالي.txt',
      'محضر الاجتماع.txt',
    ])
    expect(result.encoding).toBe('cp1256')
  })

  it('decodes accented names stored in code page 437', async () => {
    const result = await extract(fixture('cp437-names.zip'))
    expect(result.children.map((child) => child.name)).toEqual(['Résumé.txt', 'Café menu.txt'])
    expect(result.encoding).toBe('cp437')
  })

  it('prefers the name in an Info-ZIP Unicode Path field', async () => {
    const result = await extract(fixture('unicode-path-field.zip'))
    expect(result.children.map((child) => child.name)).toEqual(['تقرير.txt'])
  })

  it('keeps members with unsafe paths under safe names and warns', async () => {
    const result = await extract(fixture('path-traversal.zip'))
    expect(result.children.map((child) => child.name)).toEqual([
      'evil.txt',
      'etc/passwd-copy',
      'Windows/win.txt',
      'safe/normal.txt',
    ])
    expect(result.warnings.map((warning) => warning.code)).toEqual([
      'ARCHIVE_UNSAFE_PATH',
      'ARCHIVE_UNSAFE_PATH',
      'ARCHIVE_UNSAFE_PATH',
      'ARCHIVE_UNSAFE_PATH',
    ])
    expect(result.warnings[0]?.message).toContain('“../../evil.txt” → evil.txt')
    // The symlink is skipped: its "content" is a path on someone else's machine.
    expect(result.warnings[3]?.message).toContain('link-to-secret')
  })

  it('reports an archive whose members are all encrypted as FILE_ENCRYPTED', async () => {
    await expect(extract(fixture('encrypted-all.zip'))).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('skips encrypted members of a partly encrypted archive with a warning', async () => {
    const result = await extract(fixture('encrypted-some.zip'))
    expect(result.children.map((child) => child.name)).toEqual(['public.txt'])
    expect(result.warnings).toEqual([
      {
        code: 'FILE_ENCRYPTED',
        message:
          'secret.txt: The file is encrypted and no password given to `index --password-file` opens it.',
      },
    ])
  })

  it('refuses a member that expands more than the ratio limit', async () => {
    await expect(extract(fixture('bomb-ratio.zip'))).rejects.toMatchObject({ code: 'ARCHIVE_BOMB' })
  })

  it('refuses an archive that expands beyond the total limit', async () => {
    await expect(
      extract(fixture('utf8-names.zip'), { ...defaultLimits, maxExpandedBytes: 600 }),
    ).rejects.toMatchObject({
      code: 'ARCHIVE_BOMB',
    })
  })

  it('refuses an archive with more members than the limit', async () => {
    await expect(
      extract(await zipOf(20), { ...defaultLimits, maxMembers: 10 }),
    ).rejects.toMatchObject({
      code: 'ARCHIVE_BOMB',
    })
  })

  it('skips a member larger than the member limit with a warning', async () => {
    const result = await extract(fixture('cp1256-names.zip'), {
      ...defaultLimits,
      maxMemberBytes: 100,
    })
    expect(result.children.map((child) => child.name)).toEqual(['محضر الاجتماع.txt'])
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'FILE_TOO_LARGE' })])
  })

  it('keeps the members of a cut-off archive with a TEXT_TRUNCATED warning', async () => {
    const result = await extract(fixture('truncated.zip'))
    expect(result.children.map((child) => child.name)).toEqual([
      'first.txt',
      'second.txt',
      'third.txt',
    ])
    expect(Buffer.from(result.children[1]?.bytes ?? []).toString()).toContain('مراجعة الحسابات')
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'TEXT_TRUNCATED' }),
      { code: 'TEXT_TRUNCATED', message: 'third.txt: Only part of the file could be read.' },
    ])
  })

  it('reports a damaged archive as FILE_CORRUPT', async () => {
    await expect(extract(fixture('corrupt.zip'))).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
    await expect(extract(Buffer.from('not a zip at all'))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reports an empty file as FILE_EMPTY', async () => {
    await expect(extract(new Uint8Array())).rejects.toMatchObject({ code: 'FILE_EMPTY' })
  })
})

describe.skipIf(!hasCorpus)('ZipExtractor on the corpus', () => {
  it('decodes Shift-JIS member names', async () => {
    const result = await extract(
      readFileSync(join(corpus, 'tika/testZipEntryNameCharsetShiftSJIS.zip')),
    )
    expect(result.children.map((child) => child.name)).toEqual(['文章1.txt', '文章2.txt'])
  })

  it('hands on the member that holds the expected phrase', async () => {
    const result = await extract(
      readFileSync(join(corpus, 'hoover/data/zip-in-multiple-locations/location-1/parent.zip')),
    )
    const child = result.children.find((member) => member.name === 'parent/child.txt')
    expect(Buffer.from(child?.bytes ?? []).toString()).toContain('zipped in multiple locations')
  })

  it('salvages the members of a split archive’s first volume', async () => {
    const result = await extract(readFileSync(join(corpus, 'tika/test-documents-spanned.z01')))
    expect(result.children.length).toBeGreaterThan(0)
    expect(result.warnings[0]?.code).toBe('TEXT_TRUNCATED')
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { detectMediaType } from '../../detect-media-type.js'
import { firstVolumeName, rarVolumeNames, splitVolumeNames, volumeRole } from './volume-names.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/archive-more/', import.meta.url))
const none = new Uint8Array(16)
const rar = Buffer.from('Rar!\x1a\x07\x00', 'latin1')

describe('volumeRole', () => {
  it('tells first volumes, continuation volumes and single files apart by name', () => {
    expect(volumeRole('x.7z.001', none)).toBe('split-first')
    expect(volumeRole('x.zip.001', none)).toBe('split-first')
    expect(volumeRole('x.7z.002', none)).toBe('continuation')
    expect(volumeRole('x.part1.rar', rar)).toBeNull()
    expect(volumeRole('x.part02.rar', rar)).toBe('continuation')
    expect(volumeRole('x.r00', rar)).toBe('continuation')
    expect(volumeRole('x.z01', Buffer.from([0x50, 0x4b, 0x07, 0x08]))).toBe('continuation')
    expect(volumeRole('report.001', none)).toBeNull()
    expect(volumeRole('report.001', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))).toBe(
      'split-first',
    )
    expect(volumeRole('notes.txt', none)).toBeNull()
  })
})

describe('volume names', () => {
  it('names the volumes that follow and the volume a part is read with', () => {
    expect([...splitVolumeNames('x.7z.001')].slice(0, 2)).toEqual(['x.7z.002', 'x.7z.003'])
    expect([...rarVolumeNames('x.part01.rar')].slice(0, 2)).toEqual([
      'x.part02.rar',
      'x.part03.rar',
    ])
    expect([...rarVolumeNames('x.rar')].slice(0, 2)).toEqual(['x.r00', 'x.r01'])
    expect(firstVolumeName('x.7z.017')).toBe('x.7z.001')
    expect(firstVolumeName('x.part3.rar')).toBe('x.part1.rar')
    expect(firstVolumeName('x.r04')).toBe('x.rar')
    expect(firstVolumeName('x.z01')).toBe('x.zip')
  })
})

describe('detectMediaType for archives and volumes', () => {
  const cases: [string, string][] = [
    ['split.7z.001', 'application/x-multivolume-archive'],
    ['split.zip.001', 'application/x-multivolume-archive'],
    ['split.7z.002', 'application/x-archive-volume'],
    ['volumes.part2.rar', 'application/x-archive-volume'],
    ['volumes.part1.rar', 'application/x-rar-compressed'],
    ['documents-no-magic.tar', 'application/x-tar'],
    ['documents.tar.bz2', 'application/x-bzip2'],
    ['documents.txz', 'application/x-xz'],
    ['documents.tgz', 'application/gzip'],
  ]
  it.each(cases)('types %s as %s', async (name, mediaType) => {
    expect(await detectMediaType(readFileSync(join(fixtures, name)), name)).toBe(mediaType)
  })
})

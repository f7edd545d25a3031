import { readFile } from 'node:fs/promises'

import { describe, expect, it } from 'vitest'

import { exifDate, readJpegMetadata } from './exif.js'
import { readTiff, singlePageTiff } from './tiff.js'
import { TiffFormatError, TiffStructure } from './tiff-structure.js'

async function fixture(path: string): Promise<Uint8Array> {
  return new Uint8Array(
    await readFile(new URL(`../../../../test/fixtures/${path}`, import.meta.url)),
  )
}

/** A little-endian TIFF header followed by directories given as [tag, type, count, value]. */
function tiff(directories: readonly (readonly [number, number, number, number])[][]): Uint8Array {
  const bytes: number[] = [0x49, 0x49, 42, 0, 8, 0, 0, 0]
  const u16 = (value: number): number[] => [value & 0xff, value >> 8]
  const u32 = (value: number): number[] => [
    value & 0xff,
    (value >> 8) & 0xff,
    (value >> 16) & 0xff,
    value >>> 24,
  ]
  directories.forEach((entries, index) => {
    const next = index + 1 < directories.length ? bytes.length + 2 + entries.length * 12 + 4 : 0
    bytes.push(...u16(entries.length))
    for (const [tag, type, count, value] of entries) {
      bytes.push(...u16(tag), ...u16(type), ...u32(count), ...u32(value))
    }
    bytes.push(...u32(next))
  })
  return new Uint8Array(bytes)
}

const PAGE = [
  [256, 4, 1, 640],
  [257, 4, 1, 480],
  [259, 3, 1, 1],
] as const

describe('readTiff', () => {
  it('lists every page of a multi-page file', async () => {
    const file = readTiff(await fixture('image/two-pages.tif'))
    expect(file.pages.map((page) => [page.width, page.compression])).toEqual([
      [1400, 32773],
      [1400, 32773],
    ])
  })

  it('makes a one-page copy whose header points at a later page', async () => {
    const file = readTiff(await fixture('image/two-pages.tif'))
    const copy = readTiff(singlePageTiff(file, file.pages[1]!))
    expect(copy.pages).toHaveLength(1)
    expect(copy.pages[0]?.ifd.offset).toBe(file.pages[1]?.ifd.offset)
  })

  it('ends a chain of directories that loops back on itself', () => {
    const bytes = tiff([[...PAGE], [...PAGE]])
    // Point the second directory's "next" back at the first.
    new DataView(bytes.buffer).setUint32(bytes.length - 4, 8, true)
    expect(readTiff(bytes).pages).toHaveLength(2)
  })

  it('skips reduced-resolution copies (thumbnails)', () => {
    expect(readTiff(tiff([[...PAGE], [[254, 4, 1, 1], ...PAGE]])).pages).toHaveLength(1)
  })

  it('rejects a header that points outside the file or a page without a size', () => {
    const outside = tiff([[...PAGE]])
    new DataView(outside.buffer).setUint32(4, 9999, true)
    expect(() => readTiff(outside)).toThrow(TiffFormatError)
    expect(() => readTiff(tiff([[[259, 3, 1, 1]]]))).toThrow(TiffFormatError)
    expect(() => readTiff(new Uint8Array([1, 2, 3]))).toThrow(TiffFormatError)
  })

  it('ignores entries whose values lie outside the file', () => {
    const structure = TiffStructure.open(tiff([[...PAGE, [270, 2, 100, 5000]]]))!
    const directory = structure.readIfd(structure.firstIfd())
    expect(directory.entries.has(270)).toBe(false)
    expect(structure.number(directory.entries.get(256))).toBe(640)
  })
})

describe('EXIF', () => {
  it('reads camera, dates and GPS position from a JPEG', async () => {
    expect(readJpegMetadata(await fixture('image/camera-exif.jpg'))).toEqual({
      created: '2021-06-14T09:08:07',
      modified: '2021-06-15T10:20:30',
      cameraMake: 'Daleel Optics',
      cameraModel: 'Fixture Cam 1',
      gpsLatitude: 31.775,
      gpsLongitude: 35.229167,
    })
  })

  it('gives no metadata for a JPEG without EXIF or with a damaged block', async () => {
    expect(readJpegMetadata(await fixture('image/truncated-half.jpg'))).toEqual({})
    const damaged = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe1,
      0,
      16,
      ...new TextEncoder().encode('Exif\0\0II*\0'),
      0xff,
      0xff,
      0,
      0,
    ])
    expect(readJpegMetadata(damaged)).toEqual({})
  })

  it('turns EXIF dates into ISO 8601 and drops blank ones', () => {
    expect(exifDate('2009:08:11 09:09:45')).toBe('2009-08-11T09:09:45')
    expect(exifDate('0000:00:00 00:00:00')).toBeNull()
    expect(exifDate('    :  :     :  :  ')).toBeNull()
  })
})

/** Reads the metadata cameras and scanners write: the EXIF block of a JPEG (APP1) or the first
 *  directory of a TIFF. Dates become ISO 8601 (local time, as EXIF has no zone), GPS becomes
 *  decimal degrees. A damaged block costs the metadata, never the image. */

import type { Metadata } from '../../../domain/index.js'
import { TiffStructure, type Ifd } from './tiff-structure.js'

const TAG = {
  description: 270,
  make: 271,
  model: 272,
  software: 305,
  dateTime: 306,
  artist: 315,
  exifIfd: 34665,
  gpsIfd: 34853,
  dateTimeOriginal: 36867,
  dateTimeDigitized: 36868,
  gpsLatitudeRef: 1,
  gpsLatitude: 2,
  gpsLongitudeRef: 3,
  gpsLongitude: 4,
} as const

/** The EXIF metadata of a JPEG file; empty when it has none or it is damaged. */
export function readJpegMetadata(bytes: Uint8Array): Metadata {
  const structure = findExifBlock(bytes)
  if (!structure) return {}
  try {
    return readTiffMetadata(structure, structure.readIfd(structure.firstIfd()))
  } catch {
    return {}
  }
}

function findExifBlock(bytes: Uint8Array): TiffStructure | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  let offset = 2
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!
    // Start of scan or end of image: no metadata segments follow.
    if (marker === 0xda || marker === 0xd9) return null
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!
    if (length < 2) return null
    if (marker === 0xe1 && bytes.length >= offset + 10) {
      const header = String.fromCharCode(...bytes.subarray(offset + 4, offset + 10))
      if (header === 'Exif\0\0') return TiffStructure.open(bytes, offset + 10)
    }
    offset += 2 + length
  }
  return null
}

/** Metadata from a TIFF structure's first directory and its EXIF and GPS directories. */
export function readTiffMetadata(structure: TiffStructure, ifd0: Ifd): Metadata {
  const metadata: Record<string, string | number> = {}
  const text = (ifd: Ifd, tag: number): string | null => {
    try {
      return structure.text(ifd.entries.get(tag))
    } catch {
      return null
    }
  }
  const exif = subDirectory(structure, ifd0, TAG.exifIfd)
  const created =
    (exif && exifDate(text(exif, TAG.dateTimeOriginal))) ??
    (exif && exifDate(text(exif, TAG.dateTimeDigitized))) ??
    exifDate(text(ifd0, TAG.dateTime))
  const modified = exifDate(text(ifd0, TAG.dateTime))
  if (created) metadata.created = created
  if (modified) metadata.modified = modified
  const fields: [string, number][] = [
    ['cameraMake', TAG.make],
    ['cameraModel', TAG.model],
    ['software', TAG.software],
    ['author', TAG.artist],
    ['description', TAG.description],
  ]
  for (const [field, tag] of fields) {
    const value = text(ifd0, tag)
    if (value) metadata[field] = value
  }
  const gps = subDirectory(structure, ifd0, TAG.gpsIfd)
  if (gps) {
    const latitude = coordinate(structure, gps, TAG.gpsLatitude, text(gps, TAG.gpsLatitudeRef))
    const longitude = coordinate(structure, gps, TAG.gpsLongitude, text(gps, TAG.gpsLongitudeRef))
    if (latitude !== null && longitude !== null) {
      metadata.gpsLatitude = latitude
      metadata.gpsLongitude = longitude
    }
  }
  return metadata
}

function subDirectory(structure: TiffStructure, ifd: Ifd, tag: number): Ifd | null {
  try {
    const offset = structure.number(ifd.entries.get(tag))
    return offset ? structure.readIfd(offset) : null
  } catch {
    return null
  }
}

/** "2009:08:11 09:09:45" → "2009-08-11T09:09:45"; null for blank or impossible dates. */
export function exifDate(value: string | null): string | null {
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/u.exec(value ?? '')
  if (!match) return null
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map(Number)
  if (!year || !month || month > 12 || !day || day > 31 || hour > 23 || minute > 59) return null
  if (second > 60) return null
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`
}

function coordinate(
  structure: TiffStructure,
  gps: Ifd,
  tag: number,
  reference: string | null,
): number | null {
  try {
    const [degrees, minutes = 0, seconds = 0] = structure.numbers(gps.entries.get(tag), 3)
    if (degrees === undefined || !Number.isFinite(degrees)) return null
    const value = degrees + minutes / 60 + seconds / 3600
    const signed = reference === 'S' || reference === 'W' ? -value : value
    return Math.round(signed * 1e6) / 1e6
  } catch {
    return null
  }
}

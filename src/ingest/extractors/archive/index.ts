/** Archive formats: members become child items. */
import type { Extractor } from '../../extractor.js'
import { CompressedExtractor } from './compressed-extractor.js'
import { ArchiveVolumeExtractor, MultiVolumeExtractor } from './multi-volume-extractor.js'
import { RarExtractor } from './rar-extractor.js'
import { SevenZipExtractor } from './sevenzip-extractor.js'
import { TarExtractor } from './tar-extractor.js'
import { ZipExtractor } from './zip-extractor.js'

const compressed = new CompressedExtractor()
const rar = new RarExtractor()

export const archiveExtractors: Readonly<Record<string, Extractor>> = {
  'application/zip': new ZipExtractor(),
  'application/x-tar': new TarExtractor(),
  'application/gzip': compressed,
  'application/x-gzip': compressed,
  'application/x-bzip2': compressed,
  'application/x-xz': compressed,
  'application/x-7z-compressed': new SevenZipExtractor(),
  'application/x-rar-compressed': rar,
  'application/vnd.rar': rar,
  // Media types of our own for multi-volume sets (see volume-names.ts).
  'application/x-multivolume-archive': new MultiVolumeExtractor(),
  'application/x-archive-volume': new ArchiveVolumeExtractor(),
}

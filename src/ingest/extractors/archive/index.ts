/** Archive formats: members become child items. */
import type { Extractor } from '../../extractor.js'
import { ZipExtractor } from './zip-extractor.js'

export const archiveExtractors: Readonly<Record<string, Extractor>> = {
  'application/zip': new ZipExtractor(),
}

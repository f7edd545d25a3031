/** Reads compound files that came without a telling type (`application/x-cfb`): the stream
 *  names say whether it is a Word, Excel or PowerPoint file, which go to their readers, or a
 *  password-protected Office Open XML package, which is FILE_ENCRYPTED. Other compound files
 *  (Visio, installers, thumbnail caches) are not read. */

import { DaleelError } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { compoundFileKind, listCompoundFileStreams } from './compound-file.js'

const MEDIA_TYPES = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  msg: 'application/vnd.ms-outlook',
} as const

/** Sends a compound file to the reader its streams point to. */
export class CompoundFileExtractor implements Extractor {
  readonly name = 'compound-file'

  constructor(private readonly readers: Readonly<Record<string, Extractor>>) {}

  extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    if (input.bytes.length === 0) return Promise.reject(new DaleelError('FILE_EMPTY'))
    const streams = listCompoundFileStreams(input.bytes)
    if (streams === null) return Promise.reject(new DaleelError('FILE_CORRUPT'))
    const kind = compoundFileKind(streams)
    if (kind === 'encrypted-ooxml') return Promise.reject(new DaleelError('FILE_ENCRYPTED'))
    const mediaType = kind === null ? null : MEDIA_TYPES[kind]
    const reader = mediaType === null ? undefined : this.readers[mediaType]
    if (mediaType === null || reader === undefined) {
      return Promise.reject(
        new DaleelError('FORMAT_UNSUPPORTED', { mediaType: mediaType ?? input.mediaType }),
      )
    }
    return reader.extract({ ...input, mediaType }, options)
  }
}

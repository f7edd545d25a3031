/** Reads the legacy binary Office formats no JavaScript package reads safely: .xls (BIFF) and
 *  .ppt, and the .doc files word-extractor cannot (Word 6/95, damaged ones). LibreOffice
 *  converts them to .xlsx/.pptx/.docx in a private temporary folder, and our own OOXML readers
 *  take it from there, so sheets, slides and dates come out as for the modern formats. The
 *  metadata comes from the original's summary information. Encryption is recognised without
 *  LibreOffice; without LibreOffice everything else fails with a clear message. */

import { DaleelError } from '../../../domain/index.js'
import type { Metadata } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { DocxExtractor } from '../docx/docx-extractor.js'
import { isCompoundFile } from './compound-file.js'
import {
  convertWithLibreOffice,
  findLibreOffice,
  hasLibreOfficeModule,
  libreOfficeMissing,
} from './libreoffice.js'
import type { LibreOfficeModule } from './libreoffice.js'
import { PptxExtractor } from './ooxml-pptx-extractor.js'
import {
  isEncryptedWorkbook,
  openCompoundFile,
  readOleProperties,
  streamOf,
} from './ole-properties.js'
import { XlsxExtractor } from './xlsx-extractor.js'

export const XLS = 'application/vnd.ms-excel'
export const PPT = 'application/vnd.ms-powerpoint'
export const DOC = 'application/msword'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
/** How long one LibreOffice conversion may take by default. */
export const DEFAULT_CONVERSION_TIMEOUT_MS = 120_000

interface Conversion {
  readonly extension: string
  readonly target: string
  readonly module: LibreOfficeModule
  readonly mediaType: string
  readonly reader: Extractor
}

const CONVERSIONS: Readonly<Record<string, Conversion>> = {
  [XLS]: {
    extension: 'xls',
    target: 'xlsx',
    module: 'calc',
    mediaType: XLSX,
    reader: new XlsxExtractor(),
  },
  [PPT]: {
    extension: 'ppt',
    target: 'pptx',
    module: 'impress',
    mediaType: PPTX,
    reader: new PptxExtractor(),
  },
  [DOC]: {
    extension: 'doc',
    target: 'docx',
    module: 'writer',
    mediaType: DOCX,
    reader: new DocxExtractor(),
  },
}

/** Options of the legacy reader; tests use them to pretend LibreOffice is missing. */
export interface LegacyOfficeExtractorOptions {
  /** The LibreOffice program; null for "not installed"; found on PATH when left out. */
  readonly libreOffice?: string | null
  readonly timeoutMs?: number
}

/** What the original compound file says before any conversion: encrypted, and its metadata. */
function inspect(bytes: Uint8Array, mediaType: string): { metadata: Metadata; encrypted: boolean } {
  if (!isCompoundFile(bytes)) return { metadata: {}, encrypted: false }
  const file = openCompoundFile(bytes)
  if (file === null) return { metadata: {}, encrypted: false }
  let encrypted = false
  if (mediaType === XLS) {
    const workbook = streamOf(file, 'Workbook') ?? streamOf(file, 'Book')
    encrypted = workbook !== null && isEncryptedWorkbook(workbook)
  } else if (mediaType === PPT) {
    // Encrypted presentations keep their summary in this stream (MS-PPT 2.1.3).
    encrypted = streamOf(file, 'EncryptedSummary') !== null
  }
  if (streamOf(file, 'EncryptionInfo') !== null) encrypted = true
  return { metadata: readOleProperties(file), encrypted }
}

/** Converts legacy .xls, .ppt and .doc files with LibreOffice and reads the result. */
export class LegacyOfficeExtractor implements Extractor {
  readonly name = 'legacy-office'
  private readonly program: string | null
  private readonly timeoutMs: number

  constructor(options: LegacyOfficeExtractorOptions = {}) {
    this.program = options.libreOffice === undefined ? findLibreOffice() : options.libreOffice
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CONVERSION_TIMEOUT_MS
  }

  /** True when this extractor can run LibreOffice with the module `mediaType` needs. */
  canConvert(mediaType: string): boolean {
    const conversion = CONVERSIONS[mediaType]
    return (
      conversion !== undefined &&
      this.program !== null &&
      hasLibreOfficeModule(this.program, conversion.module)
    )
  }

  async extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    const conversion = CONVERSIONS[input.mediaType]
    if (conversion === undefined)
      throw new DaleelError('FORMAT_UNSUPPORTED', { mediaType: input.mediaType })
    if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
    const original = inspect(input.bytes, input.mediaType)
    if (this.program === null || !hasLibreOfficeModule(this.program, conversion.module)) {
      if (original.encrypted) throw new DaleelError('FILE_ENCRYPTED')
      throw libreOfficeMissing(input.mediaType, conversion.module)
    }
    let converted: Buffer
    try {
      converted = await convertWithLibreOffice(
        this.program,
        input.bytes,
        conversion.extension,
        conversion.target,
        {
          timeoutMs: this.timeoutMs,
          signal: options.signal,
          onProgress: options.onProgress,
          maxOutputBytes: input.limits.maxMemberBytes,
        },
      )
    } catch (error) {
      // LibreOffice asks for a password it cannot get and gives up: the file is encrypted.
      if (original.encrypted && error instanceof DaleelError && error.code === 'FILE_CORRUPT') {
        throw new DaleelError('FILE_ENCRYPTED', {}, { cause: error })
      }
      throw error
    }
    const result = await conversion.reader.extract(
      {
        ...input,
        bytes: converted,
        mediaType: conversion.mediaType,
        name: `${input.name}.${conversion.target}`,
      },
      options,
    )
    // The converted file's properties name LibreOffice as the application and may carry
    // conversion dates; the original's own summary information is what the file says.
    const metadata: Metadata = {
      ...(isCompoundFile(input.bytes) ? {} : result.metadata),
      ...original.metadata,
    }
    if (metadata.title === undefined && typeof result.metadata.title === 'string')
      metadata.title = result.metadata.title
    metadata.convertedBy = 'LibreOffice'
    const title = typeof metadata.title === 'string' ? metadata.title : null
    return { ...result, title, metadata }
  }
}

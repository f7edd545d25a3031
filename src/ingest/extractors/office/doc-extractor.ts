/** Reads Word 97–2003 documents (.doc) with word-extractor: the body, then headers and footers,
 *  footnotes, endnotes, comments and text boxes, each block after the body; the summary
 *  information gives title, author and dates. Hebrew and Arabic come out right because Word
 *  stores them as UTF-16. Files word-extractor cannot read (Word 6/95, damaged ones) go to
 *  LibreOffice through the legacy extractor; .doc files that are really RTF, .docx or Word 2003
 *  XML go to those readers. */

import WordExtractor from 'word-extractor'
import { DaleelError } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { DocxExtractor } from '../docx/docx-extractor.js'
import { limitText } from '../text/limit-text.js'
import { compoundFileKind, isCompoundFile, listCompoundFileStreams } from './compound-file.js'
import { DOC, LegacyOfficeExtractor } from './legacy-office-extractor.js'
import { libreOfficeMissing } from './libreoffice.js'
import {
  isEncryptedWordDocument,
  openCompoundFile,
  readOleProperties,
  streamOf,
} from './ole-properties.js'
import { looksLikeRtf, RtfExtractor } from './rtf-extractor.js'
import { looksLikeWordml, WordmlExtractor } from './wordml-extractor.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04]

/** word-extractor's text, tidied: no trailing tabs after table rows, at most one blank line. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    .replace(/[\t ]+\n/gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim()
}

async function readWithWordExtractor(bytes: Uint8Array): Promise<string> {
  const document = await new WordExtractor().extract(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  )
  const parts = [
    document.getBody(),
    document.getHeaders({ includeFooters: false }),
    document.getFooters(),
    document.getFootnotes(),
    document.getEndnotes(),
    document.getAnnotations(),
    document.getTextboxes({ includeHeadersAndFooters: true, includeBody: true }),
  ]
  return parts
    .map(tidy)
    .filter((part) => part !== '')
    .join('\n\n')
}

/** Options of the .doc reader. */
export interface DocExtractorOptions {
  /** Reads what word-extractor cannot; a default one (LibreOffice on PATH) when left out. */
  readonly fallback?: LegacyOfficeExtractor
}

/** Turns a Word 97–2003 document into a document with its text and properties. */
export class DocExtractor implements Extractor {
  readonly name = 'doc'
  private readonly fallback: LegacyOfficeExtractor

  constructor(options: DocExtractorOptions = {}) {
    this.fallback = options.fallback ?? new LegacyOfficeExtractor()
  }

  async extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    const { bytes, limits } = input
    if (bytes.length === 0) throw new DaleelError('FILE_EMPTY')
    // Word saves RTF and .docx under a .doc name when asked to; so do many web systems.
    if (looksLikeRtf(bytes)) return new RtfExtractor().extract(input, options)
    if (ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
      return new DocxExtractor().extract({ ...input, mediaType: DOCX })
    }
    if (looksLikeWordml(Buffer.from(bytes.subarray(0, 4096)).toString('utf8'))) {
      return new WordmlExtractor().extract(input, options)
    }
    if (!isCompoundFile(bytes)) {
      // Not Word's container: a WordPerfect or Works file under a .doc name (corpus:
      // tika/testWordPerfect_42.doc) may still be something LibreOffice knows.
      if (this.fallback.canConvert(DOC))
        return this.fallback.extract({ ...input, mediaType: DOC }, options)
      throw new DaleelError('FILE_CORRUPT')
    }
    const kind = compoundFileKind(listCompoundFileStreams(bytes) ?? [])
    if (kind === 'encrypted-ooxml') throw new DaleelError('FILE_ENCRYPTED')
    const file = openCompoundFile(bytes)
    const wordDocument = file === null ? null : streamOf(file, 'WordDocument')
    if (file === null || wordDocument === null) throw new DaleelError('FILE_CORRUPT')
    if (isEncryptedWordDocument(wordDocument)) throw new DaleelError('FILE_ENCRYPTED')
    options.signal?.throwIfAborted()
    let text: string
    try {
      text = await readWithWordExtractor(bytes)
    } catch (error) {
      if (!this.fallback.canConvert(DOC)) {
        // Word 6/95 files (FIB magic 0xA5DC) are well-formed, just older than word-extractor.
        if (wordDocument.length >= 2 && wordDocument.readUInt16LE(0) === 0xa5dc) {
          throw libreOfficeMissing(`${DOC} (Word 6/95)`, 'writer')
        }
        throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
      }
      return this.fallback.extract({ ...input, mediaType: DOC }, options)
    }
    const metadata = readOleProperties(file)
    const limited = limitText(text, limits)
    return {
      text: limited.text,
      title: typeof metadata.title === 'string' ? metadata.title : null,
      metadata,
      method: 'markup',
      children: [],
      warnings: limited.warnings,
    }
  }
}

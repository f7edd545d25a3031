/** Media types read as plain text (after encoding detection). */
import type { Extractor } from '../../extractor.js'
import { TextExtractor } from './text-extractor.js'

const text = new TextExtractor()

export const textExtractors: Readonly<Record<string, Extractor>> = {
  'text/plain': text,
  'text/csv': text,
  'text/tab-separated-values': text,
  'text/markdown': text,
  'application/json': text,
  'application/xml': text,
  'text/xml': text,
  'text/calendar': text,
  'text/vcard': text,
}

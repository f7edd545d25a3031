/** PDF. */
import type { Extractor } from '../../extractor.js'
import { PdfExtractor } from './pdf-extractor.js'

export const pdfExtractors: Readonly<Record<string, Extractor>> = {
  'application/pdf': new PdfExtractor(),
}

/** PDF, and the JPEG 2000 decoder that pdf.js brings along. */
import type { Extractor } from '../../extractor.js'
import { PdfExtractor } from './pdf-extractor.js'

export const pdfExtractors: Readonly<Record<string, Extractor>> = {
  'application/pdf': new PdfExtractor(),
}
export { decodeJpeg2000, Jpeg2000Error, readJpeg2000Header } from './decode-jpeg2000.js'

/** Word 2007+ documents. */
import type { Extractor } from '../../extractor.js'
import { DocxExtractor } from './docx-extractor.js'

export const docxExtractors: Readonly<Record<string, Extractor>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': new DocxExtractor(),
}

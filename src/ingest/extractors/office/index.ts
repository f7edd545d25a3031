/** Office formats other than .docx: spreadsheets, presentations, OpenDocument, legacy binary
 *  Word/Excel/PowerPoint and RTF. */
import type { Extractor } from '../../extractor.js'
import { CompoundFileExtractor } from './compound-file-extractor.js'
import { DocExtractor } from './doc-extractor.js'
import { LegacyOfficeExtractor } from './legacy-office-extractor.js'
import { PptxExtractor } from './ooxml-pptx-extractor.js'
import { OdfExtractor } from './odf-extractor.js'
import { RtfExtractor } from './rtf-extractor.js'
import { WordmlExtractor } from './wordml-extractor.js'
import { XlsxExtractor } from './xlsx-extractor.js'

const xlsx = new XlsxExtractor()
const pptx = new PptxExtractor()
const odf = new OdfExtractor()
const rtf = new RtfExtractor()
const legacy = new LegacyOfficeExtractor()
const doc = new DocExtractor({ fallback: legacy })

const byType: Record<string, Extractor> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': xlsx,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template': xlsx,
  'application/vnd.ms-excel.sheet.macroEnabled.12': xlsx,
  'application/vnd.ms-excel.template.macroEnabled.12': xlsx,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': pptx,
  'application/vnd.openxmlformats-officedocument.presentationml.slideshow': pptx,
  'application/vnd.openxmlformats-officedocument.presentationml.template': pptx,
  'application/vnd.ms-powerpoint.presentation.macroEnabled.12': pptx,
  'application/vnd.ms-powerpoint.slideshow.macroEnabled.12': pptx,
  'application/vnd.oasis.opendocument.text': odf,
  'application/vnd.oasis.opendocument.text-template': odf,
  'application/vnd.oasis.opendocument.text-master': odf,
  'application/vnd.oasis.opendocument.spreadsheet': odf,
  'application/vnd.oasis.opendocument.spreadsheet-template': odf,
  'application/vnd.oasis.opendocument.presentation': odf,
  'application/vnd.oasis.opendocument.presentation-template': odf,
  'application/vnd.oasis.opendocument.graphics': odf,
  'application/vnd.oasis.opendocument.text-flat-xml': odf,
  'application/vnd.oasis.opendocument.spreadsheet-flat-xml': odf,
  'application/vnd.oasis.opendocument.presentation-flat-xml': odf,
  'application/vnd.oasis.opendocument.graphics-flat-xml': odf,
  'application/msword': doc,
  'application/vnd.ms-wordml': new WordmlExtractor(),
  'application/vnd.ms-excel': legacy,
  'application/vnd.ms-powerpoint': legacy,
  'application/rtf': rtf,
  'text/rtf': rtf,
}

/** Every media type this family reads, with its extractor. */
export const officeExtractors: Readonly<Record<string, Extractor>> = {
  ...byType,
  'application/x-cfb': new CompoundFileExtractor(byType),
}

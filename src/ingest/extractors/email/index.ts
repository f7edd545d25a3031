/** Mail formats. */
import type { Extractor } from '../../extractor.js'
import { EmlExtractor } from './eml-extractor.js'

export const emailExtractors: Readonly<Record<string, Extractor>> = {
  'message/rfc822': new EmlExtractor(),
}

/** Media types read as HTML. */
import type { Extractor } from '../../extractor.js'
import { HtmlExtractor } from './html-extractor.js'

const html = new HtmlExtractor()

export const htmlExtractors: Readonly<Record<string, Extractor>> = {
  'text/html': html,
  'application/xhtml+xml': html,
}

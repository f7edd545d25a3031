/** Mail formats: single messages, Unix mailboxes and Outlook's .msg and .pst files. */
import type { Extractor } from '../../extractor.js'
import { EmlExtractor } from './eml-extractor.js'
import { MboxExtractor } from './mbox-extractor.js'
import { MsgExtractor } from './msg-extractor.js'
import { PstExtractor } from './pst-extractor.js'

export const emailExtractors: Readonly<Record<string, Extractor>> = {
  'message/rfc822': new EmlExtractor(),
  'application/mbox': new MboxExtractor(),
  'application/vnd.ms-outlook': new MsgExtractor(),
  'application/vnd.ms-outlook-pst': new PstExtractor(),
}

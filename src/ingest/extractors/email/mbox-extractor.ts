/** Reads Unix mailboxes (mbox: mboxo, mboxrd, mboxcl): splits them on their `From ` separator
 *  lines and hands each message on as a child `.eml`, which the EML extractor reads by itself.
 *  The mailbox's own text is a listing (date, sender, subject) of its messages. Messages are
 *  views into the mailbox's bytes; only a message with `>From ` lines to unquote is copied. */

import { simpleParser } from 'mailparser'
import { DaleelError } from '../../../domain/index.js'
import type { Warning } from '../../../domain/index.js'
import type {
  ChildItem,
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { plainBytes } from '../archive/plain-bytes.js'
import { UniqueNames } from '../archive/unique-names.js'
import { limitText } from '../text/limit-text.js'
import { toWarning } from '../text/to-warning.js'
import { formatAddresses } from './eml-extractor.js'
import { subjectSlug } from './mail-text.js'

const LF = 0x0a
const FROM_LINE = Buffer.from('From ')
const QUOTED_FROM = Buffer.from('>From ')
const HEADER_LINE = /^[!-9;-~]+[ \t]*:/u
// The header block is all the listing needs; a header block longer than this is cut for it.
const MAX_HEADER_BYTES = 64 * 1024

/** One message's place in the mailbox: its separator line and its content after that line. */
interface MessageSpan {
  readonly separator: string
  readonly start: number
  readonly end: number
}

function lineEnd(buffer: Buffer, from: number): number {
  const end = buffer.indexOf(LF, from)
  return end === -1 ? buffer.length : end + 1
}

function lineAt(buffer: Buffer, start: number, end: number): string {
  return buffer.toString('latin1', start, end).replace(/\r?\n$/u, '')
}

/**
 * True when the `From ` line at `start` separates two messages. RFC 4155 asks for an empty
 * line before it; many writers leave that out, so a line followed by a header also counts. An
 * unquoted `From ` inside a body (mboxo) has neither (corpus: hoover/data/mbox/shapelib.mbox).
 */
function isSeparator(buffer: Buffer, start: number, previousBlank: boolean): boolean {
  if (previousBlank) return true
  const next = lineEnd(buffer, start)
  const following = lineAt(buffer, next, Math.min(buffer.length, lineEnd(buffer, next)))
  return HEADER_LINE.test(following)
}

/** Finds every message by a native search for `\nFrom `; nothing is copied. */
function splitMailbox(buffer: Buffer): MessageSpan[] {
  const starts: number[] = []
  if (buffer.subarray(0, FROM_LINE.length).equals(FROM_LINE)) starts.push(0)
  const needle = Buffer.from('\nFrom ')
  for (let hit = buffer.indexOf(needle); hit !== -1; hit = buffer.indexOf(needle, hit + 1)) {
    const start = hit + 1
    const before = hit > 0 && buffer[hit - 1] === 0x0d ? hit - 1 : hit
    const previousBlank = before === 0 || buffer[before - 1] === LF
    if (isSeparator(buffer, start, previousBlank)) starts.push(start)
  }
  return starts.map((start, index) => {
    const bodyStart = lineEnd(buffer, start)
    return {
      separator: lineAt(buffer, start, bodyStart),
      start: bodyStart,
      end: starts[index + 1] ?? buffer.length,
    }
  })
}

/**
 * The message with one `>` taken off every `>From ` line (the mboxrd rule, also right for
 * the usual mboxo quoting), and the blank line that precedes the next separator dropped.
 */
function unquoteMessage(buffer: Buffer, span: MessageSpan): Buffer {
  let end = span.end
  // The blank line before the next `From ` belongs to the mailbox, not to the message.
  if (buffer[end - 1] === LF && buffer[end - 2] === LF) end -= 1
  else if (buffer[end - 1] === LF && buffer[end - 2] === 0x0d && buffer[end - 3] === LF) end -= 2
  const message = buffer.subarray(span.start, Math.max(span.start, end))
  if (message.indexOf(QUOTED_FROM) === -1) return message
  const parts: Buffer[] = []
  let from = 0
  for (let lineStart = 0; lineStart < message.length; lineStart = lineEnd(message, lineStart)) {
    let quotes = 0
    while (message[lineStart + quotes] === 0x3e) quotes += 1
    if (
      quotes > 0 &&
      message.subarray(lineStart + quotes, lineStart + quotes + 5).equals(FROM_LINE)
    ) {
      parts.push(message.subarray(from, lineStart))
      from = lineStart + 1
    }
  }
  parts.push(message.subarray(from))
  return Buffer.concat(parts)
}

function headerBlock(message: Buffer): Buffer {
  const head = message.subarray(0, MAX_HEADER_BYTES)
  const text = head.toString('latin1')
  const end = text.search(/\r?\n\r?\n/u)
  return end === -1 ? head : head.subarray(0, end)
}

/** What the listing shows of one message. */
interface Summary {
  readonly date: string | null
  readonly from: string
  readonly subject: string
}

/** Reads date, sender and subject from the header block alone, decoded as mailparser does. */
async function summarize(message: Buffer): Promise<Summary> {
  const header = headerBlock(message)
  if (header.length === 0 || !HEADER_LINE.test(header.toString('latin1', 0, 200))) {
    return { date: null, from: '', subject: '' }
  }
  try {
    const mail = await simpleParser(Buffer.concat([header, Buffer.from('\r\n\r\n')]), {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    })
    const date =
      mail.date !== undefined && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null
    return { date, from: formatAddresses(mail.from).join(', '), subject: mail.subject ?? '' }
  } catch {
    return { date: null, from: '', subject: '' }
  }
}

function childName(index: number, width: number, summary: Summary, isMail: boolean): string {
  const number = String(index + 1).padStart(width, '0')
  const slug = subjectSlug(summary.subject)
  // A block without headers is plain text (corpus: tika/quoted.mbox); as `.eml` it would be
  // refused by the EML extractor.
  return `${number}${slug === '' ? '' : `-${slug}`}${isMail ? '.eml' : '.txt'}`
}

function listingLine(name: string, summary: Summary, separator: string): string {
  // Without a Date header, the separator line's date (`From sender Mon Jun  1 10:00:00 2009`)
  // is the only one there is.
  const date = summary.date ?? separator.replace(/^From \S+\s*/u, '').trim()
  return [name, date, summary.from, summary.subject].filter((part) => part !== '').join(' · ')
}

async function readMbox(
  input: ExtractionInput,
  options?: ExtractOptions,
): Promise<ExtractionResult> {
  const { limits } = input
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  const buffer = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)
  const spans = splitMailbox(buffer)
  if (spans.length === 0) throw new DaleelError('FILE_CORRUPT')
  const warnings: Warning[] = []
  const children: ChildItem[] = []
  const lines: string[] = []
  const unique = new UniqueNames()
  const width = Math.max(4, String(spans.length).length)
  let total = 0
  for (const [index, span] of spans.entries()) {
    options?.signal?.throwIfAborted()
    options?.onProgress?.()
    if (index >= limits.maxMembers) {
      warnings.push(
        toWarning('ARCHIVE_BOMB', {
          detail: `${spans.length} messages, only the first ${limits.maxMembers} were read`,
        }),
      )
      break
    }
    const message = unquoteMessage(buffer, span)
    const summary = await summarize(message)
    const isMail = HEADER_LINE.test(message.toString('latin1', 0, 200).split(/\r?\n/u)[0] ?? '')
    const name = unique.claim(childName(index, width, summary, isMail))
    lines.push(listingLine(name, summary, span.separator))
    if (
      message.length > limits.maxMemberBytes ||
      total + message.length > limits.maxExpandedBytes
    ) {
      warnings.push(toWarning('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }, name))
      continue
    }
    if (message.length === 0) continue
    total += message.length
    const bytes = plainBytes(message)
    children.push(summary.date === null ? { name, bytes } : { name, bytes, modified: summary.date })
  }
  const limited = limitText(lines.join('\n'), limits)
  return {
    text: limited.text,
    title: null,
    metadata: { messages: spans.length },
    method: 'container',
    children,
    warnings: [...warnings, ...limited.warnings],
  }
}

/** Splits a Unix mailbox into its messages; method 'container'. */
export class MboxExtractor implements Extractor {
  readonly name = 'mbox'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    return readMbox(input, options)
  }
}

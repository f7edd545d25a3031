/** Reads RFC 5322 messages (.eml, and Apple Mail's .emlx): headers become metadata, the body
 *  becomes text under a short header block, and each attachment, forwarded messages included,
 *  becomes a child item. HTML bodies are kept as text, never rendered; nothing is fetched. */

import { simpleParser } from 'mailparser'
import type { AddressObject, Attachment, ParsedMail } from 'mailparser'
import { DaleelError } from '../../../domain/index.js'
import type { Metadata, Warning } from '../../../domain/index.js'
import type { ChildItem, ExtractionInput, ExtractionResult, Extractor } from '../../extractor.js'
import { UniqueNames } from '../archive/unique-names.js'
import { htmlToText } from '../html/html-to-text.js'
import { looksBinary } from '../text/decode-text.js'
import { limitText } from '../text/limit-text.js'
import { toWarning } from '../text/to-warning.js'

// Header names that only mail has: a file whose header block has none of them is not a
// message, even if its first line looks like `Name: value`.
const MAIL_HEADERS = new Set(
  `
    from to cc bcc subject date message-id received return-path mime-version sender reply-to
    in-reply-to references delivered-to content-type x-mailer user-agent dkim-signature
    authentication-results thread-topic thread-index x-originating-ip envelope-to x-sender
  `
    .trim()
    .split(/\s+/u),
)
const EXTENSIONS: Readonly<Record<string, string>> = {
  'message/rfc822': '.eml',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/calendar': '.ics',
  'text/csv': '.csv',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.ms-powerpoint': '.ppt',
  'application/vnd.ms-outlook': '.msg',
  'application/pgp-encrypted': '.pgp',
  'application/pgp-signature': '.asc',
  'application/pkcs7-signature': '.p7s',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/tiff': '.tif',
}

/** Formats parsed address fields as `Name <addr>` strings, groups flattened. */
export function formatAddresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (field === undefined) return []
  const objects = Array.isArray(field) ? field : [field]
  const out: string[] = []
  const visit = (entry: { name?: string; address?: string; group?: unknown[] }): void => {
    if (Array.isArray(entry.group)) {
      for (const member of entry.group) visit(member as typeof entry)
      return
    }
    const name = entry.name?.trim() ?? ''
    const address = entry.address?.trim() ?? ''
    if (name !== '' && address !== '') out.push(`${name} <${address}>`)
    else if (address !== '' || name !== '') out.push(address || name)
  }
  for (const object of objects) for (const entry of object.value) visit(entry)
  return out
}

/** Apple Mail's .emlx: a byte count line, the message, then an XML plist. */
function unwrapEmlx(bytes: Uint8Array): Uint8Array {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 24)).toString(
    'latin1',
  )
  const match = /^(\d+)[ \t]*\r?\n/u.exec(head)
  if (match === null) return bytes
  const start = match[0].length
  const length = Number(match[1])
  return bytes.subarray(start, Math.min(bytes.length, start + length))
}

/** Drops an mbox envelope line (`From sender date`) that precedes a single saved message. */
function dropEnvelopeLine(bytes: Uint8Array): Uint8Array {
  if (
    !Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 5)).equals(
      Buffer.from('From '),
    )
  ) {
    return bytes
  }
  const end = bytes.indexOf(0x0a)
  return end === -1 ? bytes : bytes.subarray(end + 1)
}

/** The header block of the raw message (up to the first blank line), as Latin-1. */
function headerBlockOf(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024))
  const text = head.toString('latin1')
  const end = text.search(/\r?\n\r?\n/u)
  return end === -1 ? text : text.slice(0, end)
}

function isMail(bytes: Uint8Array): boolean {
  if (looksBinary(bytes.subarray(0, 4096))) return false
  const lines = headerBlockOf(bytes).split(/\r?\n/u)
  for (const line of lines) {
    const match = /^([!-9;-~]+)[ \t]*:/u.exec(line)
    if (match?.[1] !== undefined && MAIL_HEADERS.has(match[1].toLowerCase())) return true
  }
  return false
}

/** Names of multipart boundaries that are opened but never closed: the message was cut. */
function isCut(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const boundaries = new Set<string>()
  for (const match of text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/giu)) {
    const boundary = match[1] ?? match[2]
    if (boundary !== undefined) boundaries.add(boundary)
  }
  for (const boundary of boundaries) {
    if (text.includes(`--${boundary}\r\n`) || text.includes(`--${boundary}\n`)) {
      if (!text.includes(`--${boundary}--`)) return true
    }
  }
  return false
}

function attachmentName(attachment: Attachment, index: number): string {
  const declared = (attachment.filename ?? '')
    // A name is a name, never a path: `../../x.exe` keeps only `x.exe`.
    .split(/[/\\]/u)
    .pop()
    ?.replace(/[\u0000-\u001f\u007f]/gu, '')
    .trim()
  const contentType = attachment.contentType.toLowerCase()
  let name =
    declared !== undefined && declared !== '' && declared !== '.' && declared !== '..'
      ? declared
      : `attachment-${index + 1}${EXTENSIONS[contentType] ?? '.bin'}`
  if (contentType === 'message/rfc822' && !/\.eml$/iu.test(name)) name = `${name}.eml`
  return name
}

function headerText(mail: ParsedMail, metadata: Metadata): string {
  const lines: string[] = []
  const add = (label: string, value: string | readonly string[] | undefined): void => {
    const text = typeof value === 'string' ? value : value?.join(', ')
    if (text !== undefined && text !== '') lines.push(`${label}: ${text}`)
  }
  add('From', metadata.from as readonly string[] | undefined)
  add('To', metadata.to as readonly string[] | undefined)
  add('Cc', metadata.cc as readonly string[] | undefined)
  add('Reply-To', metadata.replyTo as readonly string[] | undefined)
  add('Date', metadata.date as string | undefined)
  add('Subject', mail.subject)
  return lines.length === 0 ? '' : `${lines.join('\n')}\n\n`
}

function metadataOf(mail: ParsedMail): Metadata {
  const metadata: Metadata = {}
  const addresses = {
    from: formatAddresses(mail.from),
    to: formatAddresses(mail.to),
    cc: formatAddresses(mail.cc),
    bcc: formatAddresses(mail.bcc),
    replyTo: formatAddresses(mail.replyTo),
  }
  for (const [key, value] of Object.entries(addresses)) if (value.length > 0) metadata[key] = value
  if (mail.date !== undefined && !Number.isNaN(mail.date.getTime())) {
    metadata.date = mail.date.toISOString()
  }
  if (mail.subject !== undefined && mail.subject !== '') metadata.subject = mail.subject
  if (mail.messageId !== undefined) metadata.messageId = mail.messageId
  if (mail.inReplyTo !== undefined) metadata.inReplyTo = mail.inReplyTo
  if (mail.references !== undefined) {
    metadata.references = Array.isArray(mail.references) ? mail.references : [mail.references]
  }
  return metadata
}

/** True for PGP or S/MIME encrypted messages: the headers are readable, the body is not. */
function isEncrypted(mail: ParsedMail): boolean {
  const header: unknown = mail.headers.get('content-type')
  let value = ''
  if (typeof header === 'string') value = header
  else if (typeof header === 'object' && header !== null && 'value' in header) {
    value = typeof header.value === 'string' ? header.value : ''
  }
  if (/^multipart\/encrypted|^application\/(?:x-)?pkcs7-mime/iu.test(value)) return true
  return (mail.text ?? '').includes('-----BEGIN PGP MESSAGE-----')
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
}

/**
 * The text/plain body; the HTML body's text when there is no plain part. When both exist but
 * the HTML says much more (a stub "view this in your browser" plain part), its text follows
 * the plain text (corpus: email/spamscope/mail_test_8).
 */
function bodyOf(mail: ParsedMail): string {
  const plain = mail.text ?? ''
  if (typeof mail.html !== 'string' || mail.html.trim() === '') return plain
  const html = htmlToText(mail.html).text
  if (plain.trim() === '') return html
  const known = new Set(wordsOf(plain))
  const words = wordsOf(html)
  const novel = words.filter((word) => !known.has(word)).length
  return novel > Math.max(5, words.length * 0.2) ? `${plain.trimEnd()}\n\n${html}` : plain
}

async function readEml(input: ExtractionInput): Promise<ExtractionResult> {
  const { limits } = input
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  const bytes = dropEnvelopeLine(unwrapEmlx(input.bytes))
  if (!isMail(bytes)) throw new DaleelError('FILE_CORRUPT')
  let mail: ParsedMail
  try {
    mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipHtmlToText: true,
      skipTextLinks: true,
      // Forwarded messages stay whole, as .eml children, instead of being merged into the body.
      ignoreEmbedded: true,
    } as Parameters<typeof simpleParser>[1])
  } catch (error) {
    throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
  }
  const warnings: Warning[] = []
  if (isCut(bytes)) warnings.push(toWarning('TEXT_TRUNCATED'))
  if (isEncrypted(mail)) warnings.push(toWarning('FILE_ENCRYPTED'))

  const metadata = metadataOf(mail)
  const body = bodyOf(mail)
  const limited = limitText(headerText(mail, metadata) + body.replace(/\r\n?/gu, '\n'), limits)

  const children: ChildItem[] = []
  const unique = new UniqueNames()
  let total = 0
  for (const [index, attachment] of mail.attachments.entries()) {
    const name = unique.claim(attachmentName(attachment, index))
    const size = attachment.content.length
    if (size > limits.maxMemberBytes || total + size > limits.maxExpandedBytes) {
      warnings.push(toWarning('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }, name))
      continue
    }
    total += size
    children.push({ name, bytes: attachment.content })
  }
  return {
    text: limited.text,
    title: mail.subject ?? null,
    metadata,
    method: 'text',
    children,
    warnings: [...warnings, ...limited.warnings],
  }
}

/** Turns one e-mail message into a document with its attachments as children. */
export class EmlExtractor implements Extractor {
  readonly name = 'eml'

  extract(input: ExtractionInput): Promise<ExtractionResult> {
    return readEml(input)
  }
}

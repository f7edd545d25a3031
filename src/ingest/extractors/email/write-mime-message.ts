/** Writes an RFC 5322/MIME message from parts already in memory: the PST reader turns each
 *  Outlook item into one, so the EML extractor reads it like any other mail and its
 *  attachments become children. Output is 7-bit: non-ASCII header text becomes RFC 2047
 *  encoded words, bodies and attachments are base64. */

import { createHash } from 'node:crypto'

/** One attachment: a file, or a whole message embedded as message/rfc822. */
export interface MimeAttachment {
  readonly name: string
  readonly contentType?: string
  readonly bytes: Uint8Array
  /** True when `bytes` is itself an RFC 5322 message. */
  readonly isMessage?: boolean
}

/** What goes into a message. Header lines are written as given, so they must be 7-bit already. */
export interface MimeMessage {
  readonly headerLines: readonly string[]
  readonly text?: string
  readonly html?: string
  readonly attachments: readonly MimeAttachment[]
}

const CRLF = '\r\n'

function isAscii(text: string): boolean {
  return /^[\u0000-\u007f]*$/u.test(text)
}

/**
 * A header value as RFC 2047 encoded words when it is not plain ASCII, each word under the
 * 75-character limit and never splitting a character.
 *
 * @example encodeWords('تقرير') // → '=?UTF-8?B?2KrZgtix2YrYsQ==?='
 */
export function encodeWords(text: string): string {
  const clean = text.replace(/[\r\n]+/gu, ' ')
  if (isAscii(clean)) return clean
  const words: string[] = []
  let chunk = ''
  for (const char of clean) {
    // 45 bytes of UTF-8 make 60 base64 characters, 72 with the `=?UTF-8?B?…?=` frame.
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk)
      chunk = ''
    }
    chunk += char
  }
  if (chunk !== '') words.push(chunk)
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join(`${CRLF} `)
}

/** A mailbox for an address header: `"Name" <addr>`, the name encoded when needed. */
export function formatMailbox(name: string, address: string): string {
  const cleanName = name.replace(/[\r\n"\\]+/gu, ' ').trim()
  const cleanAddress = address.replace(/[\s<>]+/gu, '')
  if (cleanAddress === '') return cleanName === '' ? '' : encodeWords(cleanName)
  if (cleanName === '' || cleanName === cleanAddress) return `<${cleanAddress}>`
  return `${isAscii(cleanName) ? `"${cleanName}"` : encodeWords(cleanName)} <${cleanAddress}>`
}

/** A header line, with a non-ASCII value encoded. */
export function headerLine(name: string, value: string): string {
  return `${name}: ${encodeWords(value)}`
}

function base64Lines(bytes: Uint8Array): string {
  const encoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
  const lines: string[] = []
  for (let index = 0; index < encoded.length; index += 76)
    lines.push(encoded.slice(index, index + 76))
  return lines.join(CRLF)
}

/** RFC 2231 parameter for a file name: plain when ASCII, `name*=UTF-8''…` otherwise. */
function nameParameter(parameter: string, name: string): string {
  const clean = name.replace(/[\r\n]+/gu, ' ')
  if (isAscii(clean)) return `${parameter}="${clean.replace(/["\\]/gu, '_')}"`
  return `${parameter}*=UTF-8''${encodeURIComponent(clean).replace(/['()*]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)}`
}

function textPart(text: string, subtype: 'plain' | 'html'): string {
  return [
    `Content-Type: text/${subtype}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(text, 'utf8')),
  ].join(CRLF)
}

function attachmentPart(attachment: MimeAttachment): string {
  if (attachment.isMessage === true) {
    // message/rfc822 parts may not be base64 (RFC 2046 §5.2.1); the embedded message is
    // written by this module, so it is 7-bit already.
    return [
      'Content-Type: message/rfc822',
      `Content-Disposition: attachment; ${nameParameter('filename', attachment.name)}`,
      '',
      Buffer.from(attachment.bytes).toString('latin1'),
    ].join(CRLF)
  }
  const type = /^[\w.+-]+\/[\w.+-]+$/u.test(attachment.contentType ?? '')
    ? (attachment.contentType ?? '')
    : 'application/octet-stream'
  return [
    `Content-Type: ${type}; ${nameParameter('name', attachment.name)}`,
    `Content-Disposition: attachment; ${nameParameter('filename', attachment.name)}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(attachment.bytes),
  ].join(CRLF)
}

function multipart(subtype: string, parts: readonly string[]): string {
  // A boundary derived from the content cannot occur in base64 or in the parts' own lines.
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  const boundary = `=_daleel_${hash.digest('hex').slice(0, 24)}`
  return [
    `Content-Type: multipart/${subtype}; boundary="${boundary}"`,
    '',
    ...parts.map((part) => `--${boundary}${CRLF}${part}`),
    `--${boundary}--`,
    '',
  ].join(CRLF)
}

/**
 * The whole message as bytes.
 *
 * @example writeMimeMessage({ headerLines: ['Subject: Hi'], text: 'Hello', attachments: [] })
 */
export function writeMimeMessage(message: MimeMessage): Buffer {
  const bodies: string[] = []
  if (message.text !== undefined && message.text !== '')
    bodies.push(textPart(message.text, 'plain'))
  if (message.html !== undefined && message.html !== '') bodies.push(textPart(message.html, 'html'))
  let body =
    bodies.length === 0
      ? textPart('', 'plain')
      : bodies.length === 1
        ? (bodies[0] ?? '')
        : multipart('alternative', bodies)
  if (message.attachments.length > 0) {
    body = multipart('mixed', [body, ...message.attachments.map(attachmentPart)])
  }
  // Kept header lines may carry raw UTF-8 (RFC 6532); the body is 7-bit, or the bytes of an
  // embedded message held one character per byte.
  const head = [...message.headerLines, 'MIME-Version: 1.0', ''].join(CRLF)
  return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(body, 'latin1')])
}

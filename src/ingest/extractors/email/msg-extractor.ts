/** Reads Outlook .msg files (compound files of MAPI properties) with msgreader: headers become
 *  metadata in the EML extractor's shape, the body (plain, else HTML, else compressed RTF)
 *  becomes text, and each attachment, embedded messages included, becomes a child item. */

import iconv from 'iconv-lite'
import { simpleParser } from 'mailparser'
import type { ParsedMail } from 'mailparser'
import msgreader from '@kenjiuno/msgreader'
import type { FieldsData } from '@kenjiuno/msgreader'
import { DaleelError } from '../../../domain/index.js'
import type { Metadata, Warning } from '../../../domain/index.js'
import type {
  ChildItem,
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { plainBytes } from '../archive/plain-bytes.js'
import { UniqueNames } from '../archive/unique-names.js'
import { htmlToText } from '../html/html-to-text.js'
import { limitText } from '../text/limit-text.js'
import { toWarning } from '../text/to-warning.js'
import { formatAddresses } from './eml-extractor.js'
import { attachmentFileName, formatAddress, headerBlockText, isoDate } from './mail-text.js'
import { decompressRtf, rtfToText } from './rtf-body.js'

type MsgReaderClass = typeof msgreader.default
const loaded = msgreader as unknown as MsgReaderClass | { default: MsgReaderClass }
// A CommonJS package with `exports.default`: Node's ESM loader hands us `module.exports` (the
// class is its `default`), while Vite's interop hands us the class itself.
const MsgReader: MsgReaderClass = 'default' in loaded ? loaded.default : loaded
type Reader = InstanceType<typeof MsgReader>

const PID_IN_REPLY_TO = 0x1042
const PID_INTERNET_REFERENCES = 0x1039
const RTF_LIMIT = 64 * 1024 * 1024

/** Properties msgreader reads but does not name, caught as they go by. */
interface ExtraProps {
  inReplyTo?: string
  references?: string
}

function decodeProperty(tag: number, raw: Uint8Array | null): string | undefined {
  const type = tag & 0xffff
  if (raw === null || (type !== 0x001f && type !== 0x001e)) return undefined
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
  const text = (type === 0x001f ? buffer.toString('utf16le') : buffer.toString('latin1'))
    .replace(/\u0000+$/u, '')
    .trim()
  // Only message ids: anything else under these tags is not what we are looking for.
  return /<[^<>\s]+>/u.test(text) ? text : undefined
}

function openReader(bytes: Uint8Array, extra: ExtraProps, ansiEncoding?: string): Reader {
  const reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  reader.parserConfig = {
    ansiEncoding,
    propertyObserver: (_fields, tag, raw) => {
      const id = tag >>> 16
      if (id === PID_IN_REPLY_TO) extra.inReplyTo = decodeProperty(tag, raw)
      if (id === PID_INTERNET_REFERENCES) extra.references = decodeProperty(tag, raw)
    },
  }
  return reader
}

/** Parses the file; non-Unicode (ANSI) strings are decoded in the message's own code page. */
function parseMsg(bytes: Uint8Array): { reader: Reader; fields: FieldsData; extra: ExtraProps } {
  let extra: ExtraProps = {}
  let reader = openReader(bytes, extra)
  let fields = reader.getFileData()
  if (fields.error !== undefined || fields.dataType !== 'msg') {
    throw new DaleelError('FILE_CORRUPT', {}, { cause: fields.error })
  }
  // Any compound file passes msgreader's signature check; a message has at least a class.
  const empty =
    fields.messageClass === undefined &&
    fields.subject === undefined &&
    fields.body === undefined &&
    (fields.recipients ?? []).length === 0 &&
    (fields.attachments ?? []).length === 0
  if (empty) throw new DaleelError('FILE_CORRUPT', {}, { cause: 'no message properties' })
  const codePage = fields.messageCodepage ?? fields.internetCodepage
  if (
    codePage !== undefined &&
    ![1200, 1252, 20127, 65001].includes(codePage) &&
    iconv.encodingExists(`cp${codePage}`)
  ) {
    extra = {}
    reader = openReader(bytes, extra, `cp${codePage}`)
    fields = reader.getFileData()
  }
  return { reader, fields, extra }
}

/** The internet headers Outlook kept from transport, parsed as mailparser parses an .eml. */
async function parseTransportHeaders(headers: string | undefined): Promise<ParsedMail | null> {
  if (headers === undefined || headers.trim() === '') return null
  // Exchange prefixes `Microsoft Mail Internet Headers Version 2.0` (corpus: tika/testMSG.msg).
  const lines = headers.split(/\r?\n/u)
  const first = lines.findIndex((line) => /^[!-9;-~]+[ \t]*:/u.test(line))
  if (first === -1) return null
  const block = lines
    .slice(first)
    .join('\r\n')
    .replace(/(?:\r\n)+$/u, '')
  try {
    return await simpleParser(`${block}\r\n\r\n`, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    })
  } catch {
    return null
  }
}

function recipientsOf(fields: FieldsData, type: 'to' | 'cc' | 'bcc'): string[] {
  return (fields.recipients ?? [])
    .filter((recipient) => (recipient.recipType ?? 'to') === type)
    .map((recipient) =>
      formatAddress(
        recipient.name,
        recipient.smtpAddress ?? (recipient.addressType === 'SMTP' ? recipient.email : undefined),
      ),
    )
    .filter((address) => address !== '')
}

function senderOf(fields: FieldsData): { address: string; hasSmtp: boolean } {
  const smtp =
    fields.senderSmtpAddress ??
    fields.sentRepresentingSmtpAddress ??
    (fields.senderAddressType === 'SMTP' ? fields.senderEmail : undefined) ??
    fields.creatorSMTPAddress
  return { address: formatAddress(fields.senderName, smtp), hasSmtp: smtp !== undefined }
}

async function metadataOf(fields: FieldsData, extra: ExtraProps): Promise<Metadata> {
  const headers = await parseTransportHeaders(fields.headers)
  const metadata: Metadata = {}
  const sender = senderOf(fields)
  const headerFrom = formatAddresses(headers?.from)
  const from = sender.hasSmtp || headerFrom.length === 0 ? [sender.address] : headerFrom
  if (from[0] !== '' && from.length > 0) metadata.from = from
  for (const type of ['to', 'cc', 'bcc'] as const) {
    const mapi = recipientsOf(fields, type)
    const value = mapi.length > 0 ? mapi : formatAddresses(headers?.[type])
    if (value.length > 0) metadata[type] = value
  }
  const date =
    isoDate(fields.clientSubmitTime) ??
    isoDate(fields.messageDeliveryTime) ??
    isoDate(headers?.date) ??
    isoDate(fields.creationTime)
  if (date !== null) metadata.date = date
  if (fields.subject !== undefined && fields.subject !== '') metadata.subject = fields.subject
  const messageId = fields.messageId ?? headers?.messageId
  if (messageId !== undefined && messageId !== '') metadata.messageId = messageId
  const inReplyTo = extra.inReplyTo ?? headers?.inReplyTo
  if (inReplyTo !== undefined && inReplyTo !== '') metadata.inReplyTo = inReplyTo
  const references =
    extra.references?.split(/\s+/u).filter(Boolean) ??
    (headers?.references === undefined ? undefined : [headers.references].flat())
  if (references !== undefined && references.length > 0) metadata.references = references
  if (fields.messageClass !== undefined) metadata.messageClass = fields.messageClass
  return metadata
}

function decodeHtmlBytes(html: Uint8Array, codePage: number | undefined): string {
  const buffer = Buffer.from(html.buffer, html.byteOffset, html.byteLength)
  const declared = /<meta[^>]+charset=["']?([\w-]+)/iu.exec(buffer.toString('latin1', 0, 4096))?.[1]
  const candidates = [
    declared,
    codePage === 65001 ? 'utf-8' : codePage === undefined ? undefined : `cp${codePage}`,
    'utf-8',
  ]
  const encoding = candidates.find(
    (candidate): candidate is string => candidate !== undefined && iconv.encodingExists(candidate),
  )
  return iconv.decode(buffer, encoding ?? 'utf-8')
}

/** The plain body, else the HTML body's text, else the text of the compressed RTF body. */
function bodyOf(fields: FieldsData): string {
  const plain = (fields.body ?? '').replace(/\u0000/gu, '')
  if (plain.trim() !== '') return plain
  const html =
    fields.bodyHtml ??
    (fields.html === undefined ? undefined : decodeHtmlBytes(fields.html, fields.internetCodepage))
  if (html !== undefined && html.trim() !== '') return htmlToText(html).text
  if (fields.compressedRtf !== undefined) {
    const rtf = decompressRtf(fields.compressedRtf, RTF_LIMIT)
    if (rtf !== null) return rtfToText(rtf.toString('latin1')).text
  }
  return ''
}

/** Appointment, contact and task fields that have no place in mail headers. */
function itemDetails(fields: FieldsData): string {
  const lines: string[] = []
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') lines.push(`${label}: ${value.trim()}`)
  }
  add('Location', fields.apptLocation ?? fields.location)
  add('Start', isoDate(fields.apptStartWhole) ?? undefined)
  add('End', isoDate(fields.apptEndWhole) ?? undefined)
  add('Company', fields.companyName)
  add('Job title', fields.title)
  add('Department', fields.departmentName)
  add('Business phone', fields.businessTelephoneNumber)
  add('Mobile phone', fields.mobileTelephoneNumber)
  add('Address', fields.workAddress ?? fields.postalAddress)
  return lines.length === 0 ? '' : `${lines.join('\n')}\n\n`
}

function readAttachments(
  reader: Reader,
  fields: FieldsData,
  input: ExtractionInput,
  options: ExtractOptions | undefined,
  warnings: Warning[],
): ChildItem[] {
  const { limits } = input
  const children: ChildItem[] = []
  const unique = new UniqueNames()
  let total = 0
  for (const [index, attachment] of (fields.attachments ?? []).entries()) {
    options?.onProgress?.()
    let name = attachmentFileName(
      attachment.fileName ?? attachment.fileNameShort ?? attachment.name,
      index,
      attachment.extension ?? '.bin',
    )
    // An embedded message is a storage, not a stream: msgreader writes it out as a .msg of
    // its own (corpus: tika/testMSG_att_msg.msg).
    if (attachment.innerMsgContent === true && !/\.msg$/iu.test(name)) name = `${name}.msg`
    name = unique.claim(name)
    const declared = attachment.contentLength ?? 0
    if (declared > limits.maxMemberBytes) {
      warnings.push(toWarning('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }, name))
      continue
    }
    let content: Uint8Array
    try {
      content = plainBytes(reader.getAttachment(attachment).content)
    } catch {
      warnings.push(toWarning('FILE_CORRUPT', {}, name))
      continue
    }
    if (
      content.length > limits.maxMemberBytes ||
      total + content.length > limits.maxExpandedBytes
    ) {
      warnings.push(toWarning('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }, name))
      continue
    }
    total += content.length
    const modified = isoDate(attachment.lastModificationTime)
    children.push(modified === null ? { name, bytes: content } : { name, bytes: content, modified })
  }
  return children
}

async function readMsg(
  input: ExtractionInput,
  options?: ExtractOptions,
): Promise<ExtractionResult> {
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  let parsed: ReturnType<typeof parseMsg>
  try {
    parsed = parseMsg(input.bytes)
  } catch (error) {
    if (error instanceof DaleelError) throw error
    throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
  }
  const { reader, fields, extra } = parsed
  const warnings: Warning[] = []
  // S/MIME-encrypted mail keeps its body in an smime.p7m attachment (signed mail does not).
  if (/^IPM\.Note\.SMIME(?!\.MultipartSigned)/iu.test(fields.messageClass ?? '')) {
    warnings.push(toWarning('FILE_ENCRYPTED'))
  }
  const metadata = await metadataOf(fields, extra)
  const body = bodyOf(fields).replace(/\r\n?/gu, '\n')
  const limited = limitText(headerBlockText(metadata) + itemDetails(fields) + body, input.limits)
  const children = readAttachments(reader, fields, input, options, warnings)
  return {
    text: limited.text,
    title: fields.subject ?? null,
    metadata,
    method: 'text',
    children,
    warnings: [...warnings, ...limited.warnings],
  }
}

/** Turns one Outlook message (.msg) into a document with its attachments as children. */
export class MsgExtractor implements Extractor {
  readonly name = 'msg'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    return readMsg(input, options)
  }
}

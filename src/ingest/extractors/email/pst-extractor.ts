/** Reads Outlook data files (.pst, .ost) with pst-extractor. Each item (mail, contact,
 *  appointment, task) is rewritten as an RFC 5322 message and handed on as a child named
 *  `Folder/Subfolder/0001-subject.eml`, so the EML extractor reads it and its attachments
 *  become grandchildren. The data file's own text lists folders and messages. One item at a
 *  time is turned into bytes; nothing of the PST is kept beyond the children. */

import { PSTAttachment, PSTFile } from 'pst-extractor'
import type { PSTFolder, PSTMessage } from 'pst-extractor'
import { DaleelError } from '../../../domain/index.js'
import type { Warning } from '../../../domain/index.js'
import type {
  ChildItem,
  ExtractionInput,
  ExtractionLimits,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { plainBytes } from '../archive/plain-bytes.js'
import { UniqueNames } from '../archive/unique-names.js'
import { limitText } from '../text/limit-text.js'
import { toWarning } from '../text/to-warning.js'
import { attachmentFileName, formatAddress, isoDate, subjectSlug } from './mail-text.js'
import { rtfToText } from './rtf-body.js'
import { formatMailbox, headerLine, writeMimeMessage } from './write-mime-message.js'
import type { MimeAttachment } from './write-mime-message.js'

// Messages embedded in messages embedded in …: real mail rarely nests more than a few levels.
const MAX_EMBEDDING = 8
// Headers that describe the original MIME body, which is not what we write.
const BODY_HEADERS = /^(?:content-[\w-]+|mime-version)$/iu
const RECIPIENT_TYPES: Readonly<Record<number, 'To' | 'Cc' | 'Bcc'>> = {
  1: 'To',
  2: 'Cc',
  3: 'Bcc',
}

/** The running state of one PST: children so far and the limits they count against. */
interface Walk {
  readonly limits: ExtractionLimits
  readonly options: ExtractOptions | undefined
  readonly children: ChildItem[]
  readonly lines: string[]
  readonly warnings: Warning[]
  expanded: number
  messages: number
  folders: number
  stopped: boolean
}

/** A folder name as one safe path segment. */
function folderSegment(name: string, index: number): string {
  const clean = name
    .replace(/[\u0000-\u001f\u007f]/gu, '')
    .replace(/[/\\]/gu, '_')
    .trim()
  return clean === '' || clean === '.' || clean === '..' ? `folder-${index + 1}` : clean
}

function isReadableDate(line: string): boolean {
  const value = line
    .slice(line.indexOf(':') + 1)
    .replace(/\([^)]*\)/gu, '')
    .trim()
  return !value.includes(',', value.indexOf(',') + 1) && Number.isFinite(Date.parse(value))
}

/** The original internet headers minus those about the MIME body, as raw lines. */
function keptTransportHeaders(headers: string): { lines: string[]; names: Set<string> } {
  const lines: string[] = []
  const names = new Set<string>()
  let keep = false
  let started = false
  for (const line of headers.split(/\r?\n/u)) {
    if (/^[ \t]/u.test(line) && started) {
      if (keep && line.trim() !== '') lines.push(line)
      continue
    }
    const match = /^([!-9;-~]+)[ \t]*:/u.exec(line)
    if (match?.[1] === undefined) {
      // Exchange's `Microsoft Mail Internet Headers Version 2.0` line, or the blank end.
      if (started && line.trim() === '') break
      continue
    }
    started = true
    // Converted PSTs carry dates mailparser cannot read, and then it would say "now"
    // (`Date: Thu, 23 Aug 2001 15:49:51 -0700 (PDT),Thu, …`, pst-extractor's enron.pst);
    // the item's own submit time is written instead.
    keep = !BODY_HEADERS.test(match[1]) && !(/^date$/iu.test(match[1]) && !isReadableDate(line))
    if (keep) {
      lines.push(line)
      names.add(match[1].toLowerCase())
    }
  }
  return { lines, names }
}

function smtpOfSender(message: PSTMessage): string {
  if (message.senderAddrtype === 'SMTP') return message.senderEmailAddress
  if (message.sentRepresentingAddressType === 'SMTP') return message.sentRepresentingEmailAddress
  return ''
}

function recipientHeaders(message: PSTMessage): Map<'To' | 'Cc' | 'Bcc', string[]> {
  const byType = new Map<'To' | 'Cc' | 'Bcc', string[]>()
  for (let index = 0; index < message.numberOfRecipients; index += 1) {
    const recipient = message.getRecipient(index)
    if (recipient === null) continue
    const type = RECIPIENT_TYPES[recipient.recipientType] ?? 'To'
    const address =
      recipient.smtpAddress || (recipient.addrType === 'SMTP' ? recipient.emailAddress : '')
    const mailbox = formatMailbox(recipient.displayName, address)
    if (mailbox !== '') byType.set(type, [...(byType.get(type) ?? []), mailbox])
  }
  return byType
}

/** The header block: the original transport headers where Outlook kept them, completed from
 *  the MAPI properties (Bcc is only ever there). */
function headerLinesOf(message: PSTMessage): string[] {
  const kept = keptTransportHeaders(message.transportMessageHeaders)
  const lines = [...kept.lines]
  const has = (name: string): boolean => kept.names.has(name.toLowerCase())
  if (!has('From')) {
    const from = formatMailbox(message.senderName, smtpOfSender(message))
    if (from !== '') lines.push(`From: ${from}`)
  }
  for (const [type, mailboxes] of recipientHeaders(message)) {
    if (!has(type)) lines.push(`${type}: ${mailboxes.join(', ')}`)
  }
  const date = message.clientSubmitTime ?? message.messageDeliveryTime
  if (!has('Date') && date !== null && !Number.isNaN(date.getTime())) {
    lines.push(`Date: ${date.toUTCString()}`)
  }
  if (!has('Subject') && message.subject !== '') lines.push(headerLine('Subject', message.subject))
  if (!has('Message-ID') && message.internetMessageId !== '') {
    lines.push(`Message-ID: ${message.internetMessageId.replace(/[^\x21-\x7e]/gu, '')}`)
  }
  if (!has('In-Reply-To') && message.inReplyToId !== '') {
    lines.push(`In-Reply-To: ${message.inReplyToId.replace(/[^\x20-\x7e]/gu, '')}`)
  }
  return lines
}

function detailLine(label: string, value: string | Date | null | undefined): string | null {
  const text = value instanceof Date ? isoDate(value) : value
  return text === null || text === undefined || text.trim() === ''
    ? null
    : `${label}: ${text.trim()}`
}

/** Contact, appointment and task fields, which have no mail header of their own. */
function itemDetails(message: PSTMessage): string {
  const item = message as unknown as Record<string, string | Date | null | undefined>
  const messageClass = message.messageClass
  const fields: [string, string][] = []
  if (/^IPM\.Contact/iu.test(messageClass)) {
    fields.push(
      ['Name', 'originalDisplayName'],
      ['Company', 'companyName'],
      ['Job title', 'title'],
      ['Department', 'departmentName'],
      ['Business phone', 'businessTelephoneNumber'],
      ['Mobile phone', 'mobileTelephoneNumber'],
      ['Address', 'postalAddress'],
    )
  } else if (/^IPM\.(?:Appointment|Schedule)/iu.test(messageClass)) {
    fields.push(
      ['Location', 'location'],
      ['Start', 'startTime'],
      ['End', 'endTime'],
      ['Attendees', 'allAttendees'],
    )
  } else if (/^IPM\.Task/iu.test(messageClass)) {
    fields.push(['Owner', 'taskOwner'], ['Assigned by', 'taskAssigner'])
  }
  const lines = fields
    .map(([label, key]) => {
      try {
        return detailLine(label, item[key])
      } catch {
        return null
      }
    })
    .filter((line): line is string => line !== null)
  return lines.length === 0 ? '' : `${lines.join('\n')}\n\n`
}

/** Plain text and HTML bodies; the RTF body (decompressed by pst-extractor) only when
 *  neither exists, because its declared size is read before anything is checked. */
function bodiesOf(message: PSTMessage): { text: string; html: string } {
  const text = message.body
  const html = message.bodyHTML
  if (text.trim() !== '' || html.trim() !== '') return { text, html }
  try {
    const rtf = message.bodyRTF
    return { text: rtf === '' ? '' : rtfToText(rtf).text, html: '' }
  } catch {
    return { text: '', html: '' }
  }
}

function attachmentBytes(attachment: PSTAttachment, limit: number): Uint8Array | null {
  const stream = attachment.fileInputStream
  if (stream === null) return new Uint8Array()
  const size = stream.length.toNumber()
  if (size > limit) return null
  const buffer = Buffer.alloc(size)
  stream.readCompletely(buffer)
  return buffer
}

/** Writes one item, and recursively the messages embedded in it, as RFC 5322 bytes. */
function messageBytes(message: PSTMessage, walk: Walk, name: string, depth: number): Buffer {
  const attachments: MimeAttachment[] = []
  const unique = new UniqueNames()
  for (let index = 0; index < message.numberOfAttachments; index += 1) {
    let attachment: PSTAttachment
    try {
      attachment = message.getAttachment(index)
    } catch {
      walk.warnings.push(toWarning('FILE_CORRUPT', {}, `${name}: attachment ${index + 1}`))
      continue
    }
    try {
      const embedded =
        attachment.attachMethod === PSTAttachment.ATTACHMENT_METHOD_EMBEDDED
          ? attachment.embeddedPSTMessage
          : null
      if (embedded !== null && depth < MAX_EMBEDDING) {
        const inner = unique.claim(`${attachmentFileName(embedded.subject, index, '')}.eml`)
        attachments.push({
          name: inner,
          bytes: messageBytes(embedded, walk, `${name}/${inner}`, depth + 1),
          isMessage: true,
        })
        continue
      }
      const fileName = unique.claim(
        attachmentFileName(
          attachment.longFilename || attachment.filename || attachment.displayName,
          index,
        ),
      )
      const bytes = attachmentBytes(attachment, walk.limits.maxMemberBytes)
      if (bytes === null) {
        walk.warnings.push(
          toWarning('FILE_TOO_LARGE', { limit: walk.limits.maxMemberBytes }, `${name}/${fileName}`),
        )
        continue
      }
      attachments.push({ name: fileName, bytes, contentType: attachment.mimeTag.toLowerCase() })
    } catch {
      walk.warnings.push(toWarning('FILE_CORRUPT', {}, `${name}: attachment ${index + 1}`))
    }
  }
  const bodies = bodiesOf(message)
  return writeMimeMessage({
    headerLines: headerLinesOf(message),
    text: itemDetails(message) + bodies.text,
    html: bodies.html,
    attachments,
  })
}

function addMessage(
  message: PSTMessage,
  folderPath: string,
  index: number,
  unique: UniqueNames,
  walk: Walk,
): void {
  const number = String(index + 1).padStart(4, '0')
  const slug = subjectSlug(message.subject)
  const name = unique.claim(
    `${folderPath}${folderPath === '' ? '' : '/'}${number}${slug === '' ? '' : `-${slug}`}.eml`,
  )
  const date = isoDate(message.clientSubmitTime ?? message.messageDeliveryTime)
  const from = formatAddress(message.senderName, smtpOfSender(message))
  walk.lines.push(
    [name, date ?? '', from, message.subject].filter((part) => part !== '').join(' · '),
  )
  const bytes = plainBytes(messageBytes(message, walk, name, 0))
  if (bytes.length > walk.limits.maxMemberBytes) {
    walk.warnings.push(toWarning('FILE_TOO_LARGE', { limit: walk.limits.maxMemberBytes }, name))
    return
  }
  walk.expanded += bytes.length
  walk.children.push(date === null ? { name, bytes } : { name, bytes, modified: date })
}

/** Whether the walk must stop here, warning once when a limit is what stops it. */
function atLimit(walk: Walk): boolean {
  if (walk.stopped) return true
  const detail =
    walk.children.length >= walk.limits.maxMembers
      ? `more than ${walk.limits.maxMembers} messages; the rest were not read`
      : walk.expanded > walk.limits.maxExpandedBytes
        ? `messages take more than ${walk.limits.maxExpandedBytes} bytes; the rest were not read`
        : null
  if (detail === null) return false
  walk.warnings.push(toWarning('ARCHIVE_BOMB', { detail }))
  walk.stopped = true
  return true
}

function readFolder(folder: PSTFolder, path: string, walk: Walk): void {
  walk.folders += 1
  const unique = new UniqueNames()
  let index = 0
  try {
    if (folder.contentCount > 0) {
      walk.lines.push(`${path || '/'} (${folder.contentCount})`)
      for (
        let message = folder.getNextChild() as PSTMessage | null;
        message !== null;
        message = folder.getNextChild() as PSTMessage | null
      ) {
        walk.options?.signal?.throwIfAborted()
        walk.options?.onProgress?.()
        if (atLimit(walk)) return
        try {
          addMessage(message, path, index, unique, walk)
        } catch {
          walk.warnings.push(toWarning('FILE_CORRUPT', {}, `${path}: message ${index + 1}`))
        }
        walk.messages += 1
        index += 1
      }
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error
    walk.warnings.push(toWarning('FILE_CORRUPT', {}, path || 'root folder'))
  }
  let subfolders: PSTFolder[] = []
  try {
    subfolders = folder.hasSubfolders ? folder.getSubFolders() : []
  } catch {
    // pst-extractor gives up on some search folders (corpus: tika/testPST_variousBodyTypes.pst).
    walk.warnings.push(toWarning('FILE_CORRUPT', {}, `${path || 'root folder'}: subfolders`))
  }
  const names = new UniqueNames()
  for (const [position, subfolder] of subfolders.entries()) {
    if (walk.stopped) return
    const segment = names.claim(folderSegment(subfolder.displayName, position))
    readFolder(subfolder, path === '' ? segment : `${path}/${segment}`, walk)
  }
}

function readPst(input: ExtractionInput, options?: ExtractOptions): ExtractionResult {
  if (input.bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  let pst: PSTFile
  let root: PSTFolder
  let storeName = ''
  try {
    pst = new PSTFile(
      Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
    )
    root = pst.getRootFolder()
    storeName = pst.getMessageStore().displayName
  } catch (error) {
    throw new DaleelError('FILE_CORRUPT', {}, { cause: error })
  }
  const walk: Walk = {
    limits: input.limits,
    options,
    children: [],
    lines: [],
    warnings: [],
    expanded: 0,
    messages: 0,
    folders: 0,
    stopped: false,
  }
  readFolder(root, '', walk)
  const limited = limitText(walk.lines.join('\n'), input.limits)
  const metadata: Record<string, string | number> = {
    messages: walk.messages,
    folders: walk.folders,
  }
  if (storeName !== '') metadata.store = storeName
  return {
    text: limited.text,
    title: storeName === '' ? null : storeName,
    metadata,
    method: 'container',
    children: walk.children,
    warnings: [...walk.warnings, ...limited.warnings],
  }
}

/** Turns an Outlook data file into one child message per item; method 'container'. */
export class PstExtractor implements Extractor {
  readonly name = 'pst'

  extract(input: ExtractionInput, options?: ExtractOptions): Promise<ExtractionResult> {
    return Promise.resolve().then(() => readPst(input, options))
  }
}

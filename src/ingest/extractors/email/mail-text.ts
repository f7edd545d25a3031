/** Small pieces the Outlook readers (.msg, .pst) share with the EML extractor's output: the
 *  header block that opens a message's text, attachment names that are names and never paths,
 *  and MAPI dates as ISO 8601. */

import type { Metadata } from '../../../domain/index.js'

/**
 * The `From:`/`To:`/… block that starts a message's text, in the EML extractor's layout.
 *
 * @example headerBlockText({ from: ['Rana <rana@example.com>'], subject: 'Minutes' })
 * // → 'From: Rana <rana@example.com>\nSubject: Minutes\n\n'
 */
export function headerBlockText(metadata: Metadata): string {
  const lines: string[] = []
  const add = (label: string, value: Metadata[string] | undefined): void => {
    const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : ''
    if (text !== '') lines.push(`${label}: ${text}`)
  }
  add('From', metadata.from)
  add('To', metadata.to)
  add('Cc', metadata.cc)
  add('Bcc', metadata.bcc)
  add('Date', metadata.date)
  add('Subject', metadata.subject)
  return lines.length === 0 ? '' : `${lines.join('\n')}\n\n`
}

/**
 * An attachment's name reduced to a file name: `../../x.exe` keeps only `x.exe`, control
 * characters go, and a missing name becomes `attachment-N.ext`.
 */
export function attachmentFileName(
  declared: string | null | undefined,
  index: number,
  extension = '.bin',
): string {
  const name = (declared ?? '')
    .split(/[/\\]/u)
    .pop()
    ?.replace(/[\u0000-\u001f\u007f]/gu, '')
    .trim()
  return name !== undefined && name !== '' && name !== '.' && name !== '..'
    ? name
    : `attachment-${index + 1}${extension}`
}

/** A date as ISO 8601, or null for a missing or invalid one. */
export function isoDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** `Name <address>`, or whichever of the two there is; empty when neither. */
export function formatAddress(
  name: string | null | undefined,
  address: string | null | undefined,
): string {
  const cleanName = (name ?? '').trim().replace(/^'(.*)'$/u, '$1')
  const cleanAddress = (address ?? '').trim()
  if (cleanName !== '' && cleanAddress !== '' && cleanName !== cleanAddress) {
    return `${cleanName} <${cleanAddress}>`
  }
  return cleanAddress || cleanName
}

/**
 * A file-name-safe slug of a subject for child names, letters of any script kept.
 *
 * @example subjectSlug('Re: محضر الاجتماع / 2024') // → 'محضر-الاجتماع-2024'
 */
export function subjectSlug(subject: string): string {
  return subject
    .replace(/^(?:(?:re|fw|fwd|aw|wg)\s*:\s*)+/iu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 60)
    .replace(/-+$/u, '')
    .toLowerCase()
}

/** Rules every engine applies to tags and notes, so that both accept and refuse the same input. */

import { DaleelError } from '../domain/index.js'

const maxTagLength = 100

/** A tag as stored: trimmed, case kept, not empty, at most 100 characters. */
export function validTag(tag: string): string {
  const trimmed = tag.trim()
  if (!trimmed || trimmed.length > maxTagLength) {
    throw new DaleelError('ARGUMENT_INVALID', {
      name: 'tag',
      detail: `from 1 to ${maxTagLength} characters`,
    })
  }
  return trimmed
}

/** The text a note is anchored to; the range must lie within the document's text. */
export function noteQuote(
  text: string,
  range: { docId: string; start: number; end: number },
): string {
  const { docId, start, end } = range
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
    throw new DaleelError('ARGUMENT_INVALID', {
      name: 'start/end',
      detail: 'whole numbers with 0 ≤ start ≤ end',
    })
  }
  if (end > text.length) {
    throw new DaleelError('CITE_RANGE', {
      offset: start,
      length: end - start,
      id: docId,
      size: text.length,
    })
  }
  return text.slice(start, end)
}

/** Turns the value after `field:` into a field node. Language codes are lower-cased, dates are
 *  checked and read as one date or a range; other values stay as typed for the search service. */
import { DaleelError } from '../../domain/index.js'
import type { QueryNode } from './query-node.js'
import { toLatinDigits } from './query-characters.js'

/** A `field:value` filter as the parser returns it. */
export type FieldNode = Extract<QueryNode, { kind: 'field' }>

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * Builds the node for `field:value` (`field` already lower-case, `value` without its quotes or
 * trailing `*`); throws QUERY_FIELD_VALUE for a date that is not YYYY, YYYY-MM or YYYY-MM-DD.
 * @example readFieldValue('date', '2024-01..2024-06', false)
 *   // { kind: 'field', field: 'date', value: '2024-01..2024-06', range: { from: '2024-01', to: '2024-06' } }
 */
export function readFieldValue(field: string, value: string, prefix: boolean): FieldNode {
  if (field === 'date') return readDate(value, prefix)
  const text = field === 'lang' ? value.toLowerCase() : value
  return prefix
    ? { kind: 'field', field, value: text, prefix }
    : { kind: 'field', field, value: text }
}

function readDate(typed: string, prefix: boolean): FieldNode {
  const invalid = () => new DaleelError('QUERY_FIELD_VALUE', { value: typed, field: 'date' })
  const value = toLatinDigits(typed)
  const dots = value.indexOf('..')
  if (dots < 0) {
    if (!isDate(value)) throw invalid()
    return prefix
      ? { kind: 'field', field: 'date', value, prefix }
      : { kind: 'field', field: 'date', value }
  }
  const from = value.slice(0, dots) || null
  const to = value.slice(dots + 2) || null
  const valid = (date: string | null) => date === null || isDate(date)
  if (prefix || (from === null && to === null) || !valid(from) || !valid(to)) throw invalid()
  // '2024-06..2024' is fine (June to the end of 2024), so compare only the part both give.
  const shared = Math.min(from?.length ?? 0, to?.length ?? 0)
  if (from !== null && to !== null && from.slice(0, shared) > to.slice(0, shared)) throw invalid()
  return { kind: 'field', field: 'date', value: `${from ?? ''}..${to ?? ''}`, range: { from, to } }
}

function isDate(text: string): boolean {
  const match = DATE.exec(text)
  if (match === null) return false
  const [, year, month, day] = match
  if (month === undefined) return true
  const monthNumber = Number(month)
  if (monthNumber < 1 || monthNumber > 12) return false
  if (day === undefined) return true
  return Number(day) >= 1 && Number(day) <= daysInMonth(Number(year), monthNumber)
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

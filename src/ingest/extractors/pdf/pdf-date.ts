/** Reads the dates of a PDF's document information dictionary (`D:YYYYMMDDHHmmSSOHH'mm'`,
 *  ISO 32000-1 §7.9.4) and of its XMP metadata into ISO 8601 strings in UTC. */

const PDF_DATE =
  /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?/u
const ISO_DATE =
  /^\d{4}-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/u

/** Converts a PDF or XMP date string to ISO 8601 (UTC), or null when it is not a usable date.
 *  @example parsePdfDate("D:20170520143000+02'00'") === '2017-05-20T12:30:00.000Z' */
export function parsePdfDate(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? ''
  if (/^\d{4}-/u.test(trimmed)) return parseIsoDate(trimmed)
  const match = PDF_DATE.exec(trimmed)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part, index) => (part === undefined ? (index < 3 ? 1 : 0) : Number(part)))
  const [, , , , , , , sign, offsetHours = '0', offsetMinutes = '0'] = match
  if (year === undefined || month === undefined || day === undefined) return null
  if (month < 1 || month > 12 || (hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) {
    return null
  }
  // Date.UTC rolls 31 February over into March; such a date was never written by a clock.
  if (day < 1 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null
  let time = Date.UTC(year, month - 1, day, hour, minute, second)
  if (sign === '+' || sign === '-') {
    const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000
    time += sign === '+' ? -offset : offset
  }
  return new Date(time).toISOString()
}

// XMP dates are ISO 8601 already, with or without a zone; a time without one is taken as UTC.
function parseIsoDate(value: string): string | null {
  const match = ISO_DATE.exec(value)
  if (!match) return null
  const zoned = value.includes('T') && match[1] === undefined ? `${value}Z` : value
  const time = Date.parse(zoned)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** Normalises the date strings office formats write to ISO 8601 with a `Z`. OpenDocument and
 *  RTF dates usually carry no zone; they are read as UTC so that the same file gives the same
 *  metadata on every machine. */

/**
 * `2009-10-01T13:36:27.45` → `2009-10-01T13:36:27.450Z`; null for text that is not a date or
 * lies before 1900 (a zeroed field, not a real date).
 */
export function isoDate(value: string): string | null {
  const text = value.trim()
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/u.exec(
      text,
    )
  if (match === null) return null
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return null
  const milliseconds = Math.round(Number(`0.${fraction || '0'}`) * 1000)
  let time = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    milliseconds,
  )
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.replace(/[^\d]/gu, '')
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
  }
  const date = new Date(time)
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1900) return null
  return date.toISOString()
}

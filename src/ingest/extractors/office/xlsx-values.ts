/** Turns the raw values SpreadsheetML stores into text people search for: serial numbers
 *  under a date format become ISO dates, percentages get their sign, booleans read TRUE/FALSE.
 *  Other number formats (currency, thousands separators) are not applied: the digits stay as
 *  stored, which is what a search for an amount finds. */

// The built-in formats that are not plain numbers (ECMA-376 part 1, 18.8.30); 27–36 and
// 50–58 are the East Asian date formats Excel writes in CJK locales.
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  9: '0%',
  10: '0.00%',
  14: 'yyyy-mm-dd',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy-mm-dd h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mm:ss.0',
}
const EAST_ASIAN_DATE_FORMATS = [
  27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]
// The last day Excel can show, 9999-12-31.
const MAX_SERIAL = 2_958_465

/** How a number format shows a value. */
export type ValueKind =
  | { readonly kind: 'number' }
  | { readonly kind: 'percent'; readonly decimals: number }
  | {
      readonly kind: 'date'
      readonly hasDate: boolean
      readonly hasTime: boolean
      readonly elapsed: boolean
    }

const NUMBER: ValueKind = { kind: 'number' }

/** The format code with literal text, escapes, padding and colour/locale brackets removed,
 *  keeping elapsed-time brackets such as `[h]`. */
function formatTokens(code: string): string {
  return code
    .replace(/"[^"]*"/gu, '')
    .replace(/\\./gu, '')
    .replace(/[_*]./gu, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/giu, '')
}

/**
 * What a number format (its id and, for custom ids, its code from styles.xml) does to a value.
 *
 * @example valueKindOf(14, undefined) // → { kind: 'date', hasDate: true, hasTime: false, … }
 */
export function valueKindOf(id: number, code: string | undefined): ValueKind {
  if (code === undefined && EAST_ASIAN_DATE_FORMATS.includes(id)) {
    return { kind: 'date', hasDate: true, hasTime: false, elapsed: false }
  }
  const format = code ?? BUILT_IN_FORMATS[id]
  if (format === undefined) return NUMBER
  // The first section (positive numbers) decides.
  const tokens = formatTokens(format.split(';')[0] ?? '')
  if (/^\s*general\s*$/iu.test(tokens)) return NUMBER
  const hasTime = /[hs]/iu.test(tokens)
  // A lone `m` is a month unless hours or seconds are around (then it is minutes).
  const hasDate = /[dy]/iu.test(tokens) || (!hasTime && /m/iu.test(tokens))
  if (hasDate || hasTime) {
    return { kind: 'date', hasDate, hasTime, elapsed: /\[[hms]+\]/iu.test(tokens) }
  }
  if (tokens.includes('%')) {
    return { kind: 'percent', decimals: /\.([0#?]+)/u.exec(tokens)?.[1]?.length ?? 0 }
  }
  return NUMBER
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0')
}

/**
 * An Excel serial date as ISO 8601 text without a zone (workbooks do not record one):
 * `2024-03-01`, `2024-03-01T10:30:00` or `10:30:00`; null when out of Excel's range.
 *
 * @example serialToIso(45352.4375, false) // → '2024-03-01T10:30:00'
 */
export function serialToIso(
  serial: number,
  date1904: boolean,
  show: { hasDate: boolean; hasTime: boolean; elapsed?: boolean } = {
    hasDate: true,
    hasTime: true,
  },
): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return null
  // Round to the second: 0.5416666 days must read 13:00:00, not 12:59:59.
  const seconds = Math.round(serial * 86_400)
  const time = `${pad(Math.floor(seconds / 3600) % 24)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`
  if (!show.hasDate) {
    // Durations such as [h]:mm:ss count hours past 24.
    return show.elapsed === true
      ? `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`
      : time
  }
  const days = Math.floor(seconds / 86_400)
  let day: string
  // Excel's 1900 system counts a 29 February 1900 that never was (serial 60), a bug kept from
  // Lotus 1-2-3; days before it count from 1900-01-01 = 1.
  if (!date1904 && days === 60) day = '1900-02-29'
  else {
    const epoch = date1904
      ? Date.UTC(1904, 0, 1)
      : days < 60
        ? Date.UTC(1899, 11, 31)
        : Date.UTC(1899, 11, 30)
    const date = new Date(epoch + days * 86_400_000)
    day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
  }
  return show.hasTime ? `${day}T${time}` : day
}

/** A stored number as text: the shortest form that reads back the same, as Excel shows it. */
export function numberText(raw: string): string {
  const value = Number(raw)
  return raw.trim() === '' || Number.isNaN(value) ? raw : String(value)
}

/** A stored number under a number format, as text. */
export function formatNumber(raw: string, kind: ValueKind, date1904: boolean): string {
  const value = Number(raw)
  if (raw.trim() === '' || Number.isNaN(value)) return raw
  switch (kind.kind) {
    case 'date':
      return serialToIso(value, date1904, kind) ?? numberText(raw)
    case 'percent':
      return `${(value * 100).toFixed(kind.decimals)}%`
    case 'number':
      return numberText(raw)
  }
}

/** `A1` → 0, `AB7` → 27; -1 when the reference has no column letters. */
export function columnIndexOf(reference: string): number {
  let column = 0
  let index = 0
  for (; index < reference.length && index < 4; index++) {
    const code = reference.charCodeAt(index) | 0x20
    if (code < 0x61 || code > 0x7a) break
    column = column * 26 + (code - 0x60)
  }
  return index === 0 ? -1 : column - 1
}

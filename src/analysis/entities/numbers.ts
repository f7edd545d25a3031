/** Reads the numbers that amounts and quantities are written with, exactly (no floating point:
 *  29.446 million must come out as 29446000): digit groups with Latin, Arabic, European and
 *  Indian separators, the Tunisian news-agency decimal "4ر20" (= 20.4), number words in Arabic,
 *  Hebrew and English, and scale words (ألف، مليون، מיליון، billion, bn). Which currency or unit
 *  follows is `money.ts` and `quantities.ts`. Input is folded text (`fold-text.ts`). */
import { alternation, fold } from './scan.js'

/** An exact decimal: `digits × 10^-scale`. */
export interface Decimal {
  readonly digits: bigint
  readonly scale: number
}

/** The number `10^power` as a decimal. */
export function powerOfTen(power: number): Decimal {
  return { digits: 1n, scale: -power }
}

/** `value × 10^power`. */
export function shift(value: Decimal, power: number): Decimal {
  return { digits: value.digits, scale: value.scale - power }
}

function align(value: Decimal, scale: number): bigint {
  return value.digits * 10n ** BigInt(scale - value.scale)
}

/** `a + b`. */
export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale)
  return { digits: align(a, scale) + align(b, scale), scale }
}

/** `a × b`. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return { digits: a.digits * b.digits, scale: a.scale + b.scale }
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale)
  const difference = align(a, scale) - align(b, scale)
  return difference < 0n ? -1 : difference > 0n ? 1 : 0
}

/**
 * A decimal as plain digits: no exponent, no thousands separators, no trailing zeros.
 * @example formatDecimal({ digits: 12n, scale: -8 }) // '1200000000'
 */
export function formatDecimal(value: Decimal): string {
  let { digits, scale } = value
  const negative = digits < 0n
  if (negative) digits = -digits
  if (scale <= 0) return (negative ? '-' : '') + (digits * 10n ** BigInt(-scale)).toString()
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n
    scale -= 1
  }
  let text = digits.toString()
  if (scale > 0) {
    text = text.padStart(scale + 1, '0')
    text = `${text.slice(0, -scale)}.${text.slice(-scale)}`
  }
  return (negative && digits !== 0n ? '-' : '') + text
}

function fromDigits(integer: string, fraction = ''): Decimal {
  return { digits: BigInt(integer + fraction || '0'), scale: fraction.length }
}

/**
 * A numeral in folded text: grouped digits (1,234,567.89; 1.234.567,89; 4,23,500.00), plain
 * digits with a decimal point or comma, the Arabic comma as decimal point (29،446), and the
 * Tunisian agency decimal (20ر4).
 */
export const NUMERAL =
  '(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?' + // 1,234,567.89
  '|\\d{1,2}(?:,\\d{2})+,\\d{3}(?:\\.\\d+)?' + // Indian grouping: 4,23,500.00
  '|\\d{1,3}(?:\\.\\d{3}){2,}(?:,\\d+)?' + // 1.234.567(,89)
  '|\\d{1,3}(?:\\.\\d{3})+,\\d{1,2}(?!\\d)' + // 1.234,56
  '|\\d+ر\\d+' + // 20ر4
  '|\\d+،\\d+' + // 29،446
  '|\\d+(?:[.,]\\d+)?)' // 1234, 12.5, 12,5

/**
 * The value of a numeral that `NUMERAL` matched.
 * @example parseNumeral('١٬٢٠٠٫٥') // (folded) 1200.5
 */
export function parseNumeral(numeral: string): Decimal {
  // Tunisian agency style: the fraction is written first ("4ر20" reads 20.4 on screen).
  const reversed = /^(\d+)ر(\d+)$/.exec(numeral)
  if (reversed) return fromDigits(reversed[2]!, reversed[1])
  const arabicComma = /^(\d+)،(\d+)$/.exec(numeral)
  if (arabicComma) return fromDigits(arabicComma[1]!, arabicComma[2])
  const commas = (numeral.match(/,/g) ?? []).length
  const dots = (numeral.match(/\./g) ?? []).length
  if (commas > 0 && dots > 0) {
    // Whichever separator comes last is the decimal point.
    const decimalIsDot = numeral.lastIndexOf('.') > numeral.lastIndexOf(',')
    const [integer, fraction] = decimalIsDot
      ? [
          numeral.slice(0, numeral.lastIndexOf('.')).replace(/,/g, ''),
          numeral.slice(numeral.lastIndexOf('.') + 1),
        ]
      : [
          numeral.slice(0, numeral.lastIndexOf(',')).replace(/\./g, ''),
          numeral.slice(numeral.lastIndexOf(',') + 1),
        ]
    return fromDigits(integer, fraction)
  }
  if (commas > 1) return fromDigits(numeral.replace(/,/g, ''))
  if (dots > 1) return fromDigits(numeral.replace(/\./g, ''))
  if (commas === 1) {
    const [integer, fraction] = numeral.split(',') as [string, string]
    // 1,500 is fifteen hundred (Latin grouping); 19,5 and 2,25 are European decimals.
    return fraction.length === 3 ? fromDigits(integer + fraction) : fromDigits(integer, fraction)
  }
  if (dots === 1) {
    const [integer, fraction] = numeral.split('.') as [string, string]
    return fromDigits(integer, fraction)
  }
  return fromDigits(numeral)
}

/** A scale word and its power of ten; `dual` words mean two of it (مليونين = 2,000,000). */
interface Scale {
  readonly power: number
  readonly dual?: boolean
  readonly plural?: boolean
}

const SCALE_WORDS: Record<string, Scale> = {}
function scales(words: string, scale: Scale): void {
  for (const word of words.split(' ')) SCALE_WORDS[word] = scale
}
scales('ألف ألفا الف الفا', { power: 3 })
scales('آلاف الاف ألوف', { power: 3, plural: true })
scales('ألفان ألفين ألفي الفين الفي', { power: 3, dual: true })
scales('مليون مليونا', { power: 6 })
scales('ملايين ملاين', { power: 6, plural: true })
scales('مليونان مليونين مليوني', { power: 6, dual: true })
scales('مليار مليارا بليون', { power: 9 })
scales('مليارات بلايين', { power: 9, plural: true })
scales('ملياران مليارين ملياري', { power: 9, dual: true })
scales('تريليون ترليون', { power: 12 })
scales('אלף', { power: 3 })
scales('אלפים אלפי', { power: 3, plural: true })
scales('מיליון', { power: 6 })
scales('מיליונים מיליוני', { power: 6, plural: true })
scales('מיליארד', { power: 9 })
scales('מיליארדים מיליארדי', { power: 9, plural: true })
scales('thousand', { power: 3 })
scales('thousands', { power: 3, plural: true })
scales('million mn mln', { power: 6 })
scales('millions', { power: 6, plural: true })
scales('billion bn', { power: 9 })
scales('billions', { power: 9, plural: true })
scales('trillion tn', { power: 12 })

/** Scale words as a regular-expression alternation over folded text (case-insensitive for Latin). */
export const SCALE_WORD = `(?:${alternation(Object.keys(SCALE_WORDS))})`
/** One-letter scales that only count glued to a number or after a currency: $5m, 3.2bn, 20k. */
export const SCALE_SUFFIX = '(?:[kK]|[mM](?:n|ln)?|[bB]n?|bln|tn)'

const FOLDED_SCALES = new Map<string, Scale>()
for (const [word, scale] of Object.entries(SCALE_WORDS)) {
  FOLDED_SCALES.set(fold(word), scale)
}

/** The scale a (folded) scale word or suffix stands for, if it is one. */
export function scaleOf(word: string): Scale | undefined {
  const lower = word.toLowerCase()
  const found = FOLDED_SCALES.get(word) ?? FOLDED_SCALES.get(lower)
  if (found) return found
  if (lower === 'k') return { power: 3 }
  if (lower === 'm' || lower === 'mn' || lower === 'mln') return { power: 6 }
  if (lower === 'b' || lower === 'bn' || lower === 'bln') return { power: 9 }
  if (lower === 'tn') return { power: 12 }
  return undefined
}

const NUMBER_WORDS: Record<string, number> = {}
function numbers(words: string, value: number): void {
  for (const word of words.split(' ')) NUMBER_WORDS[word] = value
}
// Arabic cardinals as amounts are written in news: masculine and feminine, with and without
// the article (الأربعة ملايين), the accusative/genitive -ين forms of the tens.
numbers('واحد واحدة', 1)
numbers('اثنان اثنين اثنتان اثنتين', 2)
numbers('ثلاث ثلاثة', 3)
numbers('أربع أربعة', 4)
numbers('خمس خمسة', 5)
numbers('ست ستة', 6)
numbers('سبع سبعة', 7)
numbers('ثمان ثماني ثمانية', 8)
numbers('تسع تسعة', 9)
numbers('عشر عشرة', 10)
numbers('عشرون عشرين', 20)
numbers('ثلاثون ثلاثين', 30)
numbers('أربعون أربعين', 40)
numbers('خمسون خمسين', 50)
numbers('ستون ستين', 60)
numbers('سبعون سبعين', 70)
numbers('ثمانون ثمانين', 80)
numbers('تسعون تسعين', 90)
numbers('مائة مئة', 100)
numbers('مائتان مائتين مئتان مئتين مائتي مئتي', 200)
numbers('ثلاثمائة ثلاثمئة', 300)
numbers('أربعمائة أربعمئة', 400)
numbers('خمسمائة خمسمئة', 500)
numbers('نصف', 0.5)
numbers('ربع', 0.25)
numbers('אחד אחת', 1)
numbers('שניים שתיים שני שתי', 2)
numbers('שלושה שלוש שלושת', 3)
numbers('ארבעה ארבע ארבעת', 4)
numbers('חמישה חמש חמשת', 5)
numbers('שישה שש ששת', 6)
numbers('שבעה שבע שבעת', 7)
numbers('שמונה שמונת', 8)
numbers('תשעה תשע תשעת', 9)
numbers('עשרה עשר עשרת', 10)
numbers('אחת-עשרה אחד-עשר', 11)
numbers('מאה', 100)
numbers('מאתיים', 200)
numbers('חצי', 0.5)
numbers('רבע', 0.25)
numbers('a an one', 1)
numbers('two', 2)
numbers('three', 3)
numbers('four', 4)
numbers('five', 5)
numbers('six', 6)
numbers('seven', 7)
numbers('eight', 8)
numbers('nine', 9)
numbers('ten', 10)
numbers('eleven', 11)
numbers('twelve', 12)
numbers('fifteen', 15)
numbers('twenty', 20)
numbers('thirty', 30)
numbers('forty', 40)
numbers('fifty', 50)
numbers('hundred', 100)
numbers('half', 0.5)

/** Number words (folded) as an alternation; Arabic ones may carry the article. */
export const NUMBER_WORD = `(?:(?:ال)?(?:${alternation(Object.keys(NUMBER_WORDS).filter((w) => /[\u0600-\u06ff]/.test(w)))})|${alternation(Object.keys(NUMBER_WORDS).filter((w) => !/[\u0600-\u06ff]/.test(w)))})`

const FOLDED_NUMBERS = new Map<string, number>()
for (const [word, value] of Object.entries(NUMBER_WORDS)) {
  FOLDED_NUMBERS.set(fold(word), value)
}

/** The value of a (folded) number word, or undefined. */
export function numberWordValue(word: string): Decimal | undefined {
  let lower = word.toLowerCase()
  let value = FOLDED_NUMBERS.get(lower)
  if (value === undefined && lower.startsWith('ال')) {
    lower = lower.slice(2)
    value = FOLDED_NUMBERS.get(lower)
  }
  if (value === undefined) return undefined
  return value === 0.5
    ? { digits: 5n, scale: 1 }
    : value === 0.25
      ? { digits: 25n, scale: 2 }
      : { digits: BigInt(value), scale: 0 }
}

export type { Scale }

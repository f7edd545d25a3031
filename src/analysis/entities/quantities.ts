/** Finds percentages and quantities with a unit (64 ضعفًا، 19,000 ساعة، 12.5%، 40 מיליון מ"ק).
 *  The contract's entity types have no place for them, so they are not entity mentions: this
 *  separate function lets the caller decide what to do with them. Kept small on purpose: a
 *  few common units, normalised to one English unit name. */
import { fold as foldWord, alternation } from './scan.js'
import { foldText, rawSpan } from './fold-text.js'
import {
  formatDecimal,
  multiply,
  NUMERAL,
  parseNumeral,
  powerOfTen,
  SCALE_WORD,
  scaleOf,
} from './numbers.js'

/** A percentage or a quantity with a unit, with raw offsets. */
export interface Quantity {
  kind: 'percent' | 'quantity'
  /** Exactly `text.slice(start, end)`. */
  value: string
  /** "<amount> <unit>": '64 times', '19000 hour', '12.5 %'. */
  normalized: string
  start: number
  end: number
}

const UNITS: Record<string, string> = {
  '%': '%',
  بالمائة: '%',
  بالمئة: '%',
  'في المائة': '%',
  'في المئة': '%',
  percent: '%',
  'per cent': '%',
  אחוז: '%',
  אחוזים: '%',
  ضعف: 'times',
  ضعفا: 'times',
  أضعاف: 'times',
  مرات: 'times',
  times: 'times',
  פעמים: 'times',
  ساعة: 'hour',
  ساعات: 'hour',
  hours: 'hour',
  hour: 'hour',
  שעות: 'hour',
  يوما: 'day',
  أيام: 'day',
  days: 'day',
  ימים: 'day',
  أشهر: 'month',
  شهرا: 'month',
  months: 'month',
  חודשים: 'month',
  سنوات: 'year',
  عاما: 'year',
  أعوام: 'year',
  years: 'year',
  שנים: 'year',
  كم: 'km',
  كلم: 'km',
  كيلومتر: 'km',
  كيلومترا: 'km',
  km: 'km',
  'ק"מ': 'km',
  كغ: 'kg',
  كلغ: 'kg',
  كيلوغرام: 'kg',
  kg: 'kg',
  'ק"ג': 'kg',
  طن: 'ton',
  أطنان: 'ton',
  tons: 'ton',
  tonnes: 'ton',
  טון: 'ton',
  هكتار: 'hectare',
  هك: 'hectare',
  hectares: 'hectare',
  لتر: 'liter',
  liters: 'liter',
  litres: 'liter',
  ליטר: 'liter',
  برميل: 'barrel',
  barrels: 'barrel',
  قنطار: 'quintal',
  'מ"ק': 'm3',
  'متر مكعب': 'm3',
  شخص: 'person',
  أشخاص: 'person',
  people: 'person',
}
const FOLDED_UNITS = new Map(Object.entries(UNITS).map(([word, unit]) => [foldWord(word), unit]))

const QUANTITY = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(${NUMERAL})(?:\\s*(${SCALE_WORD}))?\\s*(${alternation(Object.keys(UNITS))})(?![\\p{L}])`,
  'gu',
)

/**
 * The percentages and quantities of a raw text.
 * @example findQuantities('19,000 ساعة') // [{ kind: 'quantity', value: '19,000 ساعة', normalized: '19000 hour', … }]
 */
export function findQuantities(text: string): Quantity[] {
  const folded = foldText(text)
  const found: Quantity[] = []
  for (const match of folded.text.matchAll(QUANTITY)) {
    const unit = FOLDED_UNITS.get(match[3]!.replace(/\s+/g, ' '))
    if (!unit) continue
    let value = parseNumeral(match[1]!)
    if (match[2]) {
      const scale = scaleOf(match[2])
      if (!scale || scale.dual) continue
      value = multiply(value, powerOfTen(scale.power))
    }
    const [start, end] = rawSpan(folded, match.index, match.index + match[0].length)
    found.push({
      kind: unit === '%' ? 'percent' : 'quantity',
      value: text.slice(start, end),
      normalized: `${formatDecimal(value)} ${unit}`,
      start,
      end,
    })
  }
  return found
}

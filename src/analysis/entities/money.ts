/** Finds amounts of money in Arabic, Hebrew and English: a currency (word, symbol or ISO code,
 *  `currencies.ts`) with an amount before it (١٫٢ مليار دولار، 200 שקלים، 19.5 EUR) or, for
 *  symbols and codes, after it ($10 million, USD 5,000, ₪1,250). Amounts are digits with any
 *  separator style, number words (عشرة ملايين، a million), scale words and Arabic compounds
 *  (2 مليون و477 ألف و768 دينار). An amount that shares the currency of the next one
 *  (14 أو 15 مليون يورو، 120,000-100,000 שקל) is a mention too. Normalised as
 *  "<amount> <ISO 4217>" (contract: "10000000 USD"). */
import {
  currencyOf,
  CURRENCY_SYMBOL,
  CURRENCY_WORD,
  FAMILY_CUE_COUNTRIES,
  qualifierCode,
  QUALIFIER_STEM,
  resolveFamily,
  type Currency,
} from './currencies.js'
import type { TextContext } from './text-context.js'
import { nearestCountry } from './country-cues.js'
import {
  add,
  compare,
  formatDecimal,
  multiply,
  numberWordValue,
  NUMBER_WORD,
  NUMERAL,
  parseNumeral,
  powerOfTen,
  SCALE_SUFFIX,
  SCALE_WORD,
  scaleOf,
  shift,
  type Decimal,
} from './numbers.js'
import { fold, isWordEnd, isWordStart } from './scan.js'

/** A mention found in folded text; `find-entities.ts` maps it to raw offsets. */
export interface FoldedMention {
  readonly start: number
  readonly end: number
  readonly normalized: string
}

// An amount starts at a word edge; Arabic and Hebrew proclitics and the article may stick to
// it (ب71 مليون، الـ500 مليون، מ-705,000): the mention starts at the first digit or word.
const AMOUNT_START =
  '(?<![\\p{L}\\p{N}.,،])|(?<=(?<![\\p{L}\\p{N}])(?:[وفبلك]{1,2}|ال|[وفبلك]ال|[ובלמהשכ]{1,2})-?)'
const DIGITS_PART = `${NUMERAL}(?:\\s?${SCALE_SUFFIX}(?![\\p{L}\\p{N}]))?(?:\\s*${SCALE_WORD}(?![\\p{L}]))?`
const WORDS_PART = `(?:(?:${NUMBER_WORD})(?:\\s+[وו]?(?:${NUMBER_WORD}))?\\s+)?${SCALE_WORD}(?![\\p{L}])|(?:${NUMBER_WORD})(?:\\s+[וو](?:${NUMBER_WORD}))?(?![\\p{L}])`
const PART = `(?:${DIGITS_PART}|${WORDS_PART})`
// Arabic compounds join parts with و: مليون و200 ألف.
const AMOUNT = `(?:${PART}(?:\\s*و\\s*${PART})*)`

// The amount right before a currency word: matched on a short window ending at the word.
// An amount and its currency sit on one line: "2021\nYen (millions)" is a year over a heading.
const AMOUNT_BEFORE = new RegExp(`(?:${AMOUNT_START})(${AMOUNT})[^\\S\\n]*$`, 'u')
// The amount right after a symbol or code: $ 5, US$3bn, $(1,076.25).
const AMOUNT_AFTER = new RegExp(
  `\\s?(\\(?)(${NUMERAL})(?:\\s?(${SCALE_SUFFIX})(?![\\p{L}\\p{N}]))?(?:\\s*(${SCALE_WORD})(?![\\p{L}]))?`,
  'uy',
)
const CURRENCY = new RegExp(
  `(${CURRENCY_SYMBOL})|(${CURRENCY_WORD})|(?<![\\p{L}])(د)(?![\\p{L}])`,
  'gu',
)
const QUALIFIER = new RegExp(`\\s+(?:ال)?(${QUALIFIER_STEM})(?:ه|ا|ين|يه)?(?![\\p{L}])`, 'uy')
const DINAR_WORD = /دينار|دنانير/
// One part of an amount, for adding up the parts: a numeral or number word and its scales.
const PART_PIECES = new RegExp(
  `(${NUMERAL})(?:\\s?(${SCALE_SUFFIX})(?![\\p{L}\\p{N}]))?|(${SCALE_WORD})|(${NUMBER_WORD})`,
  'gu',
)
// Range and alternative connectors between two amounts of one currency.
const SHARED_BEFORE = new RegExp(
  fold(
    `(?:${AMOUNT_START})(${NUMERAL})(?:\\s*(${SCALE_WORD}))?\\s*(?:و|أو|او|إلى|الى|حتى|-|–|—|to|and|or|ו|או|עד|ל)-?\\s*$`,
  ),
  'du',
)

const WINDOW = 120

/** The value of an amount's text: its parts added up; undefined if it is not a definite amount. */
function amountValue(text: string): { value: Decimal; scaled: boolean } | undefined {
  let total: Decimal | undefined
  let current: Decimal | undefined
  let scaled = false
  let lastPower = Infinity
  const flush = () => {
    if (current) total = total ? add(total, current) : current
    current = undefined
  }
  for (const piece of text.matchAll(PART_PIECES)) {
    const [, numeral, suffix, scaleWord, numberWord] = piece
    if (numeral !== undefined) {
      flush()
      current = parseNumeral(numeral)
      if (suffix) {
        const scale = scaleOf(suffix)!
        current = multiply(current, powerOfTen(scale.power))
        scaled = true
      }
    } else if (numberWord !== undefined) {
      const value = numberWordValue(numberWord)
      if (!value) return undefined
      // خمسة وعشرين: a unit and a ten add up within one part.
      current =
        current && compare(current, { digits: 10n, scale: 0 }) < 0
          ? add(current, value)
          : (flush(), value)
    } else if (scaleWord !== undefined) {
      const scale = scaleOf(scaleWord)
      if (!scale) return undefined
      if (scale.power >= lastPower) return undefined
      if (current === undefined) {
        // مليون دولار is one million; مليونين two; ملايين alone is no amount.
        if (scale.plural) return undefined
        current = { digits: scale.dual ? 2n : 1n, scale: 0 }
      } else if (scale.dual) {
        return undefined
      }
      current = multiply(current, powerOfTen(scale.power))
      lastPower = scale.power
      scaled = true
      flush()
    }
  }
  flush()
  return total ? { value: total, scaled } : undefined
}

function resolve(currency: Currency, position: number, context: TextContext): string {
  if (currency.code) return currency.code
  const family = currency.family!
  const allowed = FAMILY_CUE_COUNTRIES[family]
  const documentCountry = context.documentCountries.find((code) => allowed.has(code))
  return resolveFamily(
    family,
    nearestCountry(context.countryCues(), position, allowed, documentCountry),
  )
}

// The dinar written out within 200 characters: only then is a bare د after an amount a dinar.
function nearDinarWord(text: string, position: number): boolean {
  return DINAR_WORD.test(text.slice(Math.max(0, position - 200), position + 200))
}

/**
 * The amounts of money in a text, as folded-offset mentions.
 * @example findMoney(contextOf('بلغت ١٫٢ مليار دولار')) // [{ …, normalized: '1200000000 USD' }]
 */
export function findMoney(context: TextContext): FoldedMention[] {
  const text = context.text
  const mentions: FoldedMention[] = []
  let lastEnd = 0
  for (const match of text.matchAll(CURRENCY)) {
    const [token, symbol, word, letter] = match
    const tokenStart = match.index
    const tokenEnd = tokenStart + token.length
    if (word !== undefined && (!isWordStart(text, tokenStart) || !isWordEnd(text, tokenEnd)))
      continue
    if (letter !== undefined && !nearDinarWord(text, tokenStart)) continue
    const currency = currencyOf(letter !== undefined ? 'دينار' : token)
    if (!currency) continue
    let code: string | undefined
    let end = tokenEnd
    QUALIFIER.lastIndex = tokenEnd
    const qualifier = symbol === undefined ? QUALIFIER.exec(text) : null
    if (qualifier) {
      code = qualifierCode(qualifier[1]!)
      end = tokenEnd + qualifier[0].length
    }
    // The amount before the currency: 10 مليون دولار، 200 שקלים، 5 €.
    const windowStart = Math.max(lastEnd, tokenStart - WINDOW)
    const before = AMOUNT_BEFORE.exec(text.slice(windowStart, tokenStart))
    if (before) {
      const value = amountValue(before[1]!)
      // "10 pounds" may be a weight: an English pound needs a scale (5 million pounds) or an
      // explicit "sterling".
      const bareEnglishPound = currency.family === 'englishPound'
      if (value && !(bareEnglishPound && !value.scaled)) {
        const resolved = code ?? resolve(currency, tokenStart, context)
        const start = windowStart + before.index
        const amount = currency.exponent ? shift(value.value, currency.exponent) : value.value
        mentions.push({ start, end, normalized: `${formatDecimal(amount)} ${resolved}` })
        lastEnd = end
        continue
      }
    }
    // The amount after a symbol or code: $10 million, USD 5,000, ₪1,250, $(1,076.25).
    if (symbol !== undefined || /^[A-Z]{3}$/.test(token)) {
      if (
        symbol !== undefined &&
        tokenStart > 0 &&
        /[\p{L}\p{N}]/u.test(text[tokenStart - 1]!) &&
        !/^[A-Z]/.test(token)
      )
        continue
      AMOUNT_AFTER.lastIndex = tokenEnd
      const after = AMOUNT_AFTER.exec(text)
      if (after) {
        let value = parseNumeral(after[2]!)
        const suffix = after[3]
        const scaleWord = after[4]
        if (suffix) value = multiply(value, powerOfTen(scaleOf(suffix)!.power))
        if (scaleWord) {
          const scale = scaleOf(scaleWord)
          if (!scale || scale.dual) continue
          value = multiply(value, powerOfTen(scale.power))
        }
        let amountEnd = tokenEnd + after[0].length
        // Accounting style: $(1,076.25) is a negative amount; the bracket must close.
        if (after[1] === '(') {
          if (text[amountEnd] !== ')') continue
          amountEnd += 1
          value = { digits: -value.digits, scale: value.scale }
        }
        if (/[0-9A-Za-z]/.test(text[amountEnd] ?? '')) continue
        const resolved = resolve(currency, tokenStart, context)
        mentions.push({
          start: tokenStart,
          end: amountEnd,
          normalized: `${formatDecimal(value)} ${resolved}`,
        })
        lastEnd = amountEnd
      }
    }
  }
  return addImpliedAmounts(text, addSharedAmounts(text, mentions))
}

// "بقيمة 20 مليون" (worth 20 million) with the currency written only in a nearby amount:
// after a word that means value or cost, a scaled number is money in that nearby currency.
const IMPLIED = new RegExp(
  fold(
    `(?<![\\p{L}])(?:[وفبل]{0,2})(?:قيمة|قيمته|قيمتها|مبلغ|كلفة|تكلفة|اعتمادات|ميزانية|worth|valued at|budget of|בסך|בשווי|בעלות)\\s+(?:(?:حوالي|نحو|قرابة|about|around|some)\\s+)?(${NUMERAL}\\s*${SCALE_WORD})(?![\\p{L}])`,
  ),
  'dgu',
)
const IMPLIED_REACH = 300

function addImpliedAmounts(text: string, mentions: FoldedMention[]): FoldedMention[] {
  if (mentions.length === 0) return mentions
  const added: FoldedMention[] = []
  for (const match of text.matchAll(IMPLIED)) {
    const [start, end] = match.indices![1]!
    if (mentions.some((mention) => mention.start < end && start < mention.end)) continue
    let nearest: FoldedMention | undefined
    for (const mention of mentions) {
      const distance = mention.start >= end ? mention.start - end : start - mention.end
      if (distance > IMPLIED_REACH) continue
      const best = nearest && (nearest.start >= end ? nearest.start - end : start - nearest.end)
      if (best === undefined || distance < best) nearest = mention
    }
    const value = nearest ? amountValue(match[1]!) : undefined
    if (!nearest || !value) continue
    const code = nearest.normalized.slice(nearest.normalized.indexOf(' ') + 1)
    added.push({ start, end, normalized: `${formatDecimal(value.value)} ${code}` })
  }
  return added.length === 0 ? mentions : [...mentions, ...added].sort((a, b) => a.start - b.start)
}

/** 14 أو 15 مليون يورو: the first amount takes the currency (and scale) of the second. */
function addSharedAmounts(text: string, mentions: FoldedMention[]): FoldedMention[] {
  const added: FoldedMention[] = []
  for (let i = 0; i < mentions.length; i += 1) {
    const mention = mentions[i]!
    const previousEnd = i > 0 ? mentions[i - 1]!.end : 0
    const windowStart = Math.max(previousEnd, mention.start - 40)
    const match = SHARED_BEFORE.exec(text.slice(windowStart, mention.start))
    if (!match?.indices) continue
    const code = mention.normalized.slice(mention.normalized.indexOf(' ') + 1)
    let value = parseNumeral(match[1]!)
    const ownScale = match[2] ? scaleOf(match[2]) : undefined
    if (ownScale) {
      if (ownScale.dual) continue
      value = multiply(value, powerOfTen(ownScale.power))
    } else {
      // Without its own scale, the first number takes the second's when it is the smaller of
      // the two before scaling: 14 أو 15 مليون is fourteen million.
      const second = SECOND_AMOUNT.exec(text.slice(mention.start, mention.end))
      const secondScale = second?.[2] ? scaleOf(second[2]) : undefined
      if (second && secondScale && compare(value, parseNumeral(second[1]!)) <= 0) {
        value = multiply(value, powerOfTen(secondScale.power))
      }
    }
    const [, last] = match.indices[2] ?? match.indices[1]!
    added.push({
      start: windowStart + match.index,
      end: windowStart + last,
      normalized: `${formatDecimal(value)} ${code}`,
    })
  }
  return [...mentions, ...added].sort((a, b) => a.start - b.start)
}

const SECOND_AMOUNT = new RegExp(`(${NUMERAL})(?:\\s*(${SCALE_WORD}))?`, 'u')

/** The currencies that amounts are written with, in Arabic, Hebrew and English: words (دولار،
 *  دينار، שקלים، euros), symbols ($ € £ ₪ ﷼), ISO 4217 codes, and the adjectives that settle a
 *  word several countries use (دينار كويتي، جنيه إسترليني، Canadian dollars). A word that stays
 *  ambiguous (دينار alone) belongs to a family, resolved by `resolveFamily` from the country
 *  cues of the text or, failing that, a documented default (docs/entities.md). */
import { alternation, fold } from './scan.js'

/** Currency words that several countries use; the code depends on the country. */
export type CurrencyFamily = 'dinar' | 'riyal' | 'dirham' | 'pound' | 'lira' | 'englishPound'

/** What a currency word stands for: a code, or a family to resolve. */
export interface Currency {
  readonly code?: string
  readonly family?: CurrencyFamily
  /** A subunit: the amount is worth `10^exponent` of the currency (agorot: -2). */
  readonly exponent?: number
}

const FAMILY_COUNTRIES: Record<CurrencyFamily, Record<string, string>> = {
  dinar: {
    TN: 'TND',
    JO: 'JOD',
    KW: 'KWD',
    IQ: 'IQD',
    BH: 'BHD',
    LY: 'LYD',
    DZ: 'DZD',
    RS: 'RSD',
    MK: 'MKD',
    PS: 'JOD',
  },
  riyal: { SA: 'SAR', QA: 'QAR', OM: 'OMR', YE: 'YER', IR: 'IRR' },
  dirham: { AE: 'AED', MA: 'MAD' },
  pound: { EG: 'EGP', SD: 'SDG', SS: 'SSP', GB: 'GBP', LB: 'LBP', SY: 'SYP' },
  lira: { LB: 'LBP', SY: 'SYP', TR: 'TRY' },
  englishPound: { GB: 'GBP', EG: 'EGP' },
}

/**
 * The code a family takes when the text names none of its countries. Dinar: the Jordanian
 * dinar, legal tender in Jordan and the West Bank, the dinar most often met beside Hebrew and
 * Arabic documents; riyal: Saudi; dirham: Emirati; جنيه: Egyptian; ليرة: Lebanese; English
 * "pounds": sterling.
 */
export const FAMILY_DEFAULTS: Record<CurrencyFamily, string> = {
  dinar: 'JOD',
  riyal: 'SAR',
  dirham: 'AED',
  pound: 'EGP',
  lira: 'LBP',
  englishPound: 'GBP',
}

/** The countries whose cue settles a family. */
export const FAMILY_CUE_COUNTRIES: Record<CurrencyFamily, ReadonlySet<string>> = {
  dinar: new Set(Object.keys(FAMILY_COUNTRIES.dinar)),
  riyal: new Set(Object.keys(FAMILY_COUNTRIES.riyal)),
  dirham: new Set(Object.keys(FAMILY_COUNTRIES.dirham)),
  pound: new Set(Object.keys(FAMILY_COUNTRIES.pound)),
  lira: new Set(Object.keys(FAMILY_COUNTRIES.lira)),
  englishPound: new Set(Object.keys(FAMILY_COUNTRIES.englishPound)),
}

/** The code of `family` in `country`, or the family's default. */
export function resolveFamily(family: CurrencyFamily, country: string | undefined): string {
  return (country && FAMILY_COUNTRIES[family][country]) || FAMILY_DEFAULTS[family]
}

const WORDS = new Map<string, Currency>()
function words(list: string, currency: Currency): void {
  for (const word of list.split('|')) {
    WORDS.set(fold(word), currency)
    // English words as they are capitalised in titles and tables.
    if (/^[a-z]/.test(word)) {
      WORDS.set(fold(word[0]!.toUpperCase() + word.slice(1)), currency)
      WORDS.set(fold(word.toUpperCase()), currency)
    }
  }
}
// Arabic: singular, accusative (دولارا), plural, dual; the article is left out on purpose:
// "ارتفع الدولار" names the currency, not an amount.
words('دولار|دولارا|دولارات|دولاران|دولارين', { code: 'USD' })
words('يورو|أورو|اورو', { code: 'EUR' })
words('دينار|دينارا|دنانير|دينارات|ديناران|دينارين', { family: 'dinar' })
words('ريال|ريالا|ريالات|ريالان|ريالين', { family: 'riyal' })
words('درهم|درهما|دراهم|درهمان|درهمين', { family: 'dirham' })
words('جنيه|جنيها|جنيهات|جنيهان|جنيهين', { family: 'pound' })
words('ليرة|ليرات|ليرتان|ليرتين', { family: 'lira' })
words('شيكل|شيكلا|شيكلات|شواكل|شيقل|شيقلا|شاقل|شاقلا', { code: 'ILS' })
words('ين', { code: 'JPY' })
words('يوان', { code: 'CNY' })
words('روبل', { code: 'RUB' })
words('فرنك سويسري', { code: 'CHF' })
// Maghreb and Gulf abbreviations written after the amount.
words('د.ت|د ت', { code: 'TND' })
words('د.ج', { code: 'DZD' })
words('د.ك', { code: 'KWD' })
words('د.ل', { code: 'LYD' })
words('ر.س', { code: 'SAR' })
words('ر.ق', { code: 'QAR' })
words('ج.م', { code: 'EGP' })
words('ل.ل', { code: 'LBP' })
// Subunits: 10 אגורות is 0.10 ILS, 500 مليم 0.5 TND, 50 cents 0.50 USD.
words("אגורה|אגורות|אג'", { code: 'ILS', exponent: -2 })
words('مليم|مليما|مليمات', { code: 'TND', exponent: -3 })
words('cent|cents', { code: 'USD', exponent: -2 })
words('euro cents|euro cent', { code: 'EUR', exponent: -2 })
// Hebrew
words('ש"ח|שקל|שקלים|שקלי|שקלים חדשים|ש"ח חדשים|שקל חדש', { code: 'ILS' })
words('דולר|דולרים|דולרי|דולר אמריקאי|דולרים אמריקאים', { code: 'USD' })
words('יורו|אירו', { code: 'EUR' })
words('לירות שטרלינג|לירה שטרלינג|ליש"ט|פאונד|פאונדים', { code: 'GBP' })
words('דינר|דינרים', { family: 'dinar' })
// English, with the adjectives that name the country before the word
words('dollar|dollars|US dollars|U.S. dollars|American dollars|US dollar|U.S. dollar', {
  code: 'USD',
})
words('Canadian dollars|Canadian dollar', { code: 'CAD' })
words('Australian dollars|Australian dollar', { code: 'AUD' })
words('Hong Kong dollars|Hong Kong dollar', { code: 'HKD' })
words('Singapore dollars|Singapore dollar', { code: 'SGD' })
words('New Zealand dollars|New Zealand dollar', { code: 'NZD' })
words('euro|euros', { code: 'EUR' })
words('pounds sterling|pound sterling|sterling|British pounds|British pound', { code: 'GBP' })
words('Egyptian pounds|Egyptian pound', { code: 'EGP' })
words('pounds|pound', { family: 'englishPound' })
words('shekel|shekels|sheqel|sheqalim|new shekels|new Israeli shekels|Israeli shekels', {
  code: 'ILS',
})
words('dinar|dinars', { family: 'dinar' })
words('Jordanian dinars|Jordanian dinar', { code: 'JOD' })
words('Kuwaiti dinars|Kuwaiti dinar', { code: 'KWD' })
words('Tunisian dinars|Tunisian dinar', { code: 'TND' })
words('Iraqi dinars|Iraqi dinar', { code: 'IQD' })
words('Bahraini dinars|Bahraini dinar', { code: 'BHD' })
words('riyal|riyals|rial|rials', { family: 'riyal' })
words('Saudi riyals|Saudi riyal', { code: 'SAR' })
words('Qatari riyals|Qatari riyal', { code: 'QAR' })
words('dirham|dirhams', { family: 'dirham' })
words('yen', { code: 'JPY' })
words('yuan|renminbi', { code: 'CNY' })
words('rupee|rupees', { code: 'INR' })
words('rouble|roubles|ruble|rubles', { code: 'RUB' })
words('Swiss francs|Swiss franc', { code: 'CHF' })
words('lira|liras|lire', { family: 'lira' })

/** ISO 4217 codes worth recognising, written in capitals before or after the amount. */
const CODES = [
  'USD',
  'EUR',
  'GBP',
  'ILS',
  'JPY',
  'CNY',
  'CHF',
  'CAD',
  'AUD',
  'NZD',
  'HKD',
  'SGD',
  'SAR',
  'AED',
  'EGP',
  'JOD',
  'TND',
  'KWD',
  'IQD',
  'BHD',
  'QAR',
  'OMR',
  'LBP',
  'SYP',
  'MAD',
  'DZD',
  'LYD',
  'YER',
  'SDG',
  'TRY',
  'RUB',
  'INR',
  'IRR',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'BRL',
  'MXN',
  'ZAR',
]
for (const code of CODES) WORDS.set(code, { code })
WORDS.set('NIS', { code: 'ILS' })

const SYMBOLS = new Map<string, Currency>([
  ['$', { code: 'USD' }],
  ['US$', { code: 'USD' }],
  ['U.S.$', { code: 'USD' }],
  ['C$', { code: 'CAD' }],
  ['CA$', { code: 'CAD' }],
  ['A$', { code: 'AUD' }],
  ['AU$', { code: 'AUD' }],
  ['HK$', { code: 'HKD' }],
  ['NZ$', { code: 'NZD' }],
  ['S$', { code: 'SGD' }],
  ['€', { code: 'EUR' }],
  ['£', { code: 'GBP' }],
  ['₪', { code: 'ILS' }],
  ['﷼', { family: 'riyal' }],
  ['¥', { code: 'JPY' }],
  ['₹', { code: 'INR' }],
  ['₽', { code: 'RUB' }],
  ['₺', { code: 'TRY' }],
])

/** Currency words and codes (folded), as a regular-expression alternation. */
export const CURRENCY_WORD = `(?:${alternation(WORDS.keys())})`
/** Currency symbols, as a regular-expression alternation. */
export const CURRENCY_SYMBOL = `(?:${alternation(SYMBOLS.keys())})`

/** What a matched currency word, code or symbol stands for. */
export function currencyOf(token: string): Currency | undefined {
  const compact = token.replace(/\s+/g, ' ')
  return WORDS.get(compact) ?? SYMBOLS.get(compact)
}

// Adjectives after an Arabic currency word that name its country: دينار كويتي، جنيها استرلينيا،
// ليرة لبنانية، دولار أمريكي. They take the article and the feminine and accusative endings.
const QUALIFIERS: Record<string, string> = {
  أمريكي: 'USD',
  أميركي: 'USD',
  كندي: 'CAD',
  أسترالي: 'AUD',
  استرالي: 'AUD',
  سنغافوري: 'SGD',
  تونسي: 'TND',
  أردني: 'JOD',
  كويتي: 'KWD',
  عراقي: 'IQD',
  بحريني: 'BHD',
  ليبي: 'LYD',
  جزائري: 'DZD',
  سعودي: 'SAR',
  قطري: 'QAR',
  عماني: 'OMR',
  يمني: 'YER',
  إيراني: 'IRR',
  إماراتي: 'AED',
  مغربي: 'MAD',
  مصري: 'EGP',
  سوداني: 'SDG',
  استرليني: 'GBP',
  إسترليني: 'GBP',
  لبناني: 'LBP',
  سوري: 'SYP',
  تركي: 'TRY',
  ירדני: 'JOD',
  אמריקאי: 'USD',
}
const FOLDED_QUALIFIERS = new Map(
  Object.entries(QUALIFIERS).map(([word, code]) => [fold(word), code]),
)

/** Qualifier adjectives (folded stems) as an alternation; the caller adds article and endings. */
export const QUALIFIER_STEM = `(?:${alternation(Object.keys(QUALIFIERS))})`

/** The code a (folded) qualifier stem names. */
export function qualifierCode(stem: string): string | undefined {
  return FOLDED_QUALIFIERS.get(stem)
}

/** Finds the entities that have a fixed shape and can be checked: e-mail addresses and links
 *  (linkify-it), IBANs (ibantools checksum; spaces and Eastern digits allowed), phone numbers
 *  (libphonenumber-js, leniency VALID, with a country inferred from the text), and identifiers
 *  with a check digit or a registry format: SWIFT/BIC, Israeli identity and company numbers,
 *  UK VAT numbers, LEIs and payment-card numbers. Identifiers and national phone numbers also
 *  need a cue word nearby (ת.ז.، SWIFT, هاتف, fax): a nine-digit number alone proves nothing.
 *  Dates and amounts are found first and masked, so "2019-07-04" is never a phone number. */
import { isValidBIC, isValidIBAN } from 'ibantools'
import {
  findPhoneNumbersInText,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js'
import LinkifyIt from 'linkify-it'
import { countriesByFrequency } from './country-cues.js'
import { rawSpan } from './fold-text.js'
import { fold } from './scan.js'
import type { TextContext } from './text-context.js'

/** A pattern entity in folded offsets. */
export interface PatternMention {
  readonly type: 'email' | 'url' | 'phone' | 'iban' | 'identifier'
  readonly start: number
  readonly end: number
  readonly normalized: string
}

const linkify = new LinkifyIt({}, { fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false })
// Generic top-level domains beyond linkify-it's short default list (which has every
// two-letter country domain): links without a scheme under these are common in mail.
linkify.tlds(
  [
    'top',
    'xyz',
    'online',
    'site',
    'app',
    'dev',
    'info',
    'club',
    'live',
    'news',
    'tech',
    'store',
    'cloud',
    'email',
    'agency',
    'media',
    'group',
    'global',
    'int',
    'mil',
  ],
  true,
)

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g
const SCHEME_AND_HOST = /^([a-z][a-z\d+.-]*:\/\/)?([^/?#]*)(.*)$/is

/**
 * A link as one entity across documents: scheme and host in lower case, "http://" when no
 * scheme was written, no bare trailing slash.
 * @example normalizeUrl('WWW.Example.com/') // 'http://www.example.com'
 */
export function normalizeUrl(url: string): string {
  const match = SCHEME_AND_HOST.exec(url.replace(INVISIBLE, ''))
  if (!match) return url
  const scheme = (match[1] ?? 'http://').toLowerCase()
  const host = match[2]!.toLowerCase()
  const rest = match[3] === '/' ? '' : match[3]!
  return scheme + host + rest
}

// E-mail addresses: linkify-it misses some inside CSV rows ("#62,Mapleton,…,mbewley@yahoo.com"),
// so they have their own pattern; the domain must end in a real top-level domain.
const EMAIL =
  /(?<![\w.%+'-])[A-Za-z0-9][\w.%+'-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,24})(?![\w-])/g
const GENERIC_TLDS = new Set(
  'com org net edu gov mil int info biz name pro aero coop museum top xyz online site app dev club live news tech store cloud email agency media group global shop web asia mobi tel travel jobs cat'.split(
    ' ',
  ),
)

function findLinks(context: TextContext, out: PatternMention[]): void {
  const { folded } = context
  for (const match of folded.text.matchAll(EMAIL)) {
    const tld = match[1]!.toLowerCase()
    if (tld.length !== 2 && !GENERIC_TLDS.has(tld)) continue
    let end = match.index + match[0].length
    // A sentence's full stop is not part of the address.
    while (folded.text[end - 1] === '.') end -= 1
    const [rawStart, rawEnd] = rawSpan(folded, match.index, end)
    const surface = folded.raw.slice(rawStart, rawEnd).replace(INVISIBLE, '')
    out.push({ type: 'email', start: match.index, end, normalized: surface.toLowerCase() })
  }
  for (const match of linkify.match(folded.text) ?? []) {
    if (match.schema === 'mailto:' || match.url.startsWith('mailto:')) continue
    const [rawStart, rawEnd] = rawSpan(folded, match.index, match.lastIndex)
    const surface = folded.raw.slice(rawStart, rawEnd).replace(INVISIBLE, '')
    out.push({
      type: 'url',
      start: match.index,
      end: match.lastIndex,
      normalized: normalizeUrl(surface),
    })
  }
}

// IBAN: two letters, two check digits, then up to 30 letters and digits, in groups of any size
// separated by single spaces (as printed) or written solid.
const IBAN_START = /(?<![A-Za-z\d])[A-Z]{2}\d{2}(?=[ ]?[A-Z\d])/g

function findIbans(text: string, out: PatternMention[]): void {
  for (const match of text.matchAll(IBAN_START)) {
    const start = match.index
    // Collect the candidate ends: after each character, where a group may stop.
    const ends: number[] = []
    let compact = match[0]
    let i = start + match[0].length
    const compacts: string[] = []
    while (i < text.length && compact.length < 34) {
      if (
        text[i] === ' ' &&
        /[A-Z\d]/.test(text[i + 1] ?? '') &&
        /[A-Z\d]/.test(text[i - 1] ?? '')
      ) {
        i += 1
        continue
      }
      if (!/[A-Z\d]/.test(text[i]!)) break
      compact += text[i]
      i += 1
      if (!/[A-Za-z\d]/.test(text[i] ?? '')) {
        ends.push(i)
        compacts.push(compact)
      }
    }
    for (let k = ends.length - 1; k >= 0; k -= 1) {
      const candidate = compacts[k]!
      if (candidate.length >= 15 && isValidIBAN(candidate)) {
        out.push({ type: 'iban', start, end: ends[k]!, normalized: candidate })
        break
      }
    }
  }
}

function cueBefore(text: string, start: number, cue: RegExp, distance: number): boolean {
  cue.lastIndex = 0
  return cue.test(text.slice(Math.max(0, start - distance), start))
}

const BIC = /(?<![A-Za-z\d])([A-Z]{6}[A-Z\d]{2}(?:[A-Z\d]{3})?)(?![A-Za-z\d])/g
const BIC_CUE = new RegExp(fold('SWIFT|BIC|Swift|swift|سويفت|السويفت|סוויפט'), 'u')

function israeliCheckDigitOk(digits: string): boolean {
  const padded = digits.padStart(9, '0')
  let total = 0
  for (let i = 0; i < 9; i += 1) {
    let value = Number(padded[i]) * (i % 2 === 0 ? 1 : 2)
    if (value > 9) value -= 9
    total += value
  }
  return total % 10 === 0
}

function luhnOk(digits: string): boolean {
  let total = 0
  for (let i = 0; i < digits.length; i += 1) {
    let value = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      value *= 2
      if (value > 9) value -= 9
    }
    total += value
  }
  return total % 10 === 0
}

function ukVatOk(digits: string): boolean {
  const weights = [8, 7, 6, 5, 4, 3, 2]
  let total = 0
  for (let i = 0; i < 7; i += 1) total += Number(digits[i]) * weights[i]!
  const check = Number(digits.slice(7, 9))
  return (total + check) % 97 === 0 || (total + check + 55) % 97 === 0
}

function mod97(text: string): number {
  let remainder = 0
  for (const char of text) {
    const value = Number.parseInt(char, 36)
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97
  }
  return remainder
}

const ISRAELI_ID = /(?<![\d-])(\d{8}-\d|\d{5,9})(?![\d-])/g
const ISRAELI_ID_CUE = new RegExp(
  fold(
    'ת\\.ז|ת"ז|תעודת זהות|מספר זהות|מס\' זהות|Israeli ID|ID No|ID number|رقم الهوية|بطاقة الهوية',
  ),
  'u',
)
const ISRAELI_COMPANY = /(?<![\d-])(\d{2}-?\d{6}-?\d)(?![\d-])/g
const ISRAELI_COMPANY_CUE = new RegExp(
  fold('ח\\.פ|ח"פ|ע\\.ר|ע"ר|מספר חברה|company (?:no|number|reg)|Company (?:No|Number|Reg)'),
  'u',
)
const ISRAELI_VAT_CUE = new RegExp(fold('ע\\.מ|ע"מ|עוסק מורשה'), 'u')
const UK_VAT = /(?<![A-Za-z\d])GB\s?(\d{3})\s?(\d{4})\s?(\d{2})(?!\d)/g
const CARD = /(?<![\d-])(\d{4}([ -]?)\d{4}\2\d{4}\2\d{4}|3[47]\d{2}([ -]?)\d{6}\3\d{5})(?![\d-])/g
const CARD_CUE = new RegExp(
  fold(
    'card|Card|CARD|credit|debit|Visa|VISA|MasterCard|Mastercard|Amex|American Express|بطاقة|البطاقة|כרטיס|אשראי',
  ),
  'u',
)
const LEI = /(?<![A-Za-z\d])([A-Z\d]{18}\d{2})(?![A-Za-z\d])/g

function cardIssuerOk(digits: string): boolean {
  if (digits.length === 15) return /^3[47]/.test(digits)
  return /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|6(?:011|5))/.test(digits)
}

function findIdentifiers(text: string, out: PatternMention[]): void {
  for (const match of text.matchAll(BIC)) {
    const code = match[1]!
    if (!isValidBIC(code) || !cueBefore(text, match.index, BIC_CUE, 40)) continue
    const normalized = code.length === 11 && code.endsWith('XXX') ? code.slice(0, 8) : code
    out.push({
      type: 'identifier',
      start: match.index,
      end: match.index + code.length,
      normalized: `bic:${normalized}`,
    })
  }
  for (const match of text.matchAll(ISRAELI_COMPANY)) {
    const digits = match[1]!.replace(/-/g, '')
    if (!israeliCheckDigitOk(digits)) continue
    if (cueBefore(text, match.index, ISRAELI_COMPANY_CUE, 25)) {
      out.push({
        type: 'identifier',
        start: match.index,
        end: match.index + match[0].length,
        normalized: `il-company:${digits}`,
      })
    } else if (cueBefore(text, match.index, ISRAELI_VAT_CUE, 25)) {
      out.push({
        type: 'identifier',
        start: match.index,
        end: match.index + match[0].length,
        normalized: `il-vat:${digits}`,
      })
    }
  }
  for (const match of text.matchAll(ISRAELI_ID)) {
    const digits = match[1]!.replace(/-/g, '')
    if (!israeliCheckDigitOk(digits) || !cueBefore(text, match.index, ISRAELI_ID_CUE, 25)) continue
    out.push({
      type: 'identifier',
      start: match.index,
      end: match.index + match[0].length,
      normalized: `il-id:${digits.padStart(9, '0')}`,
    })
  }
  for (const match of text.matchAll(UK_VAT)) {
    const digits = match[1]! + match[2]! + match[3]!
    if (!ukVatOk(digits)) continue
    out.push({
      type: 'identifier',
      start: match.index,
      end: match.index + match[0].length,
      normalized: `gb-vat:${digits}`,
    })
  }
  for (const match of text.matchAll(CARD)) {
    const digits = match[1]!.replace(/[ -]/g, '')
    if (!cardIssuerOk(digits) || !luhnOk(digits) || !cueBefore(text, match.index, CARD_CUE, 40))
      continue
    out.push({
      type: 'identifier',
      start: match.index,
      end: match.index + match[0].length,
      normalized: `card:${digits}`,
    })
  }
  for (const match of text.matchAll(LEI)) {
    const code = match[1]!
    if (!/[A-Z]/.test(code) || mod97(code) !== 1 || !cueBefore(text, match.index, /LEI/, 20))
      continue
    out.push({
      type: 'identifier',
      start: match.index,
      end: match.index + code.length,
      normalized: `lei:${code}`,
    })
  }
}

const ARAB_COUNTRIES: CountryCode[] = [
  'SA',
  'AE',
  'EG',
  'JO',
  'LB',
  'IQ',
  'TN',
  'MA',
  'KW',
  'QA',
  'BH',
  'OM',
  'PS',
  'SY',
  'DZ',
  'LY',
  'YE',
  'SD',
]
const PHONE_CUE = new RegExp(
  fold(
    "هاتف|الهاتف|بالهاتف|جوال|الجوال|موبايل|محمول|المحمول|بالمحمول|فاكس|الفاكس|تلفون|اتصل|واتساب|tel|Tel|TEL|phone|Phone|PHONE|fax|Fax|FAX|mobile|Mobile|cell|Cell|call|Call|טלפון|טל'|נייד|פקס|פלאפון|ווטסאפ",
  ),
  'u',
)
// A phone number as written in a country: a trunk 0 and groups (03-6123456, 02 2345 6789,
// 050-123-4567, (02) 1234 5678), or the North American (605) 574-3184.
const NATIONAL =
  /(?<![\d+\w])(\(?0\d{1,4}\)?(?:[ .-]?\d{1,5}){1,4}|\(\d{3}\) ?\d{3}-\d{4})(?![\d\w])/g

// A plus sign and at least seven digits (with separators): worth asking libphonenumber-js.
const PLUS = /\+(?=\s?\(?\d(?:[\s().-]?\d){6})/g

function phoneCountries(context: TextContext): CountryCode[] {
  const countries: string[] = [
    ...countriesByFrequency(context.countryCues()),
    ...context.documentCountries,
  ]
  const hebrew = /[\u05D0-\u05EA]/.test(context.text)
  const arabic = /[\u0621-\u064A]/.test(context.text)
  if (context.lang === 'he' || (context.lang === null && hebrew && !arabic)) countries.push('IL')
  if (context.lang === 'ar' || (context.lang === null && arabic)) countries.push(...ARAB_COUNTRIES)
  if (context.lang === 'he' || hebrew) countries.push('IL')
  return [...new Set(countries)].filter((country) => country.length === 2) as CountryCode[]
}

function findPhones(context: TextContext, masked: string, out: PatternMention[]): void {
  const taken: [number, number][] = []
  // International numbers (+972…): libphonenumber-js reads windows around each plus sign only,
  // not the whole text (it is the slow part on long documents).
  let lastEnd = 0
  for (const plus of masked.matchAll(PLUS)) {
    const from = plus.index
    if (from < lastEnd) continue
    const window = masked.slice(from, from + 40)
    for (const found of findPhoneNumbersInText(window)) {
      out.push({
        type: 'phone',
        start: from + found.startsAt,
        end: from + found.endsAt,
        normalized: found.number.number,
      })
      taken.push([from + found.startsAt, from + found.endsAt])
      lastEnd = from + found.endsAt
    }
  }
  const countries = phoneCountries(context)
  for (const match of masked.matchAll(NATIONAL)) {
    const start = match.index
    const end = start + match[0].length
    if (taken.some(([a, b]) => a < end && start < b)) continue
    const written = match[0]
    const digits = written.replace(/\D/g, '')
    if (digits.length < 7 || digits.length > 12) continue
    const northAmerican = /^\(\d{3}\) ?\d{3}-\d{4}$/.test(written)
    const separators = (written.match(/[ .()-]+/g) ?? []).length
    const cued =
      PHONE_CUE.test(masked.slice(Math.max(0, start - 30), start)) ||
      PHONE_CUE.test(masked.slice(end, end + 12))
    if (!cued && !northAmerican && separators < 2) continue
    const tryCountries: CountryCode[] = northAmerican ? ['US', 'CA', ...countries] : countries
    for (const country of tryCountries) {
      const number = parsePhoneNumberFromString(written, country)
      if (number?.isValid() && (!northAmerican || number.countryCallingCode === '1' || cued)) {
        out.push({ type: 'phone', start, end, normalized: number.number })
        break
      }
    }
  }
}

/**
 * The pattern entities of a text, in folded offsets. `masked` lists the spans (dates, amounts)
 * that phone numbers must not be read from.
 */
export function findPatterns(
  context: TextContext,
  masked: readonly { start: number; end: number }[],
): PatternMention[] {
  const out: PatternMention[] = []
  const text = context.text
  findLinks(context, out)
  findIbans(text, out)
  findIdentifiers(text, out)
  // Phone numbers are read from a copy with the other entities blanked out (same length).
  const blank = [...masked, ...out].sort((a, b) => a.start - b.start)
  const pieces: string[] = []
  let at = 0
  for (const span of blank) {
    if (span.end <= at) continue
    const start = Math.max(at, span.start)
    pieces.push(text.slice(at, start), '~'.repeat(span.end - start))
    at = span.end
  }
  pieces.push(text.slice(at))
  const copy = pieces.join('')
  findPhones(context, copy, out)
  return out
}

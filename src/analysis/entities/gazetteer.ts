/** Finds place names in folded text: countries in Arabic, Hebrew and English from
 *  i18n-iso-countries (a maintained package; all its aliases), the common short forms it lacks,
 *  and the regions and cities of `places-data.ts`. A name may carry an Arabic or Hebrew
 *  proclitic (بتونس، לישראל، للجزائر، בגולן), which the mention leaves out. English names
 *  match with their capitals (or in capitals: LEIPZIG). Which of them count as mentions, and
 *  how they are normalised, is `names.ts`; the country cues for currencies and phone numbers
 *  are `country-cues.ts`. */
import countries from 'i18n-iso-countries'
import { COUNTRY_ALIASES, PLACES, type PlaceRow } from './places-data.js'
import { fold, isArabicLetterAt, isHebrewLetterAt, isLetterAt } from './scan.js'

/** A place name found in folded text. */
export interface PlaceHit {
  /** Folded offsets of the name, proclitics excluded. */
  readonly start: number
  readonly end: number
  /** ISO 3166-1 alpha-2 of the country (the country itself, or where the city lies); '' if
   *  none; several joined by '|' when one spelling names places in two countries. */
  readonly country: string
  readonly kind: 'country' | 'place'
}

interface Entry {
  readonly tokens: readonly string[]
  readonly country: string
  readonly kind: 'country' | 'place'
}

/** A word of folded text: letters, with a quote or apostrophe inside (צה"ל، ארה"ב، d'Ivoire). */
export interface Token {
  readonly start: number
  readonly end: number
  readonly text: string
}

/** The letter words of a folded text, in order. */
export function letterTokens(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = []
  let i = from
  while (i < to) {
    if (!isLetterAt(text, i)) {
      i += 1
      continue
    }
    const start = i
    while (i < to) {
      if (isLetterAt(text, i)) i += 1
      else if (
        (text[i] === '"' || text[i] === "'") &&
        isLetterAt(text, i + 1) &&
        isLetterAt(text, i - 1)
      )
        i += 1
      else break
    }
    tokens.push({ start, end: i, text: text.slice(start, i) })
  }
  return tokens
}

const BY_FIRST_TOKEN = new Map<string, Entry[]>()
const DOTTED: { pattern: string; country: string }[] = []

// Country names that are also common words: مالي is "financial", بنين "sons", سورية also the
// adjective "Syrian"; פרו "pro". The other spellings (سوريا) still match.
const COMMON_WORDS = new Set(['مالي', 'بنين', 'سورية', 'פרו'])

function addName(name: string, country: string, kind: 'country' | 'place'): void {
  const cleaned = name.trim()
  if (cleaned === '' || /[,()]/.test(cleaned) || COMMON_WORDS.has(cleaned)) return
  const folded = fold(cleaned)
  if (/\./.test(folded)) {
    DOTTED.push({ pattern: folded, country })
    return
  }
  const tokens = letterTokens(folded).map((token) => token.text)
  if (tokens.length === 0) return
  // Two-letter English aliases other than the well-known ones (US, UK) are too ambiguous.
  if (tokens.length === 1 && tokens[0]!.length <= 2 && !['US', 'UK', 'EU'].includes(tokens[0]!))
    return
  const list = BY_FIRST_TOKEN.get(tokens[0]!) ?? []
  const index = list.findIndex((entry) => entry.tokens.join(' ') === tokens.join(' '))
  if (index < 0) {
    list.push({ tokens, country, kind })
    BY_FIRST_TOKEN.set(tokens[0]!, list)
  } else {
    // One spelling, two places (عمان is Oman and, without its shadda, Amman): keep both
    // countries; a country name stays a country.
    const entry = list[index]!
    const countries = new Set([...entry.country.split('|'), country].filter((c) => c !== ''))
    list[index] = {
      tokens,
      country: [...countries].join('|'),
      kind: entry.kind === 'country' ? 'country' : kind,
    }
  }
}

for (const language of ['ar', 'he', 'en']) {
  const names = countries.getNames(language, { select: 'all' })
  for (const [code, aliases] of Object.entries(names)) {
    for (const alias of aliases) addName(alias, code, 'country')
  }
}
function addRows(rows: readonly PlaceRow[], kind: 'country' | 'place'): void {
  for (const [country, en, ar, he] of rows) {
    for (const field of [en, ar, he]) {
      for (const name of field.split('|')) addName(name, country, kind)
    }
  }
}
addRows(COUNTRY_ALIASES, 'country')
addRows(PLACES, 'place')

const DOTTED_PATTERN = new RegExp(
  `(?<![\\p{L}.])(?:${DOTTED.map((entry) => entry.pattern.replace(/\./g, '\\.'))
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
  'gu',
)
const DOTTED_COUNTRY = new Map(DOTTED.map((entry) => [entry.pattern, entry.country]))

const ARABIC_PREFIXES = ['وب', 'ول', 'فب', 'فل', 'وك', 'و', 'ف', 'ب', 'ل', 'ك']
const HEBREW_PREFIXES = [
  'וכש',
  'ושב',
  'ומה',
  'וב',
  'ול',
  'ומ',
  'וה',
  'וש',
  'שב',
  'של',
  'מה',
  'ו',
  'ה',
  'ב',
  'ל',
  'מ',
  'ש',
  'כ',
]

/** The forms a token may take once a proclitic is set aside, with the offset the name starts at. */
export function candidateForms(token: Token, text: string): { form: string; start: number }[] {
  const forms = [{ form: token.text, start: token.start }]
  const word = token.text
  if (isArabicLetterAt(text, token.start)) {
    for (const prefix of ARABIC_PREFIXES) {
      if (!word.startsWith(prefix) || word.length - prefix.length < 2) continue
      const rest = word.slice(prefix.length)
      forms.push({ form: rest, start: token.start + prefix.length })
      // ل + ال contracts to لل: للجزائر is "to Algeria"; the name is cited from the second lam.
      if (prefix.endsWith('ل') && rest.startsWith('ل')) {
        forms.push({ form: `ا${rest}`, start: token.start + prefix.length })
      }
    }
  } else if (isHebrewLetterAt(text, token.start)) {
    for (const prefix of HEBREW_PREFIXES) {
      if (!word.startsWith(prefix) || word.length - prefix.length < 2) continue
      const rest = word.slice(prefix.length)
      forms.push({ form: rest, start: token.start + prefix.length })
      // ב/ל/כ swallow the article: בגולן is "in the Golan".
      if (/[בלכ]$/.test(prefix))
        forms.push({ form: `ה${rest}`, start: token.start + prefix.length })
    }
  } else if (word.length >= 3 && word === word.toUpperCase() && word !== word.toLowerCase()) {
    // LEIPZIG, GERMANY: datelines and headings write names in capitals.
    forms.push({ form: word[0] + word.slice(1).toLowerCase(), start: token.start })
  }
  return forms
}

function sameWord(textWord: string, entryWord: string): boolean {
  if (textWord === entryWord) return true
  return (
    textWord.length >= 3 &&
    textWord === textWord.toUpperCase() &&
    textWord.toLowerCase() === entryWord.toLowerCase()
  )
}

const NAMED_AFTER = new Set(
  [
    'نهج',
    'شارع',
    'ساحة',
    'طريق',
    'وادي',
    'جبل',
    'عين',
    'بئر',
    'سيدي',
    'حي',
    'רחוב',
    'שדרות',
    'כיכר',
    'נחל',
    'Street',
    'Avenue',
    'Road',
  ].map(fold),
)

// Between two words of one name: spaces or a hyphen (תל-אביב، בקעת-הירדן), nothing else.
const NAME_GAP = /^[\s\-–]+$/

/**
 * The place names in folded `text` (longest match at each word; hits do not overlap).
 * @example findPlaces(foldText('وصل إلى بتونس').text) // [{ start: 10, end: 14, country: 'TN', … }]
 */
export function findPlaces(text: string): PlaceHit[] {
  const hits: PlaceHit[] = []
  const tokens = letterTokens(text)
  let k = 0
  while (k < tokens.length) {
    const token = tokens[k]!
    let best: { start: number; end: number; next: number; entry: Entry } | undefined
    for (const candidate of candidateForms(token, text)) {
      for (const entry of BY_FIRST_TOKEN.get(candidate.form) ?? []) {
        let ok = true
        for (let j = 1; j < entry.tokens.length; j += 1) {
          const next = tokens[k + j]
          const previous = tokens[k + j - 1]!
          if (
            !next ||
            !NAME_GAP.test(text.slice(previous.end, next.start)) ||
            !sameWord(next.text, entry.tokens[j]!)
          ) {
            ok = false
            break
          }
        }
        if (!ok) continue
        const end = tokens[k + entry.tokens.length - 1]!.end
        if (!best || end - candidate.start > best.end - best.start) {
          best = { start: candidate.start, end, next: k + entry.tokens.length, entry }
        }
      }
    }
    // نهج الجزائر، شارع بيروت، وادي الزرقاء، Beirut Street: a street, a valley or a well named
    // after a place is another place.
    const previous = tokens[k - 1]
    if (
      best &&
      previous &&
      best.start === token.start &&
      NAMED_AFTER.has(previous.text) &&
      /^\s+$/.test(text.slice(previous.end, token.start))
    ) {
      k = best.next
      continue
    }
    if (best) {
      hits.push({
        start: best.start,
        end: best.end,
        country: best.entry.country,
        kind: best.entry.kind,
      })
      k = best.next
    } else {
      k += 1
    }
  }
  if (DOTTED.length > 0) {
    for (const match of text.matchAll(DOTTED_PATTERN)) {
      const start = match.index
      const end = start + match[0].length
      if (hits.some((hit) => hit.start < end && start < hit.end)) continue
      hits.push({ start, end, country: DOTTED_COUNTRY.get(match[0]) ?? '', kind: 'country' })
    }
    hits.sort((a, b) => a.start - b.start)
  }
  return hits
}

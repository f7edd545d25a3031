/** Which countries a text is about, and where it says so: place names (`gazetteer.ts`),
 *  nationality adjectives (التونسية، أردني، Kuwaiti, ישראלי) and country-code domains in e-mail
 *  addresses and links (.tn, .co.il). A currency word that several countries use (دينار، ريال،
 *  درهم، جنيه، ليرة) takes the country of the nearest cue, and a phone number written without
 *  its country code is tried with the countries the text names first. */
import { findPlaces, type PlaceHit } from './gazetteer.js'
import { alternation, fold, isWordEnd, isWordStart } from './scan.js'

/** A place in folded text where the text names or implies a country. */
export interface CountryCue {
  readonly position: number
  readonly country: string
  /** 2 for a place name (where things happen), 1 for an adjective or a web domain. */
  readonly weight: number
}

// Nationality adjectives by country: the stem, which takes the article, the feminine and the
// plural endings (التونسية، تونسيين، التونسي).
const ARABIC_DEMONYMS: Record<string, string> = {
  TN: 'تونسي',
  JO: 'أردني',
  KW: 'كويتي',
  IQ: 'عراقي',
  BH: 'بحريني',
  LY: 'ليبي',
  DZ: 'جزائري',
  SA: 'سعودي',
  QA: 'قطري',
  OM: 'عماني',
  YE: 'يمني',
  AE: 'إماراتي',
  MA: 'مغربي',
  EG: 'مصري',
  SD: 'سوداني',
  LB: 'لبناني',
  SY: 'سوري',
  TR: 'تركي',
  GB: 'بريطاني',
  IL: 'إسرائيلي',
  PS: 'فلسطيني',
  US: 'أمريكي',
}
const ENGLISH_DEMONYMS: Record<string, string> = {
  TN: 'Tunisian',
  JO: 'Jordanian',
  KW: 'Kuwaiti',
  IQ: 'Iraqi',
  BH: 'Bahraini',
  LY: 'Libyan',
  DZ: 'Algerian',
  SA: 'Saudi',
  QA: 'Qatari',
  OM: 'Omani',
  YE: 'Yemeni',
  AE: 'Emirati',
  MA: 'Moroccan',
  EG: 'Egyptian',
  SD: 'Sudanese',
  LB: 'Lebanese',
  SY: 'Syrian',
  TR: 'Turkish',
  GB: 'British',
  IL: 'Israeli',
  PS: 'Palestinian',
}
const HEBREW_DEMONYMS: Record<string, string> = {
  IL: 'ישראלי',
  JO: 'ירדני',
  EG: 'מצרי',
  LB: 'לבנוני',
  SY: 'סורי',
  PS: 'פלסטיני',
  SA: 'סעודי',
  TR: 'טורקי',
  GB: 'בריטי',
}

interface DemonymPattern {
  readonly pattern: RegExp
  readonly countries: Map<string, string>
}

function demonymPattern(
  stems: Record<string, string>,
  prefix: string,
  suffix: string,
): DemonymPattern {
  const countries = new Map<string, string>()
  for (const [country, stem] of Object.entries(stems)) countries.set(fold(stem), country)
  const words = alternation(Object.values(stems))
  return { pattern: new RegExp(`${prefix}(${words})${suffix}`, 'gu'), countries }
}

const DEMONYMS = [
  demonymPattern(ARABIC_DEMONYMS, '(?:ال)?', '(?:ه|ين|ون|ان|ا)?'),
  demonymPattern(ENGLISH_DEMONYMS, '', 's?'),
  demonymPattern(HEBREW_DEMONYMS, '(?:ה)?', '(?:ת|ימ|יות)?'),
]

// A country-code top-level domain at the end of a host name: info@fontys.nl, didio.com.au.
const CCTLD = /[\w-]\.([a-z]{2})(?![\w.-]*[\w-]@)(?![a-z\d-])/g
const NOT_COUNTRIES = new Set([
  'co',
  'io',
  'tv',
  'me',
  'ai',
  'fm',
  'ly',
  'to',
  'cc',
  'ws',
  'su',
  'eu',
])

/**
 * The country cues of a folded text, in order of position.
 * @example findCountryCues(foldText('بولاية صفاقس').text) // [{ position: 6, country: 'TN' }]
 */
export function findCountryCues(text: string, places: PlaceHit[] = findPlaces(text)): CountryCue[] {
  const cues: CountryCue[] = []
  for (const place of places) {
    // A name two countries share (عمان: Oman, or Amman in Jordan) is a cue for both.
    for (const country of place.country.split('|')) {
      if (country !== '') cues.push({ position: place.start, country, weight: 2 })
    }
  }
  for (const { pattern, countries } of DEMONYMS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index
      if (!isWordStart(text, start) || !isWordEnd(text, start + match[0].length)) continue
      const country = countries.get(match[1]!)
      if (country) cues.push({ position: start, country, weight: 1 })
    }
  }
  for (const match of text.matchAll(CCTLD)) {
    const code = match[1]!
    if (NOT_COUNTRIES.has(code)) continue
    cues.push({
      position: match.index,
      country: code === 'uk' ? 'GB' : code.toUpperCase(),
      weight: 1,
    })
  }
  return cues.sort((a, b) => a.position - b.position)
}

/**
 * The country that settles an ambiguous currency at `position`: among the cues of `allowed`
 * countries, the one with the most weight (a place counts twice, an adjective once); at equal
 * weight, the nearest. `documentCountry`, the country of that family that the whole document
 * names most, weighs as one place name. A news item from Sousse that mentions a Libyan car
 * keeps its dinars Tunisian.
 */
export function nearestCountry(
  cues: readonly CountryCue[],
  position: number,
  allowed: ReadonlySet<string>,
  documentCountry?: string,
): string | undefined {
  const counts = new Map<string, number>()
  const distances = new Map<string, number>()
  // The country the whole document names most counts as one more place name, far away.
  if (documentCountry !== undefined && allowed.has(documentCountry)) {
    counts.set(documentCountry, 2)
    distances.set(documentCountry, Infinity)
  }
  for (const cue of cues) {
    if (!allowed.has(cue.country)) continue
    counts.set(cue.country, (counts.get(cue.country) ?? 0) + cue.weight)
    const distance = Math.abs(cue.position - position)
    distances.set(cue.country, Math.min(distance, distances.get(cue.country) ?? Infinity))
  }
  let best: string | undefined
  for (const [country, count] of counts) {
    if (
      best === undefined ||
      count > counts.get(best)! ||
      (count === counts.get(best)! && distances.get(country)! < distances.get(best)!)
    ) {
      best = country
    }
  }
  return best
}

/** The countries of the cues, most frequent first. */
export function countriesByFrequency(cues: readonly CountryCue[]): string[] {
  const counts = new Map<string, number>()
  for (const cue of cues) counts.set(cue.country, (counts.get(cue.country) ?? 0) + cue.weight)
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([country]) => country)
}

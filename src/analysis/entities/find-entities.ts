/** Runs every entity family over one text and merges what they find into non-overlapping
 *  mentions with raw offsets. Checked entities (patterns, amounts, dates) come first: where two
 *  overlap, the longer wins, and at equal length the more specific type (an IBAN before a phone
 *  number, an amount before a date). Names (people, organisations, places) then take the text
 *  that is left, again longest first. Dates and amounts are found before phone numbers so that
 *  they can be masked. */
import { countriesByFrequency, findCountryCues } from './country-cues.js'
import { findDates } from './dates.js'
import type { EntityMention, EntityType, FindEntitiesOptions } from './entity-mention.js'
import { foldText, rawSpan } from './fold-text.js'
import { findMoney } from './money.js'
import { findNames, normalizeName } from './names.js'
import { findPatterns } from './patterns.js'
import { contextOf } from './text-context.js'

interface Candidate {
  readonly type: EntityType
  readonly start: number
  readonly end: number
  readonly normalized?: string
  readonly precision?: EntityMention['precision']
  readonly range?: EntityMention['range']
}

const SPECIFICITY: Record<EntityType, number> = {
  iban: 0,
  identifier: 1,
  email: 2,
  url: 3,
  phone: 4,
  money: 5,
  date: 6,
  organization: 7,
  person: 8,
  location: 9,
}

/**
 * The entity mentions of a raw text, in order, without overlaps.
 * @example findEntities('حوّلت شركة النور ١٫٢ مليار دولار في 8 يناير 2024')
 * // [{ type: 'organization', value: 'شركة النور', … },
 * //  { type: 'money', value: '١٫٢ مليار دولار', normalized: '1200000000 USD', … },
 * //  { type: 'date', value: '8 يناير 2024', normalized: '2024-01-08', precision: 'day', … }]
 */
export function findEntities(text: string, options: FindEntitiesOptions = {}): EntityMention[] {
  if (text.length === 0) return []
  const context = contextOf(text, options.lang ?? null, options.countries ?? [])
  const candidates: Candidate[] = []
  const dates = findDates(context)
  const money = findMoney(context)
  for (const date of dates) candidates.push({ type: 'date', ...date })
  for (const amount of money) candidates.push({ type: 'money', ...amount })
  for (const pattern of findPatterns(context, [...dates, ...money])) candidates.push(pattern)
  for (const name of findNames(context)) candidates.push(name)

  // Checked entities (patterns, amounts, dates) go first, longest first; names take what is
  // left: a name never swallows an address or an amount ("Nicola Asuni - Tecnick.com").
  const tier = (type: EntityType) => (SPECIFICITY[type] <= SPECIFICITY.date ? 0 : 1)
  candidates.sort(
    (a, b) =>
      tier(a.type) - tier(b.type) ||
      b.end - b.start - (a.end - a.start) ||
      SPECIFICITY[a.type] - SPECIFICITY[b.type] ||
      a.start - b.start,
  )
  const taken = new Uint8Array(context.text.length)
  const mentions: EntityMention[] = []
  for (const candidate of candidates) {
    if (candidate.end <= candidate.start) continue
    let free = true
    for (let i = candidate.start; i < candidate.end; i += 1) {
      if (taken[i]) {
        free = false
        break
      }
    }
    if (!free) continue
    taken.fill(1, candidate.start, candidate.end)
    const [start, end] = rawSpan(context.folded, candidate.start, candidate.end)
    const value = text.slice(start, end)
    const mention: EntityMention = {
      type: candidate.type,
      value,
      normalized: candidate.normalized ?? normalizeName(value),
      start,
      end,
    }
    if (candidate.precision) mention.precision = candidate.precision
    if (candidate.range) mention.range = candidate.range
    mentions.push(mention)
  }
  return mentions.sort((a, b) => a.start - b.start)
}

/**
 * The countries a text names (places, nationality adjectives, country web domains), the most
 * named first: what `findEntities` takes as `countries` for the passages of one document.
 * @example findCountries('وقعت في صفاقس وسوسة اتفاقية مع شركة ليبية') // ['TN', 'LY']
 */
export function findCountries(text: string): string[] {
  return countriesByFrequency(findCountryCues(foldText(text).text))
}

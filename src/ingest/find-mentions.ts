/** Entity mentions of one document: the analysis layer's findEntities run on every passage in
 *  that passage's language and with the document's countries, with offsets moved into the
 *  document's raw text and the page kept. */

import { findCountries, findEntities, findQuantities } from '../analysis/index.js'
import { entityTypes, type EntityType, type MentionRecord, type Passage } from '../domain/index.js'

const known = new Set<string>(entityTypes)

/** Finds the mentions in `text`, passage by passage; passages never cross a page. */
export function findMentions(text: string, passages: readonly Passage[]): MentionRecord[] {
  const mentions: MentionRecord[] = []
  // The countries the whole document names settle a bare دينار or ريال in any passage.
  const countries = findCountries(text)
  for (const passage of passages) {
    const slice = text.slice(passage.start, passage.end)
    const found = findEntities(slice, { lang: passage.lang, countries })
    for (const mention of found) {
      if (!known.has(mention.type)) continue
      mentions.push({
        type: mention.type as EntityType,
        value: mention.value,
        normalized: mention.normalized,
        start: passage.start + mention.start,
        end: passage.start + mention.end,
        page: passage.page,
      })
    }
    // Percentages and quantities with units, where no entity already claims the words.
    for (const quantity of findQuantities(slice)) {
      if (found.some((m) => m.start < quantity.end && quantity.start < m.end)) continue
      mentions.push({
        type: 'quantity',
        value: quantity.value,
        normalized: quantity.normalized,
        start: passage.start + quantity.start,
        end: passage.start + quantity.end,
        page: passage.page,
      })
    }
  }
  return mentions
}

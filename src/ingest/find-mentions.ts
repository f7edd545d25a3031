/** Entity mentions of one document: the analysis layer's findEntities run on every passage in
 *  that passage's language and with the document's countries, with offsets moved into the
 *  document's raw text and the page kept. */

import { findCountries, findEntities } from '../analysis/index.js'
import { entityTypes, type EntityType, type MentionRecord, type Passage } from '../domain/index.js'

const known = new Set<string>(entityTypes)

/** Finds the mentions in `text`, passage by passage; passages never cross a page. */
export function findMentions(text: string, passages: readonly Passage[]): MentionRecord[] {
  const mentions: MentionRecord[] = []
  // The countries the whole document names settle a bare دينار or ريال in any passage.
  const countries = findCountries(text)
  for (const passage of passages) {
    const slice = text.slice(passage.start, passage.end)
    for (const mention of findEntities(slice, { lang: passage.lang, countries })) {
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
  }
  return mentions
}

/** `daleel analyze`: runs language detection and entity extraction again on every stored
 *  document, from its stored raw text, without reading the originals again. */

import { detectLanguages, dominantLanguages } from '../analysis/index.js'
import type { Store } from '../store/index.js'
import { findMentions } from './find-mentions.js'

export interface AnalyzeSummary {
  readonly documents: number
  readonly mentions: number
  readonly seconds: number
}

export function analyzeStore(store: Store, onProgress?: (done: number) => void): AnalyzeSummary {
  const started = performance.now()
  let documents = 0
  let mentions = 0
  for (const doc of [...store.listDocuments()]) {
    const text = store.getText(doc.id)
    const passages = store.getPassages(doc.id)
    const langs = detectLanguages(passages.map((p) => text.slice(p.start, p.end)))
    const relabelled = passages.map((p, i) => ({ ...p, lang: langs[i] ?? null }))
    const found = findMentions(text, relabelled)
    const { lang, present } = dominantLanguages(relabelled)
    store.updateAnalysis(doc.id, {
      lang,
      langs: present,
      passageLangs: langs,
      mentions: found,
    })
    documents += 1
    mentions += found.length
    onProgress?.(documents)
  }
  return { documents, mentions, seconds: Math.round((performance.now() - started) / 10) / 100 }
}

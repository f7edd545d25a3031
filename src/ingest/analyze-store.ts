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

export async function analyzeStore(
  store: Store,
  onProgress?: (done: number) => void,
): Promise<AnalyzeSummary> {
  const started = performance.now()
  let documents = 0
  let mentions = 0
  // Ids first: the documents are rewritten while we go.
  const ids: string[] = []
  for await (const doc of store.listDocuments()) ids.push(doc.id)
  for (const id of ids) {
    const text = await store.getText(id)
    const passages = await store.getPassages(id)
    const langs = detectLanguages(passages.map((p) => text.slice(p.start, p.end)))
    const relabelled = passages.map((p, i) => ({ ...p, lang: langs[i] ?? null }))
    const found = findMentions(text, relabelled)
    const { lang, present } = dominantLanguages(relabelled)
    await store.updateAnalysis(id, {
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

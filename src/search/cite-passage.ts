/** Citations: the exact quote of a passage with everything needed to find it again. */

import { DaleelError } from '../domain/index.js'
import type { Store } from '../store/index.js'

/** The contract's cite record. */
export interface Citation {
  readonly title: string | null
  readonly path: string
  readonly sha256: string
  readonly page: number | null
  readonly offset: number
  readonly length: number
  readonly quote: string
}

/** Cites `length` characters of a document's raw text from `offset`. */
export async function citePassage(
  store: Store,
  idOrPath: string,
  offset: number,
  length: number,
): Promise<Citation> {
  const doc = await store.getDocument(idOrPath)
  if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id: idOrPath })
  const text = await store.getText(doc.id)
  if (offset > text.length || length < 0) {
    throw new DaleelError('CITE_RANGE', { offset, length, id: doc.id, size: text.length })
  }
  const end = Math.min(text.length, offset + length)
  const page =
    (await store.getPassages(doc.id)).find((p) => p.start <= offset && offset < p.end)?.page ?? null
  return {
    title: doc.title,
    path: doc.path,
    sha256: doc.sha256,
    page,
    offset,
    length: end - offset,
    quote: text.slice(offset, end),
  }
}

/** Documents: metadata, text, hits, entities, citations, originals and the sanitised HTML view.
 *  Originals are always downloads, never rendered inline, so hostile HTML, SVG or PDF from a leak
 *  cannot run in the workbench's origin; the viewer fetches PDF and image bytes and renders them
 *  itself. */

import type { FastifyInstance } from 'fastify'
import type { Daleel } from '../../daleel.js'
import { DaleelError, type DocumentRecord } from '../../domain/index.js'
import { citePassage } from '../../search/index.js'
import { findDocumentHits } from '../../search/index.js'
import { hasHtmlView, htmlViewPolicy, renderHtmlView } from '../html-view.js'
import { integerParam } from './search-routes.js'

type IdParams = { Params: { id: string } }

/** A document as a link: enough to show it in a list or a tree. */
export function documentLink(
  doc: Pick<DocumentRecord, 'id' | 'path' | 'title' | 'type' | 'lang'>,
): { id: string; path: string; title: string | null; type: string; lang: string | null } {
  return { id: doc.id, path: doc.path, title: doc.title, type: doc.type, lang: doc.lang }
}

export function registerDocumentRoutes(app: FastifyInstance, daleel: Daleel): void {
  const { store } = daleel
  const find = async (id: string): Promise<DocumentRecord> => {
    const doc = await store.getDocument(id)
    if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return doc
  }

  app.get<{ Querystring: { limit?: string; offset?: string } }>(
    '/api/documents',
    async (request) => {
      const limit = integerParam('limit', request.query.limit, 100, 1, 1000)
      const offset = integerParam('offset', request.query.offset, 0, 0, Number.MAX_SAFE_INTEGER)
      const documents = []
      let total = 0
      for await (const doc of store.listDocuments()) {
        if (total >= offset && documents.length < limit) documents.push(documentLink(doc))
        total += 1
      }
      return { total, limit, offset, documents }
    },
  )

  app.get<IdParams>('/api/documents/:id', async (request) => {
    const doc = await find(request.params.id)
    const [children, tags] = await Promise.all([store.getChildren(doc.id), store.getTags(doc.id)])
    // The container tree above the document, outermost first.
    const ancestors = []
    for (let parent = doc.parent; parent !== null && ancestors.length < 32; ) {
      const record = await store.getDocument(parent)
      if (!record) break
      ancestors.unshift(documentLink(record))
      parent = record.parent
    }
    return {
      ...doc,
      ancestors,
      children: children.map(documentLink),
      tags,
      htmlView: hasHtmlView(doc),
    }
  })

  app.get<IdParams>('/api/documents/:id/text', async (request) => {
    const doc = await find(request.params.id)
    const [text, passages] = await Promise.all([store.getText(doc.id), store.getPassages(doc.id)])
    return { id: doc.id, text, passages }
  })

  app.get<IdParams & { Querystring: { q?: string } }>(
    '/api/documents/:id/hits',
    async (request) => {
      const doc = await find(request.params.id)
      const q = request.query.q ?? ''
      if (!q.trim()) throw new DaleelError('QUERY_EMPTY')
      return { id: doc.id, query: q, ...(await findDocumentHits(store, doc.id, q)) }
    },
  )

  app.get<IdParams>('/api/documents/:id/entities', async (request) => {
    const doc = await find(request.params.id)
    const [entities, mentions] = await Promise.all([
      store.listEntities({ id: doc.id }),
      store.getMentions(doc.id),
    ])
    return { id: doc.id, entities, mentions }
  })

  app.get<IdParams & { Querystring: { at?: string; length?: string } }>(
    '/api/documents/:id/cite',
    async (request) => {
      const doc = await find(request.params.id)
      const offset = integerParam('at', request.query.at, 0, 0, Number.MAX_SAFE_INTEGER)
      const length = integerParam('length', request.query.length, 200, 0, 1_000_000)
      return await citePassage(store, doc.id, offset, length)
    },
  )

  app.get<IdParams>('/api/documents/:id/original', async (request, reply) => {
    const doc = await find(request.params.id)
    const bytes = await readOriginal(doc)
    const name = doc.path.split(/[/\\]|!\//u).at(-1) ?? doc.id
    return reply
      .header('content-type', 'application/octet-stream')
      .header(
        'content-disposition',
        `attachment; filename="${name.replace(/[^\x20-\x7e]|"/gu, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(bytes))
  })

  app.get<IdParams>('/api/documents/:id/html', async (request, reply) => {
    const doc = await find(request.params.id)
    if (!hasHtmlView(doc)) {
      throw new DaleelError('ARGUMENT_INVALID', {
        name: 'id',
        detail: 'this document has no HTML view',
      })
    }
    const page = await renderHtmlView(doc, await readOriginal(doc))
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', htmlViewPolicy)
      .header('x-frame-options', 'SAMEORIGIN')
      .header('cache-control', 'no-store')
      .send(page ?? '<!doctype html><meta charset="utf-8"><body></body>')
  })

  async function readOriginal(doc: DocumentRecord): Promise<Uint8Array> {
    try {
      return await store.readOriginal(doc.sha256)
    } catch (error) {
      throw new DaleelError('DOCUMENT_NO_ORIGINAL', { id: doc.id }, { cause: error })
    }
  }
}

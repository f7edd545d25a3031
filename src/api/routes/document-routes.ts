/** Documents: metadata, text, citations and originals. Originals are always downloads, never
 *  rendered inline, so hostile HTML or PDF from a leak cannot run in the workbench's origin. */

import type { FastifyInstance } from 'fastify'
import type { Daleel } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import { citePassage } from '../../search/index.js'
import { integerParam } from './search-routes.js'

export function registerDocumentRoutes(app: FastifyInstance, daleel: Daleel): void {
  const { store } = daleel
  const find = (id: string) => {
    const doc = store.getDocument(id)
    if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return doc
  }
  app.get<{ Params: { id: string } }>('/api/documents/:id', (request) => {
    const doc = find(request.params.id)
    return {
      ...doc,
      children: store.getChildren(doc.id).map((c) => ({ id: c.id, path: c.path, type: c.type })),
    }
  })
  app.get<{ Params: { id: string } }>('/api/documents/:id/text', (request) => {
    const doc = find(request.params.id)
    return { id: doc.id, text: store.getText(doc.id), passages: store.getPassages(doc.id) }
  })
  app.get<{ Params: { id: string }; Querystring: { at?: string; length?: string } }>(
    '/api/documents/:id/cite',
    (request) => {
      const doc = find(request.params.id)
      const offset = integerParam('at', request.query.at, 0, 0, Number.MAX_SAFE_INTEGER)
      const length = integerParam('length', request.query.length, 200, 0, 1_000_000)
      return citePassage(store, doc.id, offset, length)
    },
  )
  app.get<{ Params: { id: string } }>('/api/documents/:id/original', async (request, reply) => {
    const doc = find(request.params.id)
    let bytes: Uint8Array
    try {
      bytes = await store.readOriginal(doc.sha256)
    } catch (error) {
      throw new DaleelError('DOCUMENT_NO_ORIGINAL', { id: doc.id }, { cause: error })
    }
    const name = doc.path.split(/[/\\]|!\//u).at(-1) ?? doc.id
    return reply
      .header('content-type', 'application/octet-stream')
      .header(
        'content-disposition',
        `attachment; filename="${name.replace(/[^\x20-\x7e]|"/gu, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(bytes))
  })
}

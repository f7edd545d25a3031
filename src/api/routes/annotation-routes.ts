/** Tags on documents and notes anchored to passages: what investigators add to the collection.
 *  Tags are searchable with `tag:`, notes with `note:`. */

import type { FastifyInstance } from 'fastify'
import type { Daleel } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import { documentLink } from './document-routes.js'

type IdParams = { Params: { id: string } }

const maxTagLength = 100
const maxNoteLength = 10_000

export function registerAnnotationRoutes(app: FastifyInstance, daleel: Daleel): void {
  const { store } = daleel
  const find = async (id: string) => {
    const doc = await store.getDocument(id)
    if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return doc
  }

  app.get('/api/tags', async () => ({ tags: await store.listTags() }))

  app.get<IdParams>('/api/documents/:id/tags', async (request) => {
    const doc = await find(request.params.id)
    return { id: doc.id, tags: await store.getTags(doc.id) }
  })

  app.post<IdParams & { Body: { tag?: unknown } }>('/api/documents/:id/tags', async (request) => {
    const doc = await find(request.params.id)
    const tag = textField('tag', request.body?.tag, maxTagLength)
    await store.addTag(doc.id, tag)
    return { id: doc.id, tags: await store.getTags(doc.id) }
  })

  app.delete<{ Params: { id: string; tag: string } }>(
    '/api/documents/:id/tags/:tag',
    async (request) => {
      const doc = await find(request.params.id)
      await store.removeTag(doc.id, request.params.tag)
      return { id: doc.id, tags: await store.getTags(doc.id) }
    },
  )

  app.get<{ Querystring: { doc?: string; q?: string } }>('/api/notes', async (request) => {
    const doc = request.query.doc ? await find(request.query.doc) : null
    const query = request.query.q?.trim()
    const notes = await store.listNotes({
      ...(doc ? { docId: doc.id } : {}),
      ...(query ? { query } : {}),
    })
    // Each note with its document, so a list of notes links back to the passages.
    const docs = new Map<string, ReturnType<typeof documentLink> | null>()
    const out = []
    for (const note of notes) {
      if (!docs.has(note.docId)) {
        const record = await store.getDocument(note.docId)
        docs.set(note.docId, record ? documentLink(record) : null)
      }
      out.push({ ...note, doc: docs.get(note.docId) ?? null })
    }
    return { notes: out }
  })

  app.post<{ Body: { docId?: unknown; start?: unknown; end?: unknown; text?: unknown } }>(
    '/api/notes',
    async (request, reply) => {
      const body = request.body ?? {}
      const doc = await find(textField('docId', body.docId, 4096))
      const textLength = (await store.getText(doc.id)).length
      const start = offsetField('start', body.start, textLength)
      const end = offsetField('end', body.end, textLength)
      if (end < start)
        throw new DaleelError('ARGUMENT_INVALID', { name: 'end', detail: 'not before start' })
      const note = await store.addNote({
        docId: doc.id,
        start,
        end,
        text: textField('text', body.text, maxNoteLength),
        author: null,
      })
      return reply.status(201).send(note)
    },
  )

  app.delete<{ Params: { id: string } }>('/api/notes/:id', async (request, reply) => {
    if (!(await store.deleteNote(request.params.id)))
      return reply
        .status(404)
        .send({ error: { code: 'NOTE_NOT_FOUND', message: 'There is no such note.' } })
    return { deleted: request.params.id }
  })
}

function textField(name: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || !value.trim() || value.length > max)
    throw new DaleelError('ARGUMENT_INVALID', {
      name,
      detail: `a non-empty text of at most ${max} characters`,
    })
  return value.trim()
}

function offsetField(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    throw new DaleelError('ARGUMENT_INVALID', {
      name,
      detail: `an offset from 0 to ${max} in the document's text`,
    })
  return value
}

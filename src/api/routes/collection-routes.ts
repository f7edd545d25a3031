/** The collection as a whole: counts, collections, failures, and the progress of a running index
 *  (the workbench polls it). */

import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { currentStore } from '../../auth/http-auth.js'
import type { Daleel } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import { exportFtm, exportMentionsCsv } from '../../search/index.js'
import { integerParam } from './search-routes.js'

export function registerCollectionRoutes(app: FastifyInstance, daleel: Daleel): void {
  const { store } = daleel

  app.get('/api/status', async () => await store.status())

  app.get('/api/collections', async () => ({ collections: await store.listCollections() }))

  // What `daleel export` writes, as a download: FollowTheMoney JSON lines, or mentions as CSV.
  app.get<{ Querystring: { format?: string } }>('/api/export', (request, reply) => {
    const format = request.query.format ?? 'ftm'
    if (format !== 'ftm' && format !== 'csv') {
      throw new DaleelError('ARGUMENT_INVALID', { name: 'format', detail: 'ftm or csv' })
    }
    // The response streams after this handler returns: keep the request's own store.
    const source = currentStore(store)
    const lines = format === 'ftm' ? ftmLines(source) : csvLines(source)
    return reply
      .type(format === 'ftm' ? 'application/x-ndjson; charset=utf-8' : 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="daleel-export.${format === 'ftm' ? 'ftm.jsonl' : 'mentions.csv'}"`,
      )
      .send(Readable.from(lines))
  })

  app.get('/api/progress', async () => {
    const state = await daleel.indexProgress()
    if (!state) return { progress: null }
    const { running, startedAt, updatedAt, files, filesTotal, documents, failed, skipped } = state
    return {
      progress: {
        ...{ running, startedAt, updatedAt, files, filesTotal, documents, failed, skipped },
        etaSeconds: state.etaSeconds,
        finished: state.finished,
      },
    }
  })

  app.get<{ Querystring: { limit?: string; offset?: string } }>(
    '/api/failures',
    async (request) => {
      const limit = integerParam('limit', request.query.limit, 100, 1, 1000)
      const offset = integerParam('offset', request.query.offset, 0, 0, Number.MAX_SAFE_INTEGER)
      const failures = []
      let total = 0
      for await (const failure of store.listFailures()) {
        if (total >= offset && failures.length < limit) failures.push(failure)
        total += 1
      }
      return { total, limit, offset, failures }
    },
  )
}

async function* ftmLines(store: Daleel['store']): AsyncGenerator<string> {
  for await (const entity of exportFtm(store)) yield `${JSON.stringify(entity)}\n`
}

async function* csvLines(store: Daleel['store']): AsyncGenerator<string> {
  for await (const line of exportMentionsCsv(store)) yield `${line}\n`
}

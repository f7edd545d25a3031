/** The collection as a whole: counts, collections, failures, and the progress of a running index
 *  (the workbench polls it). */

import type { FastifyInstance } from 'fastify'
import type { Daleel } from '../../daleel.js'
import { integerParam } from './search-routes.js'

export function registerCollectionRoutes(app: FastifyInstance, daleel: Daleel): void {
  const { store } = daleel

  app.get('/api/status', async () => await store.status())

  app.get('/api/collections', async () => ({ collections: await store.listCollections() }))

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

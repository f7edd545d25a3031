/** GET /api/search — the same hits as `daleel search`; POST /api/search/batch — one query per
 *  line, as `daleel search --batch`, where a bad line is reported and the others still run. */

import type { FastifyInstance } from 'fastify'
import type { Daleel } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'

interface SearchQuerystring {
  q?: string
  limit?: string
  offset?: string
  facets?: string
}

interface BatchBody {
  queries?: unknown
  limit?: unknown
}

/** Lines a batch may hold; each is a full search, so the cap keeps one request bounded. */
const maxBatchLines = 2000

export function registerSearchRoutes(app: FastifyInstance, daleel: Daleel): void {
  app.get<{ Querystring: SearchQuerystring }>('/api/search', async (request) => {
    const { q, limit, offset, facets } = request.query
    if (!q?.trim()) throw new DaleelError('QUERY_EMPTY')
    return await daleel.search.search(q, {
      limit: integerParam('limit', limit, 20, 1, 1000),
      offset: integerParam('offset', offset, 0, 0, Number.MAX_SAFE_INTEGER),
      facets: facets === '1' || facets === 'true',
    })
  })

  app.post<{ Body: BatchBody }>('/api/search/batch', async (request) => {
    const body = request.body ?? {}
    const queries = body.queries
    if (
      !Array.isArray(queries) ||
      queries.length > maxBatchLines ||
      !queries.every((line) => typeof line === 'string')
    ) {
      throw new DaleelError('ARGUMENT_INVALID', {
        name: 'queries',
        detail: `a list of at most ${maxBatchLines} strings`,
      })
    }
    const limit = integerParam(
      'limit',
      typeof body.limit === 'number' || typeof body.limit === 'string'
        ? String(body.limit)
        : undefined,
      3,
      1,
      100,
    )
    const lines = queries
      .map((line) => line.replace(/^\uFEFF/u, '').trim())
      .filter((line) => line && !line.startsWith('#'))
    const results = []
    for (const query of lines) {
      try {
        const result = await daleel.search.search(query, { limit, offset: 0, facets: false })
        results.push({ query, total: result.total, hits: result.hits })
      } catch (error) {
        if (!(error instanceof DaleelError)) throw error
        results.push({
          query,
          total: 0,
          hits: [],
          error: { code: error.code, message: error.message },
        })
      }
    }
    return { results }
  })
}

export function integerParam(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new DaleelError('ARGUMENT_INVALID', {
      name,
      detail: `a whole number from ${min} to ${max}`,
    })
  }
  return number
}

/** GET /api/search — the same hits as `daleel search`. */

import type { FastifyInstance } from 'fastify'
import type { Daleel } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'

interface SearchQuerystring {
  q?: string
  limit?: string
  offset?: string
  facets?: string
}

export function registerSearchRoutes(app: FastifyInstance, daleel: Daleel): void {
  app.get<{ Querystring: SearchQuerystring }>('/api/search', (request) => {
    const { q, limit, offset, facets } = request.query
    if (!q?.trim()) throw new DaleelError('QUERY_EMPTY')
    return daleel.search.search(q, {
      limit: integerParam('limit', limit, 20, 1, 1000),
      offset: integerParam('offset', offset, 0, 0, Number.MAX_SAFE_INTEGER),
      facets: facets === '1' || facets === 'true',
    })
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

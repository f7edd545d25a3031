/** Entities across the collection: the list, one entity's mentions with their passages, the
 *  entities that co-occur with it, the timeline of dated mentions and the graph of entities,
 *  documents and correspondents that the workbench draws. */

import type { FastifyInstance } from 'fastify'
import type { Daleel } from '../../daleel.js'
import {
  DaleelError,
  entityTypes,
  type EntityType,
  type MentionRecord,
} from '../../domain/index.js'
import type { EntityKey, Store } from '../../store/index.js'
import { documentLink } from './document-routes.js'
import { integerParam } from './search-routes.js'

type EntityParams = { Params: { type: string; normalized: string } }

/** Characters of context shown on each side of a mention. */
const contextChars = 120

export function registerEntityRoutes(app: FastifyInstance, daleel: Daleel): void {
  const { store } = daleel

  app.get<{ Querystring: { type?: string; limit?: string } }>('/api/entities', async (request) => {
    const type = request.query.type ? entityType(request.query.type) : undefined
    const limit = integerParam('limit', request.query.limit, 200, 1, 10_000)
    return { entities: await store.listEntities({ ...(type ? { type } : {}), limit }) }
  })

  app.get<EntityParams & { Querystring: { limit?: string; offset?: string } }>(
    '/api/entities/:type/:normalized',
    async (request) => {
      const key = entityKey(request.params)
      const limit = integerParam('limit', request.query.limit, 50, 1, 1000)
      const offset = integerParam('offset', request.query.offset, 0, 0, Number.MAX_SAFE_INTEGER)
      const [found, coOccurring] = await Promise.all([
        store.entityMentions(key, { limit, offset }),
        store.coOccurring(key, { limit: 30 }),
      ])
      const texts = textCache(store)
      const mentions = []
      for (const { doc, mention } of found.mentions) {
        mentions.push({
          doc: documentLink(doc),
          mention,
          passage: passageAround(await texts(doc.id), mention),
        })
      }
      const value = found.mentions[0]?.mention.value ?? key.normalized
      return { ...key, value, total: found.total, limit, offset, mentions, coOccurring }
    },
  )

  app.get<{ Querystring: { type?: string; normalized?: string; limit?: string } }>(
    '/api/timeline',
    async (request) => {
      const { type, normalized } = request.query
      const limit = integerParam('limit', request.query.limit, 500, 1, 5000)
      const entity = type && normalized ? entityKey({ type, normalized }) : undefined
      const points = await store.timeline({ ...(entity ? { entity } : {}), limit })
      const texts = textCache(store)
      const out = []
      for (const point of points) {
        out.push({
          date: point.date,
          doc: documentLink(point.doc),
          mention: point.mention,
          passage: passageAround(await texts(point.doc.id), point.mention),
        })
      }
      return { points: out }
    },
  )

  app.get<{ Querystring: { type?: string; normalized?: string; limit?: string } }>(
    '/api/graph',
    async (request) => {
      const { type, normalized } = request.query
      const limit = integerParam('limit', request.query.limit, 25, 1, 200)
      if (!type || !normalized) return await correspondenceGraph(store, limit)
      return await entityGraph(store, entityKey({ type, normalized }), limit)
    },
  )
}

export interface GraphNode {
  readonly id: string
  readonly kind: 'entity' | 'document'
  readonly label: string
  readonly type: string
  /** For entity nodes: type and normalized value, to open the entity's page. */
  readonly entity?: EntityKey
  readonly docId?: string
}

export interface GraphEdge {
  readonly source: string
  readonly target: string
  readonly kind: 'mention' | 'co-occurrence' | 'mail'
  readonly weight: number
}

const entityNodeId = (key: EntityKey): string => `entity:${key.type}:${key.normalized}`

/** The entity, the documents that mention it, the entities it shares documents with, and, for
 *  an e-mail address, who it wrote to and who wrote to it. */
async function entityGraph(
  store: Store,
  key: EntityKey,
  limit: number,
): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const nodes = new Map<string, GraphNode>()
  const edges: GraphEdge[] = []
  const center = entityNodeId(key)
  const [mentions, coOccurring] = await Promise.all([
    store.entityMentions(key, { limit: 500, offset: 0 }),
    store.coOccurring(key, { limit }),
  ])
  nodes.set(center, {
    id: center,
    kind: 'entity',
    label: mentions.mentions[0]?.mention.value ?? key.normalized,
    type: key.type,
    entity: key,
  })
  const perDoc = new Map<string, number>()
  for (const { doc } of mentions.mentions) {
    if (!perDoc.has(doc.id) && perDoc.size >= limit) continue
    perDoc.set(doc.id, (perDoc.get(doc.id) ?? 0) + 1)
    const id = `doc:${doc.id}`
    if (!nodes.has(id))
      nodes.set(id, {
        id,
        kind: 'document',
        label: doc.title ?? doc.path.split(/[/\\]|!\//u).at(-1) ?? doc.id,
        type: doc.type,
        docId: doc.id,
      })
  }
  for (const [docId, count] of perDoc)
    edges.push({ source: center, target: `doc:${docId}`, kind: 'mention', weight: count })
  for (const other of coOccurring) {
    const otherKey = { type: other.type, normalized: other.normalized }
    const id = entityNodeId(otherKey)
    nodes.set(id, { id, kind: 'entity', label: other.value, type: other.type, entity: otherKey })
    edges.push({ source: center, target: id, kind: 'co-occurrence', weight: other.shared })
  }
  if (key.type === 'email') {
    const address = key.normalized.toLowerCase()
    for (const link of await store.correspondence({ limit: 500 })) {
      const from = link.from.toLowerCase()
      const to = link.to.toLowerCase()
      if (from !== address && to !== address) continue
      addMailEdge(nodes, edges, link)
    }
  }
  return { nodes: [...nodes.values()], edges }
}

/** The collection's mail traffic: addresses, and who wrote to whom how often. */
async function correspondenceGraph(
  store: Store,
  limit: number,
): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const nodes = new Map<string, GraphNode>()
  const edges: GraphEdge[] = []
  for (const link of await store.correspondence({ limit })) addMailEdge(nodes, edges, link)
  return { nodes: [...nodes.values()], edges }
}

function addMailEdge(
  nodes: Map<string, GraphNode>,
  edges: GraphEdge[],
  link: { from: string; to: string; messages: number },
): void {
  const ids = [link.from, link.to].map((address) => {
    const key = { type: 'email' as const, normalized: address.toLowerCase() }
    const id = entityNodeId(key)
    if (!nodes.has(id))
      nodes.set(id, { id, kind: 'entity', label: address, type: 'email', entity: key })
    return id
  })
  edges.push({ source: ids[0] ?? '', target: ids[1] ?? '', kind: 'mail', weight: link.messages })
}

/** The mention with its surrounding text, cut at word boundaries. */
export function passageAround(
  text: string,
  mention: Pick<MentionRecord, 'start' | 'end'>,
): { text: string; start: number; highlight: [number, number] } {
  let start = Math.max(0, mention.start - contextChars)
  let end = Math.min(text.length, mention.end + contextChars)
  if (start > 0) {
    const space = text.slice(start, mention.start).search(/\s/u)
    if (space >= 0) start += space + 1
  }
  if (end < text.length) {
    const tail = text.slice(mention.end, end)
    const space = tail.search(/\s\S*$/u)
    if (space >= 0) end = mention.end + space
  }
  return {
    text: text.slice(start, end),
    start,
    highlight: [mention.start - start, mention.end - start],
  }
}

/** Reads each document's text once per request. */
function textCache(store: Store): (id: string) => Promise<string> {
  const texts = new Map<string, Promise<string>>()
  return (id) => {
    let text = texts.get(id)
    if (!text) {
      text = store.getText(id)
      texts.set(id, text)
    }
    return text
  }
}

function entityType(value: string): EntityType {
  if (!(entityTypes as readonly string[]).includes(value)) {
    throw new DaleelError('ARGUMENT_INVALID', {
      name: 'type',
      detail: `use one of ${entityTypes.join(', ')}`,
    })
  }
  return value as EntityType
}

function entityKey(params: { type: string; normalized: string }): EntityKey {
  return { type: entityType(params.type), normalized: params.normalized }
}

/** The shapes the server answers with (src/api); the workbench reaches the server over HTTP only. */

import type {
  DocumentRecord,
  EntityRecord,
  EntityType,
  FailureRecord,
  MentionRecord,
  Passage,
} from '../../src/domain/index.js'

export type { DocumentRecord, EntityRecord, EntityType, FailureRecord, MentionRecord, Passage }

export interface SearchHit {
  readonly id: string
  readonly path: string
  readonly title: string | null
  readonly lang: string | null
  readonly type: string
  readonly score: number
  readonly snippet: string
  readonly page: number | null
  readonly highlights: readonly (readonly [number, number])[]
  readonly offset: number
}

export interface EntityFacet {
  readonly normalized: string
  readonly value: string
  readonly docs: number
}

export interface Facets {
  readonly lang: Record<string, number>
  readonly type: Record<string, number>
  readonly date: Record<string, number>
  readonly tag: Record<string, number>
  readonly entity: Partial<Record<EntityType, readonly EntityFacet[]>>
}

export interface SearchResult {
  readonly query: string
  readonly total: number
  readonly limit: number
  readonly offset: number
  readonly hits: readonly SearchHit[]
  readonly facets: Facets | null
}

export interface DocumentLink {
  readonly id: string
  readonly path: string
  readonly title: string | null
  readonly type: string
  readonly lang: string | null
}

export interface DocumentView extends DocumentRecord {
  readonly ancestors: readonly DocumentLink[]
  readonly children: readonly DocumentLink[]
  readonly tags: readonly string[]
  readonly htmlView: boolean
}

export interface StoredPassage extends Passage {
  readonly index: number
}

export interface DocumentText {
  readonly id: string
  readonly text: string
  readonly passages: readonly StoredPassage[]
}

export interface DocumentHit {
  readonly start: number
  readonly end: number
  readonly page: number | null
}

export interface DocumentHits {
  readonly hits: readonly DocumentHit[]
  readonly best: number | null
}

export interface Citation {
  readonly title: string | null
  readonly path: string
  readonly sha256: string
  readonly page: number | null
  readonly offset: number
  readonly length: number
  readonly quote: string
}

export interface Note {
  readonly id: string
  readonly docId: string
  readonly start: number
  readonly end: number
  readonly quote: string
  readonly text: string
  readonly author: string | null
  readonly createdAt: string
  readonly doc?: DocumentLink | null
}

export interface PassageContext {
  readonly text: string
  readonly start: number
  readonly highlight: readonly [number, number]
}

export interface EntityMention {
  readonly doc: DocumentLink
  readonly mention: MentionRecord
  readonly passage: PassageContext
}

export interface CoOccurrence extends EntityRecord {
  readonly shared: number
}

export interface EntityView {
  readonly type: EntityType
  readonly normalized: string
  readonly value: string
  readonly total: number
  readonly mentions: readonly EntityMention[]
  readonly coOccurring: readonly CoOccurrence[]
}

export interface TimelinePoint {
  readonly date: string
  readonly doc: DocumentLink
  readonly mention: MentionRecord
  readonly passage: PassageContext
}

export interface GraphNode {
  readonly id: string
  readonly kind: 'entity' | 'document'
  readonly label: string
  readonly type: string
  readonly entity?: { type: EntityType; normalized: string }
  readonly docId?: string
}

export interface GraphEdge {
  readonly source: string
  readonly target: string
  readonly kind: 'mention' | 'co-occurrence' | 'mail'
  readonly weight: number
}

export interface Graph {
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
}

export interface BatchLine {
  readonly query: string
  readonly total: number
  readonly hits: readonly SearchHit[]
  readonly error?: { code: string; message: string }
}

export interface IndexProgress {
  readonly running: boolean
  readonly startedAt: string
  readonly updatedAt: string
  readonly files: number
  readonly filesTotal: number | null
  readonly documents: number
  readonly failed: number
  readonly skipped: number
  readonly etaSeconds: number | null
}

export interface StoreStatus {
  readonly documents: number
  readonly failed: number
  readonly byType: Record<string, number>
  readonly byLanguage: Record<string, number>
  readonly storeBytes: number
  readonly originals: number
}

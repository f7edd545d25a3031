/** A view of the store limited to what one user may see and do: the collections they hold a role
 *  on (every collection for an instance admin). What lies outside does not exist for them: an
 *  id from another collection is "not found", counts, facets and entity lists leave it out.
 *  Writing tags and notes needs the editor role. The server builds one per request. */

import {
  DaleelError,
  type DocumentRecord,
  type EntityRecord,
  type FailureRecord,
} from '../domain/index.js'
import type {
  CheckProblem,
  CoOccurrence,
  Correspondence,
  EntityKey,
  EntityMentionHit,
  FileState,
  NewNote,
  NoteRecord,
  Store,
  StoredPassage,
  StoreQuery,
  StoreSearchOptions,
  StoreSearchResult,
  StoreStatus,
  TimelinePoint,
} from '../store/index.js'
import { collect } from '../store/index.js'
import type { Access, Role } from './auth-service.js'

const rank: Record<Role, number> = { reader: 1, editor: 2, admin: 3 }

export class ScopedStore implements Store {
  /** Hashes of originals this request reached through a document it may see. */
  private readonly reachable = new Set<string>()

  constructor(
    private readonly base: Store,
    private readonly access: Access,
  ) {}

  get location(): string {
    return this.base.location
  }

  /** The collections to limit a listing to; undefined for an admin (no limit). */
  private get scope(): readonly string[] | undefined {
    return this.access.admin ? undefined : [...this.access.collections.keys()]
  }

  private may(collection: string, role: Role = 'reader'): boolean {
    if (this.access.admin) return true
    const held = this.access.collections.get(collection)
    return held !== undefined && rank[held] >= rank[role]
  }

  private limit(collections: readonly string[] | undefined): readonly string[] | undefined {
    const scope = this.scope
    if (!scope) return collections
    return collections ? collections.filter((c) => scope.includes(c)) : scope
  }

  private visible(doc: DocumentRecord | null): DocumentRecord | null {
    if (!doc || !this.may(doc.collection)) return null
    this.reachable.add(doc.sha256)
    return doc
  }

  private async requireDocument(id: string, role: Role = 'reader'): Promise<DocumentRecord> {
    const doc = this.visible(await this.base.getDocument(id))
    if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    if (!this.may(doc.collection, role)) throw new DaleelError('FORBIDDEN', { needed: role })
    return doc
  }

  private refuse(): never {
    throw new DaleelError('FORBIDDEN', { needed: 'server administrator' })
  }

  getFileState(): Promise<FileState | null> {
    return this.refuse()
  }
  touchFile(): Promise<void> {
    return this.refuse()
  }
  failureCodes(): Promise<string[]> {
    return this.refuse()
  }
  replaceFile(): Promise<void> {
    return this.refuse()
  }
  putOriginal(): Promise<void> {
    return this.refuse()
  }
  updateAnalysis(): Promise<void> {
    return this.refuse()
  }

  async readOriginal(sha256: string): Promise<Uint8Array> {
    if (!this.access.admin && !this.reachable.has(sha256)) {
      throw new DaleelError('DOCUMENT_NO_ORIGINAL', { id: sha256 })
    }
    return this.base.readOriginal(sha256)
  }

  async getDocument(idOrPath: string): Promise<DocumentRecord | null> {
    return this.visible(await this.base.getDocument(idOrPath))
  }

  async getText(id: string): Promise<string> {
    await this.requireDocument(id)
    return this.base.getText(id)
  }

  async getTextSlice(id: string, start: number, end: number): Promise<string> {
    await this.requireDocument(id)
    return this.base.getTextSlice(id, start, end)
  }

  async getPassages(id: string): Promise<StoredPassage[]> {
    await this.requireDocument(id)
    return this.base.getPassages(id)
  }

  async getChildren(id: string): Promise<DocumentRecord[]> {
    await this.requireDocument(id)
    const children = await this.base.getChildren(id)
    return children.filter((child) => this.visible(child) !== null)
  }

  async *listDocuments(): AsyncIterable<DocumentRecord> {
    for await (const doc of this.base.listDocuments()) if (this.visible(doc)) yield doc
  }

  async *listFailures(): AsyncIterable<FailureRecord> {
    for await (const failure of this.base.listFailures()) {
      if (this.may(failure.collection)) yield failure
    }
  }

  async listCollections(): Promise<{ name: string; documents: number }[]> {
    return (await this.base.listCollections()).filter((c) => this.may(c.name))
  }

  search(query: StoreQuery, options: StoreSearchOptions): Promise<StoreSearchResult> {
    return this.base.search(this.within(query), options)
  }

  /** The query limited to the user's collections. */
  private within(query: StoreQuery): StoreQuery {
    const scope = this.scope
    if (!scope) return query
    if (scope.length === 0) return { kind: 'none' }
    const collections: StoreQuery = {
      kind: 'or',
      children: scope.map((value) => ({ kind: 'filter', field: 'collection', value })),
    }
    return { kind: 'and', children: [query, collections] }
  }

  async bestPassage(id: string, query: StoreQuery): Promise<StoredPassage | null> {
    await this.requireDocument(id)
    return this.base.bestPassage(id, query)
  }

  async matchingPassages(id: string, query: StoreQuery): Promise<StoredPassage[]> {
    await this.requireDocument(id)
    return this.base.matchingPassages(id, query)
  }

  async listEntities(options: {
    type?: EntityRecord['type']
    id?: string
    collections?: readonly string[]
    limit?: number
  }): Promise<EntityRecord[]> {
    if (options.id) await this.requireDocument(options.id)
    return this.base.listEntities({ ...options, ...this.scoped(options.collections) })
  }

  async getMentions(id: string) {
    await this.requireDocument(id)
    return this.base.getMentions(id)
  }

  entityMentions(
    entity: EntityKey,
    options: { limit: number; offset: number; collections?: readonly string[] },
  ): Promise<{ total: number; mentions: EntityMentionHit[] }> {
    return this.base.entityMentions(entity, { ...options, ...this.scoped(options.collections) })
  }

  coOccurring(
    entity: EntityKey,
    options: { limit: number; collections?: readonly string[] },
  ): Promise<CoOccurrence[]> {
    return this.base.coOccurring(entity, { ...options, ...this.scoped(options.collections) })
  }

  timeline(options: {
    entity?: EntityKey
    limit: number
    collections?: readonly string[]
  }): Promise<TimelinePoint[]> {
    return this.base.timeline({ ...options, ...this.scoped(options.collections) })
  }

  correspondence(options: {
    limit: number
    collections?: readonly string[]
  }): Promise<Correspondence[]> {
    return this.base.correspondence({ ...options, ...this.scoped(options.collections) })
  }

  private scoped(collections: readonly string[] | undefined): { collections?: readonly string[] } {
    const limited = this.limit(collections)
    return limited ? { collections: limited } : {}
  }

  async getTags(id: string): Promise<string[]> {
    await this.requireDocument(id)
    return this.base.getTags(id)
  }

  async addTag(id: string, tag: string): Promise<void> {
    await this.requireDocument(id, 'editor')
    return this.base.addTag(id, tag)
  }

  async removeTag(id: string, tag: string): Promise<void> {
    await this.requireDocument(id, 'editor')
    return this.base.removeTag(id, tag)
  }

  listTags(options: { collections?: readonly string[] } = {}) {
    return this.base.listTags(this.scoped(options.collections))
  }

  async addNote(note: NewNote): Promise<NoteRecord> {
    await this.requireDocument(note.docId, 'editor')
    return this.base.addNote({ ...note, author: this.access.user })
  }

  listNotes(options: {
    docId?: string
    query?: string
    collections?: readonly string[]
  }): Promise<NoteRecord[]> {
    return this.base.listNotes({ ...options, ...this.scoped(options.collections) })
  }

  async deleteNote(id: string): Promise<boolean> {
    const note = (await this.listNotes({})).find((n) => n.id === id)
    if (!note) return false
    await this.requireDocument(note.docId, 'editor')
    return this.base.deleteNote(id)
  }

  async status(): Promise<StoreStatus> {
    if (this.access.admin) return this.base.status()
    const found = await this.search({ kind: 'all' }, { limit: 0, offset: 0, facets: true })
    const failed = (await collect(this.listFailures())).length
    return {
      documents: found.total,
      failed,
      byType: found.facets?.type ?? {},
      byLanguage: found.facets?.lang ?? {},
      // Sizes are the instance's, not the collection's: not shown to a member.
      storeBytes: 0,
      originals: 0,
    }
  }

  check(): Promise<CheckProblem[]> {
    return this.access.admin ? this.base.check() : this.refuse()
  }

  /** The server closes the real store, never a request's view of it. */
  close(): Promise<void> {
    return Promise.resolve()
  }
}

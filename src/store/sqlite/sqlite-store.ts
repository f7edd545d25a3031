/** The embedded store: one SQLite file (`daleel.db`) with FTS5 indexes over the analysed text,
 *  beside a content-addressed folder of originals. Each input file's documents are written in
 *  one transaction, so a killed run leaves either all of a file or none of it. */

/* eslint-disable @typescript-eslint/require-await -- better-sqlite3 answers synchronously; the
   methods are async only to fit the engine-neutral Store interface. */

import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  DaleelError,
  type DocumentRecord,
  type EntityRecord,
  type EntityType,
  type FailureRecord,
  type MentionRecord,
  type Metadata,
} from '../../domain/index.js'
import { BlobStore } from '../blob-store.js'
import { countCorrespondence } from '../correspondence.js'
import {
  docSummaryColumns,
  documentDate,
  emptyFacets,
  entityFacetSize,
  mentionColumns,
  toDocument,
  toMentionHit,
  toPassage,
  type DocumentRow,
  type MentionJoinRow,
  type PassageRow,
} from '../row-mapping.js'
import { noteQuote, validTag } from '../notes.js'
import type {
  CheckProblem,
  CoOccurrence,
  Correspondence,
  EntityFacet,
  EntityKey,
  EntityMentionHit,
  NewNote,
  NoteRecord,
  TimelinePoint,
  Facets,
  FileState,
  Store,
  StoredDocument,
  StoredPassage,
  StoreQuery,
  StoreSearchOptions,
  StoreSearchResult,
  StoreStatus,
} from '../store.js'
import { migrations } from './migrations.js'
import { buildSearchPlan, passageExpression } from './compile-query.js'

/** A documents row as SQLite returns it: the JSON columns as text. */
interface SqliteDocumentRow extends Omit<DocumentRow, 'langs' | 'metadata' | 'warnings'> {
  root_path: string
  langs: string
  metadata: string
  warnings: string
  passage_first: number | null
  passage_last: number | null
}

// bm25 column weights for doc_fts (stems, words, title): the exact form adds to the stem match,
// and a hit in the title counts more than one in the body.
const docWeights = 'bm25(doc_fts, 1.0, 0.35, 2.0)'

/** Opens (and creates or migrates) the SQLite store in `dir`. */
export function openSqliteStore(dir: string): SqliteStore {
  try {
    mkdirSync(dir, { recursive: true })
    const db = new Database(join(dir, 'daleel.db'))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 10000')
    migrate(db)
    return new SqliteStore(dir, db, new BlobStore(join(dir, 'originals')))
  } catch (error) {
    if (error instanceof DaleelError) throw error
    throw new DaleelError(
      'STORE_UNUSABLE',
      { location: dir, detail: error instanceof Error ? error.message : String(error) },
      { cause: error },
    )
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    | { value: string }
    | undefined
  const current = row ? Number(row.value) : 0
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new DaleelError('STORE_UNUSABLE', {
      location: db.name,
      detail: `it was written by a newer Daleel (schema ${current})`,
    })
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(
        String(migration.version),
      )
    })()
  }
}

export class SqliteStore implements Store {
  private readonly statements

  constructor(
    readonly location: string,
    private readonly db: Database.Database,
    private readonly blobs: BlobStore,
  ) {
    this.statements = {
      fileState: db.prepare('SELECT * FROM files WHERE collection = ? AND path = ?'),
      docsOfRoot: db.prepare(
        'SELECT num, passage_first, passage_last FROM documents WHERE collection = ? AND root_path = ?',
      ),
      deleteDocFts: db.prepare('DELETE FROM doc_fts WHERE rowid = ?'),
      deletePassageFts: db.prepare('DELETE FROM passage_fts WHERE rowid BETWEEN ? AND ?'),
      deletePassages: db.prepare('DELETE FROM passages WHERE doc_num = ?'),
      deleteText: db.prepare('DELETE FROM texts WHERE num = ?'),
      deleteMentions: db.prepare('DELETE FROM mentions WHERE doc_num = ?'),
      insertMention: db.prepare(
        'INSERT INTO mentions (doc_num, type, normalized, value, start_at, end_at, page) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      mentionsOf: db.prepare(
        'SELECT type, normalized, value, start_at AS start, end_at AS "end", page FROM mentions WHERE doc_num = ? ORDER BY start_at, id',
      ),
      updateDocLang: db.prepare('UPDATE documents SET lang = ?, langs = ? WHERE num = ?'),
      updatePassageLang: db.prepare(
        'UPDATE passages SET lang = ? WHERE doc_num = ? AND ordinal = ?',
      ),
      deleteDoc: db.prepare('DELETE FROM documents WHERE num = ?'),
      deleteFailures: db.prepare('DELETE FROM failures WHERE collection = ? AND root_path = ?'),
      insertDoc:
        db.prepare(`INSERT INTO documents (id, path, root_path, parent_id, collection, type,
        media_type, sha256, size, title, lang, langs, encoding, method, metadata, warnings, page_count,
        text_length, indexed_at, modified, date)
        VALUES (@id, @path, @root_path, @parent_id, @collection, @type, @media_type, @sha256, @size,
        @title, @lang, @langs, @encoding, @method, @metadata, @warnings, @page_count, @text_length,
        @indexed_at, @modified, @date)`),
      setPassageRange: db.prepare(
        'UPDATE documents SET passage_first = ?, passage_last = ? WHERE num = ?',
      ),
      insertText: db.prepare('INSERT INTO texts (num, text) VALUES (?, ?)'),
      insertPassage: db.prepare(
        'INSERT INTO passages (doc_num, ordinal, start_at, end_at, page, lang) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertPassageFts: db.prepare(
        'INSERT INTO passage_fts (rowid, stems, words) VALUES (?, ?, ?)',
      ),
      insertDocFts: db.prepare(
        'INSERT INTO doc_fts (rowid, stems, words, title) VALUES (?, ?, ?, ?)',
      ),
      insertFailure: db.prepare(`INSERT INTO failures (collection, root_path, path, code, reason,
        sha256, size, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      upsertFile: db.prepare(`INSERT INTO files (collection, path, size, mtime_ms, sha256)
        VALUES (@collection, @path, @size, @mtimeMs, @sha256)
        ON CONFLICT (collection, path) DO UPDATE SET size = excluded.size,
        mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256`),
      docById: db.prepare('SELECT * FROM documents WHERE id = ?'),
      docByPath: db.prepare('SELECT * FROM documents WHERE path = ? ORDER BY num LIMIT 1'),
      docNumById: db.prepare('SELECT num, passage_first, passage_last FROM documents WHERE id = ?'),
      text: db.prepare('SELECT text FROM texts WHERE num = ?'),
      textSlice: db.prepare(
        `SELECT CASE WHEN t.text_length_ok THEN substr(t.text, ?, ?) END AS slice FROM (
           SELECT x.text, length(x.text) = d.text_length AS text_length_ok
           FROM texts x JOIN documents d ON d.num = x.num WHERE x.num = ?) t`,
      ),
      passages: db.prepare(
        'SELECT id, ordinal, start_at AS start, end_at AS "end", page, lang FROM passages WHERE doc_num = ? ORDER BY ordinal',
      ),
      passageById: db.prepare(
        'SELECT id, ordinal, start_at AS start, end_at AS "end", page, lang FROM passages WHERE id = ?',
      ),
      children: db.prepare('SELECT * FROM documents WHERE parent_id = ? ORDER BY num'),
      allDocs: db.prepare('SELECT * FROM documents ORDER BY num'),
      allFailures: db.prepare('SELECT * FROM failures ORDER BY id'),
    }
  }

  async getFileState(collection: string, path: string): Promise<FileState | null> {
    const row = this.statements.fileState.get(collection, path) as
      | { collection: string; path: string; size: number; mtime_ms: number; sha256: string }
      | undefined
    return row
      ? { collection, path, size: row.size, mtimeMs: row.mtime_ms, sha256: row.sha256 }
      : null
  }

  async touchFile(file: FileState): Promise<void> {
    this.statements.upsertFile.run(file)
  }

  async failureCodes(collection: string, path: string): Promise<string[]> {
    return (
      this.db
        .prepare('SELECT DISTINCT code FROM failures WHERE collection = ? AND root_path = ?')
        .all(collection, path) as { code: string }[]
    ).map((row) => row.code)
  }

  async replaceFile(
    file: FileState,
    documents: readonly StoredDocument[],
    failures: readonly FailureRecord[],
  ): Promise<void> {
    const s = this.statements
    this.db.transaction(() => {
      this.deleteRoot(file.collection, file.path)
      const now = new Date().toISOString()
      for (const { doc, text, passages, titleStems, mentions } of documents) {
        const num = Number(
          s.insertDoc.run({
            id: doc.id,
            path: doc.path,
            root_path: file.path,
            parent_id: doc.parent,
            collection: doc.collection,
            type: doc.type,
            media_type: doc.mediaType,
            sha256: doc.sha256,
            size: doc.size,
            title: doc.title,
            lang: doc.lang,
            langs: JSON.stringify(doc.langs),
            encoding: doc.encoding,
            method: doc.method,
            metadata: JSON.stringify(doc.metadata),
            warnings: JSON.stringify(doc.warnings),
            page_count: doc.pageCount,
            text_length: doc.textLength,
            indexed_at: doc.indexedAt,
            modified: doc.modified,
            date: documentDate(doc.metadata, doc.modified),
          }).lastInsertRowid,
        )
        s.insertText.run(num, text)
        let first: number | null = null
        let last: number | null = null
        passages.forEach((passage, ordinal) => {
          const id = Number(
            s.insertPassage.run(
              num,
              ordinal,
              passage.start,
              passage.end,
              passage.page,
              passage.lang,
            ).lastInsertRowid,
          )
          s.insertPassageFts.run(id, passage.stems, passage.words)
          first ??= id
          last = id
        })
        s.setPassageRange.run(first, last, num)
        this.insertMentions(num, mentions)
        s.insertDocFts.run(
          num,
          passages.map((p) => p.stems).join(' '),
          passages.map((p) => p.words).join(' '),
          titleStems,
        )
      }
      for (const failure of failures) {
        s.insertFailure.run(
          failure.collection,
          file.path,
          failure.path,
          failure.code,
          failure.reason,
          failure.sha256,
          failure.size,
          now,
        )
      }
      s.upsertFile.run(file)
    })()
  }

  private deleteRoot(collection: string, rootPath: string): void {
    const s = this.statements
    const rows = s.docsOfRoot.all(collection, rootPath) as {
      num: number
      passage_first: number | null
      passage_last: number | null
    }[]
    for (const row of rows) {
      s.deleteDocFts.run(row.num)
      if (row.passage_first !== null && row.passage_last !== null) {
        s.deletePassageFts.run(row.passage_first, row.passage_last)
      }
      s.deletePassages.run(row.num)
      s.deleteText.run(row.num)
      s.deleteMentions.run(row.num)
      s.deleteDoc.run(row.num)
    }
    s.deleteFailures.run(collection, rootPath)
  }

  private insertMentions(num: number, mentions: readonly MentionRecord[]): void {
    for (const m of mentions) {
      this.statements.insertMention.run(num, m.type, m.normalized, m.value, m.start, m.end, m.page)
    }
  }

  async listEntities(options: {
    type?: EntityType
    id?: string
    collections?: readonly string[]
    limit?: number
  }): Promise<EntityRecord[]> {
    const where: string[] = []
    const params: unknown[] = []
    if (options.type) {
      where.push('m.type = ?')
      params.push(options.type)
    }
    if (options.id) {
      const doc = this.statements.docNumById.get(options.id) as { num: number } | undefined
      if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id: options.id })
      where.push('m.doc_num = ?')
      params.push(doc.num)
    }
    if (options.collections) {
      where.push(inCollections('m.doc_num', options.collections))
      params.push(...options.collections)
    }
    // The display value is the most frequent surface form among the mentions counted.
    const rows = this.db
      .prepare(
        `WITH counted AS (
           SELECT m.type, m.normalized, m.value, m.doc_num FROM mentions m
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
         SELECT c.type, c.normalized, count(*) AS count, count(DISTINCT c.doc_num) AS docs,
           (SELECT v.value FROM counted v WHERE v.type = c.type AND v.normalized = c.normalized
             GROUP BY v.value ORDER BY count(*) DESC, v.value LIMIT 1) AS value
         FROM counted c
         GROUP BY c.type, c.normalized ORDER BY count DESC, docs DESC, c.type, c.normalized
         LIMIT ?`,
      )
      .all(...params, options.limit ?? -1) as EntityRecord[]
    return rows.map((row) => ({
      type: row.type,
      value: row.value,
      normalized: row.normalized,
      count: row.count,
      docs: row.docs,
    }))
  }

  async getMentions(id: string): Promise<MentionRecord[]> {
    const doc = this.statements.docNumById.get(id) as { num: number } | undefined
    if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return this.statements.mentionsOf.all(doc.num) as MentionRecord[]
  }

  async updateAnalysis(
    id: string,
    analysis: {
      lang: string | null
      langs: readonly string[]
      passageLangs: readonly (string | null)[]
      mentions: readonly MentionRecord[]
    },
  ): Promise<void> {
    const doc = this.statements.docNumById.get(id) as { num: number } | undefined
    if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    this.db.transaction(() => {
      this.statements.updateDocLang.run(analysis.lang, JSON.stringify(analysis.langs), doc.num)
      analysis.passageLangs.forEach((lang, ordinal) =>
        this.statements.updatePassageLang.run(lang, doc.num, ordinal),
      )
      this.statements.deleteMentions.run(doc.num)
      this.insertMentions(doc.num, analysis.mentions)
    })()
  }

  async entityMentions(
    entity: EntityKey,
    options: { limit: number; offset: number; collections?: readonly string[] },
  ): Promise<{ total: number; mentions: EntityMentionHit[] }> {
    const where = ['m.type = ?', 'm.normalized = ?']
    const params: unknown[] = [entity.type, entity.normalized]
    if (options.collections) {
      where.push(inCollections('m.doc_num', options.collections))
      params.push(...options.collections)
    }
    const clause = where.join(' AND ')
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM mentions m WHERE ${clause}`).get(...params) as {
        n: number
      }
    ).n
    const rows = this.db
      .prepare(
        `SELECT ${mentionColumns}, ${docSummaryColumns} FROM mentions m
         JOIN documents d ON d.num = m.doc_num WHERE ${clause}
         ORDER BY d.path, d.num, m.start_at, m.id LIMIT ? OFFSET ?`,
      )
      .all(...params, options.limit, options.offset) as MentionJoinRow[]
    return { total, mentions: rows.map(toMentionHit) }
  }

  async coOccurring(
    entity: EntityKey,
    options: { limit: number; collections?: readonly string[] },
  ): Promise<CoOccurrence[]> {
    const scope = options.collections ? `AND ${inCollections('doc_num', options.collections)}` : ''
    const rows = this.db
      .prepare(
        `WITH shared_docs AS (
           SELECT DISTINCT doc_num FROM mentions WHERE type = ? AND normalized = ? ${scope}
         )
         SELECT m.type, m.normalized, count(*) AS count, count(DISTINCT m.doc_num) AS shared
         FROM mentions m JOIN shared_docs s ON s.doc_num = m.doc_num
         WHERE NOT (m.type = ? AND m.normalized = ?)
         GROUP BY m.type, m.normalized
         ORDER BY shared DESC, count DESC, m.type, m.normalized LIMIT ?`,
      )
      .all(
        entity.type,
        entity.normalized,
        ...(options.collections ?? []),
        entity.type,
        entity.normalized,
        options.limit,
      ) as { type: EntityType; normalized: string; count: number; shared: number }[]
    const docsOf = this.db.prepare(
      `SELECT count(DISTINCT doc_num) AS n FROM mentions WHERE type = ? AND normalized = ? ${scope}`,
    )
    return rows.map((row) => ({
      ...row,
      value: this.displayValue(row, options.collections),
      docs: (docsOf.get(row.type, row.normalized, ...(options.collections ?? [])) as { n: number })
        .n,
    }))
  }

  async timeline(options: {
    entity?: EntityKey
    limit: number
    collections?: readonly string[]
  }): Promise<TimelinePoint[]> {
    const where = ["m.type = 'date'"]
    const params: unknown[] = []
    if (options.entity) {
      where.push('m.doc_num IN (SELECT doc_num FROM mentions WHERE type = ? AND normalized = ?)')
      params.push(options.entity.type, options.entity.normalized)
    }
    if (options.collections) {
      where.push(inCollections('m.doc_num', options.collections))
      params.push(...options.collections)
    }
    const rows = this.db
      .prepare(
        `SELECT ${mentionColumns}, ${docSummaryColumns} FROM mentions m
         JOIN documents d ON d.num = m.doc_num WHERE ${where.join(' AND ')}
         ORDER BY m.normalized, d.path, d.num, m.start_at, m.id LIMIT ?`,
      )
      .all(...params, options.limit) as MentionJoinRow[]
    return rows.map((row) => ({ date: row.normalized, ...toMentionHit(row) }))
  }

  async correspondence(options: {
    limit: number
    collections?: readonly string[]
  }): Promise<Correspondence[]> {
    const scope = options.collections ? `AND ${inCollections('num', options.collections)}` : ''
    const rows = this.db
      .prepare(
        `SELECT metadata FROM documents WHERE json_extract(metadata, '$.from') IS NOT NULL ${scope}`,
      )
      .all(...(options.collections ?? [])) as { metadata: string }[]
    return countCorrespondence(
      rows.map((row) => {
        const metadata = JSON.parse(row.metadata) as Metadata
        return { from: metadata['from'], to: metadata['to'], cc: metadata['cc'] }
      }),
      options.limit,
    )
  }

  async listCollections(): Promise<{ name: string; documents: number }[]> {
    return this.db
      .prepare(
        'SELECT collection AS name, count(*) AS documents FROM documents GROUP BY collection ORDER BY collection',
      )
      .all() as { name: string; documents: number }[]
  }

  async getTags(id: string): Promise<string[]> {
    this.requireDocument(id)
    return (
      this.db.prepare('SELECT tag FROM doc_tags WHERE doc_id = ? ORDER BY tag').all(id) as {
        tag: string
      }[]
    ).map((row) => row.tag)
  }

  async addTag(id: string, tag: string): Promise<void> {
    this.requireDocument(id)
    this.db
      .prepare('INSERT OR IGNORE INTO doc_tags (doc_id, tag, created_at) VALUES (?, ?, ?)')
      .run(id, validTag(tag), new Date().toISOString())
  }

  async removeTag(id: string, tag: string): Promise<void> {
    this.requireDocument(id)
    this.db.prepare('DELETE FROM doc_tags WHERE doc_id = ? AND tag = ?').run(id, tag.trim())
  }

  async listTags(
    options: { collections?: readonly string[] } = {},
  ): Promise<{ tag: string; docs: number }[]> {
    const scope = options.collections ? `AND ${inCollections('d.num', options.collections)}` : ''
    return this.db
      .prepare(
        `SELECT t.tag, count(*) AS docs FROM doc_tags t JOIN documents d ON d.id = t.doc_id
         WHERE 1 ${scope} GROUP BY t.tag ORDER BY docs DESC, t.tag`,
      )
      .all(...(options.collections ?? [])) as { tag: string; docs: number }[]
  }

  async addNote(note: NewNote): Promise<NoteRecord> {
    this.requireDocument(note.docId)
    const text = await this.getText(note.docId)
    const record: NoteRecord = {
      id: randomUUID(),
      docId: note.docId,
      start: note.start,
      end: note.end,
      quote: noteQuote(text, note),
      text: note.text,
      author: note.author,
      createdAt: new Date().toISOString(),
    }
    this.db
      .prepare(
        `INSERT INTO notes (id, doc_id, start_at, end_at, quote, text, author, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.docId,
        record.start,
        record.end,
        record.quote,
        record.text,
        record.author,
        record.createdAt,
      )
    return record
  }

  async listNotes(options: {
    docId?: string
    query?: string
    collections?: readonly string[]
  }): Promise<NoteRecord[]> {
    const where = ['1']
    const params: unknown[] = []
    if (options.docId) {
      where.push('n.doc_id = ?')
      params.push(options.docId)
    }
    if (options.query) {
      where.push('(instr(lower(n.text), lower(?)) > 0 OR instr(lower(n.quote), lower(?)) > 0)')
      params.push(options.query, options.query)
    }
    if (options.collections) {
      where.push(inCollections('d.num', options.collections))
      params.push(...options.collections)
    }
    const rows = this.db
      .prepare(
        `SELECT n.id, n.doc_id AS docId, n.start_at AS start, n.end_at AS "end", n.quote, n.text,
           n.author, n.created_at AS createdAt
         FROM notes n JOIN documents d ON d.id = n.doc_id WHERE ${where.join(' AND ')}
         ORDER BY n.created_at DESC, n.id`,
      )
      .all(...params) as NoteRecord[]
    return rows.map((row) => ({ ...row }))
  }

  async deleteNote(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM notes WHERE id = ?').run(id).changes > 0
  }

  private requireDocument(id: string): number {
    const row = this.statements.docNumById.get(id) as { num: number } | undefined
    if (!row) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return row.num
  }

  /** The most frequent surface form of an entity, among the given collections' mentions. */
  private displayValue(
    entity: { type: string; normalized: string },
    collections?: readonly string[],
  ): string {
    const scope = collections ? `AND ${inCollections('doc_num', collections)}` : ''
    const row = this.db
      .prepare(
        `SELECT value FROM mentions WHERE type = ? AND normalized = ? ${scope}
         GROUP BY value ORDER BY count(*) DESC, value LIMIT 1`,
      )
      .get(entity.type, entity.normalized, ...(collections ?? [])) as { value: string } | undefined
    return row?.value ?? entity.normalized
  }

  async putOriginal(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.blobs.put(sha256, bytes)
  }

  async readOriginal(sha256: string): Promise<Uint8Array> {
    return this.blobs.read(sha256)
  }

  async getDocument(idOrPath: string): Promise<DocumentRecord | null> {
    const row = (this.statements.docById.get(idOrPath) ??
      this.statements.docByPath.get(idOrPath)) as SqliteDocumentRow | undefined
    return row ? toDocument(parsedRow(row)) : null
  }

  async getText(id: string): Promise<string> {
    const row = this.statements.docNumById.get(id) as { num: number } | undefined
    if (!row) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return (this.statements.text.get(row.num) as { text: string } | undefined)?.text ?? ''
  }

  async getTextSlice(id: string, start: number, end: number): Promise<string> {
    const row = this.statements.docNumById.get(id) as { num: number } | undefined
    if (!row) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    // SQLite counts characters (code points), JavaScript UTF-16 units: the two agree unless the
    // text holds characters beyond the BMP, which the stored UTF-16 length shows.
    const slice = this.statements.textSlice.get(start + 1, Math.max(0, end - start), row.num) as
      | { slice: string | null }
      | undefined
    if (typeof slice?.slice === 'string') return slice.slice
    return (await this.getText(id)).slice(start, end)
  }

  async getPassages(id: string): Promise<StoredPassage[]> {
    const row = this.statements.docNumById.get(id) as { num: number } | undefined
    if (!row) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return (this.statements.passages.all(row.num) as PassageRow[]).map(toPassage)
  }

  async getChildren(id: string): Promise<DocumentRecord[]> {
    return (this.statements.children.all(id) as SqliteDocumentRow[]).map((row) =>
      toDocument(parsedRow(row)),
    )
  }

  async *listDocuments(): AsyncIterable<DocumentRecord> {
    for (const row of this.statements.allDocs.iterate() as Iterable<SqliteDocumentRow>) {
      yield toDocument(parsedRow(row))
    }
  }

  async *listFailures(): AsyncIterable<FailureRecord> {
    type FailureRow = {
      path: string
      code: string
      reason: string
      sha256: string | null
      size: number | null
      collection: string
    }
    for (const row of this.statements.allFailures.iterate() as Iterable<FailureRow>) {
      yield {
        path: row.path,
        code: row.code,
        reason: row.reason,
        sha256: row.sha256,
        size: row.size,
        collection: row.collection,
      }
    }
  }

  async search(query: StoreQuery, options: StoreSearchOptions): Promise<StoreSearchResult> {
    const plan = buildSearchPlan(query)
    if (plan.empty) return { total: 0, hits: [], facets: options.facets ? emptyFacets() : null }
    const from = plan.match
      ? `FROM doc_fts JOIN documents d ON d.num = doc_fts.rowid WHERE doc_fts MATCH ? AND (${plan.where})`
      : `FROM documents d WHERE (${plan.where})`
    const params = plan.match ? [plan.match, ...plan.params] : plan.params
    try {
      const total = (
        this.db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }
      ).n
      const order = plan.match ? `${docWeights}, d.num` : 'd.path, d.num'
      const score = plan.match ? `-${docWeights}` : '0'
      const rows = this.db
        .prepare(`SELECT d.*, ${score} AS score ${from} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .all(...params, options.limit, options.offset) as (SqliteDocumentRow & { score: number })[]
      const facets = options.facets ? this.facets(from, params) : null
      return {
        total,
        hits: rows.map((row) => ({ doc: toDocument(parsedRow(row)), score: row.score })),
        facets,
      }
    } catch (error) {
      if (error instanceof Error && /fts5|syntax/iu.test(error.message)) {
        throw new DaleelError('QUERY_SYNTAX', { near: plan.match ?? '' }, { cause: error })
      }
      throw error
    }
  }

  private facets(from: string, params: unknown[]): Facets {
    const count = (column: string): Record<string, number> => {
      const rows = this.db
        .prepare(
          `SELECT coalesce(d.${column}, 'und') AS k, count(*) AS n ${from} GROUP BY k ORDER BY n DESC, k`,
        )
        .all(...params) as { k: string; n: number }[]
      return Object.fromEntries(rows.map((row) => [row.k, row.n]))
    }
    const months = this.db
      .prepare(
        `SELECT substr(d.date, 1, 7) AS k, count(*) AS n ${from}
         AND d.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY k ORDER BY k`,
      )
      .all(...params) as { k: string; n: number }[]
    const tags = this.db
      .prepare(
        `SELECT t.tag AS k, count(*) AS n FROM doc_tags t
         WHERE t.doc_id IN (SELECT d.id ${from}) GROUP BY t.tag ORDER BY n DESC, t.tag`,
      )
      .all(...params) as { k: string; n: number }[]
    // Entities of the hits, top ones per type, each shown as the hits write it most often.
    const entityRows = this.db
      .prepare(
        `WITH hit_mentions AS (
           SELECT m.type, m.normalized, m.value, m.doc_num FROM mentions m
           WHERE m.doc_num IN (SELECT d.num ${from})),
         ranked AS (
           SELECT type, normalized, count(DISTINCT doc_num) AS docs,
             row_number() OVER (PARTITION BY type
               ORDER BY count(DISTINCT doc_num) DESC, normalized) AS rank
           FROM hit_mentions GROUP BY type, normalized)
         SELECT r.type, r.normalized, r.docs,
           (SELECT h.value FROM hit_mentions h WHERE h.type = r.type AND h.normalized = r.normalized
             GROUP BY h.value ORDER BY count(*) DESC, h.value LIMIT 1) AS value
         FROM ranked r WHERE r.rank <= ${entityFacetSize} ORDER BY r.type, r.rank`,
      )
      .all(...params) as { type: EntityType; normalized: string; docs: number; value: string }[]
    const entity: Partial<Record<EntityType, EntityFacet[]>> = {}
    for (const row of entityRows) {
      ;(entity[row.type] ??= []).push({
        normalized: row.normalized,
        value: row.value,
        docs: row.docs,
      })
    }
    return {
      lang: count('lang'),
      type: count('type'),
      date: Object.fromEntries(months.map((row) => [row.k, row.n])),
      tag: Object.fromEntries(tags.map((row) => [row.k, row.n])),
      entity,
    }
  }

  async bestPassage(id: string, query: StoreQuery): Promise<StoredPassage | null> {
    const doc = this.statements.docNumById.get(id) as
      | { num: number; passage_first: number | null; passage_last: number | null }
      | undefined
    if (!doc || doc.passage_first === null || doc.passage_last === null) return null
    const expression = passageExpression(query)
    if (!expression) return null
    const row = this.db
      .prepare(
        `SELECT rowid AS id FROM passage_fts WHERE passage_fts MATCH ? AND rowid BETWEEN ? AND ?
         ORDER BY bm25(passage_fts, 1.0, 0.35) LIMIT 1`,
      )
      .get(expression, doc.passage_first, doc.passage_last) as { id: number } | undefined
    if (!row) return null
    return toPassage(this.statements.passageById.get(row.id) as PassageRow)
  }

  async matchingPassages(id: string, query: StoreQuery): Promise<StoredPassage[]> {
    const doc = this.statements.docNumById.get(id) as
      | { num: number; passage_first: number | null; passage_last: number | null }
      | undefined
    if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    const expression = passageExpression(query)
    if (doc.passage_first === null || doc.passage_last === null || !expression) return []
    const rows = this.db
      .prepare(
        `SELECT p.id, p.ordinal, p.start_at AS start, p.end_at AS "end", p.page, p.lang
         FROM passages p WHERE p.id IN (
           SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? AND rowid BETWEEN ? AND ?)
         ORDER BY p.ordinal`,
      )
      .all(expression, doc.passage_first, doc.passage_last) as PassageRow[]
    return rows.map(toPassage)
  }

  async status(): Promise<StoreStatus> {
    const count = (sql: string): number => (this.db.prepare(sql).get() as { n: number }).n
    const group = (column: string): Record<string, number> =>
      Object.fromEntries(
        (
          this.db
            .prepare(
              `SELECT coalesce(${column}, 'und') AS k, count(*) AS n FROM documents GROUP BY k ORDER BY n DESC, k`,
            )
            .all() as { k: string; n: number }[]
        ).map((row) => [row.k, row.n]),
      )
    let dbBytes = 0
    for (const suffix of ['', '-wal']) {
      try {
        dbBytes += statSync(`${this.db.name}${suffix}`).size
      } catch {
        // the WAL file exists only while writes are pending
      }
    }
    return {
      documents: count('SELECT count(*) AS n FROM documents'),
      failed: count('SELECT count(*) AS n FROM failures'),
      byType: group('type'),
      byLanguage: group('lang'),
      originals: count('SELECT count(DISTINCT sha256) AS n FROM documents'),
      storeBytes: dbBytes + (await this.blobs.size()),
    }
  }

  async check(): Promise<CheckProblem[]> {
    const problems: CheckProblem[] = []
    const integrity = this.db.pragma('integrity_check') as { integrity_check: string }[]
    for (const row of integrity) {
      if (row.integrity_check !== 'ok')
        problems.push({ kind: 'database', detail: row.integrity_check })
    }
    for (const table of ['doc_fts', 'passage_fts']) {
      try {
        this.db.prepare(`INSERT INTO ${table}(${table}) VALUES ('integrity-check')`).run()
      } catch (error) {
        problems.push({ kind: 'index', detail: `${table}: ${(error as Error).message}` })
      }
    }
    const orphans: [string, string][] = [
      [
        'document without text',
        'SELECT count(*) AS n FROM documents d LEFT JOIN texts t ON t.num = d.num WHERE t.num IS NULL',
      ],
      [
        'document with a missing parent',
        'SELECT count(*) AS n FROM documents d WHERE d.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents p WHERE p.id = d.parent_id)',
      ],
      [
        'text without document',
        'SELECT count(*) AS n FROM texts t WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = t.num)',
      ],
      [
        'passage without document',
        'SELECT count(*) AS n FROM passages p WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = p.doc_num)',
      ],
      [
        'document not in the index',
        'SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM doc_fts f WHERE f.rowid = d.num)',
      ],
      [
        'duplicate document path',
        'SELECT count(*) AS n FROM (SELECT 1 FROM documents GROUP BY collection, path HAVING count(*) > 1)',
      ],
    ]
    for (const [kind, sql] of orphans) {
      const n = (this.db.prepare(sql).get() as { n: number }).n
      if (n > 0) problems.push({ kind, detail: `${n} found` })
    }
    const hashes = (
      this.db.prepare('SELECT DISTINCT sha256 FROM documents').all() as { sha256: string }[]
    ).map((row) => row.sha256)
    const { missing, corrupt } = await this.blobs.verify(hashes)
    for (const sha256 of missing) problems.push({ kind: 'original missing', detail: sha256 })
    for (const sha256 of corrupt) problems.push({ kind: 'original altered', detail: sha256 })
    return problems
  }

  async close(): Promise<void> {
    this.db.close()
  }
}

/** `column IN (documents of these collections)`, with one placeholder per collection. */
function inCollections(numColumn: string, collections: readonly string[]): string {
  if (collections.length === 0) return '0'
  return `${numColumn} IN (SELECT num FROM documents WHERE collection IN (${collections
    .map(() => '?')
    .join(', ')}))`
}

/** The row with its JSON columns parsed, as both engines map it. */
function parsedRow(row: SqliteDocumentRow): DocumentRow {
  return {
    ...row,
    langs: JSON.parse(row.langs) as string[],
    metadata: JSON.parse(row.metadata) as Metadata,
    warnings: JSON.parse(row.warnings) as DocumentRecord['warnings'],
  }
}

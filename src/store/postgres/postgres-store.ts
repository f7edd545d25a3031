/** The PostgreSQL store: the same Store as the embedded SQLite engine, in a database several
 *  workers and a team server share, with the originals in a content-addressed folder on disk.
 *
 *  Design (docs/postgres.md has the long form):
 *  - Search must find and order exactly what SQLite FTS5 does. PostgreSQL's tsvector/ts_rank is
 *    neither bm25 nor FTS5's phrase semantics, and caps positions at 16,383 and a tsvector at
 *    1 MB, so a long book would lose phrase matches. The engine keeps its own inverted index
 *    instead: `postings(term, col, doc_num, positions)` with every position, for the three
 *    columns of SQLite's `doc_fts` row (stems, words, title). A query fetches the postings of
 *    its tokens in one statement (prefixes by a "C"-collated range), and `fts5-cursor.ts` walks
 *    them the way FTS5's cursor walks its index (a port of fts5_expr.c's node iterators, because
 *    what bm25 counts for a row depends on where those iterators stand), with phrases, prefixes
 *    and NEAR from `fts-match.ts` and bm25() in the same arithmetic, the IDF's logarithm taken
 *    by the server's C library as SQLite's is. Filters stay SQL over `documents`.
 *  - bm25 needs table-wide numbers. FTS5 keeps, for a contentless_delete table, the rows and
 *    tokens ever inserted (a delete does not subtract), so `index_stats` keeps exactly those,
 *    in a few shards so concurrent writers seldom wait on one row.
 *  - Snippets: SQLite ranks the passages of one document with bm25 over its `passage_fts` table.
 *    Passages are not indexed separately here: each document stores where its passages end (in
 *    tokens), which turns document positions into passage positions; a passage-level IDF comes
 *    from a per-posting passage count (single words) or from the postings themselves (phrases,
 *    prefixes), cached per phrase until the index changes. A search picks the best passages of
 *    its page from the postings it already read; bestPassage() then confirms them in one query.
 *  - replaceFile is one transaction (advisory-locked per input file), so a killed worker leaves
 *    all of a file or none of it. A search reads in one REPEATABLE READ snapshot, so its total,
 *    hits and facets agree with each other.
 *  - The originals live on disk (BlobStore), shared by the workers: `?blobs=PATH` in the store
 *    URL, else $DALEEL_BLOBS, else ./daleel-blobs. */

import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import pg from 'pg'
import {
  DaleelError,
  type DocumentRecord,
  type EntityRecord,
  type EntityType,
  type FailureRecord,
  type Metadata,
  type MentionRecord,
} from '../../domain/index.js'
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
import { BlobStore } from '../blob-store.js'
import { countCorrespondence } from '../correspondence.js'
import { noteQuote, validTag } from '../notes.js'
import type {
  CheckProblem,
  CoOccurrence,
  Correspondence,
  EntityFacet,
  EntityKey,
  EntityMentionHit,
  Facets,
  FileState,
  NewNote,
  NoteRecord,
  Store,
  StoredDocument,
  StoredPassage,
  StoreQuery,
  StoreSearchOptions,
  StoreSearchResult,
  StoreStatus,
  TimelinePoint,
} from '../store.js'
import { buildPostings, passageOf } from './build-postings.js'
import {
  bm25,
  COLUMN_SPAN,
  idfArguments,
  idfs,
  phraseMatches,
  phrasesOf,
  STEMS,
  tokenKey,
  WORDS,
  type Bm25Stats,
  type Phrase,
  type RowPostings,
  type TextNode,
} from './fts-match.js'
import { scanMatches, type TermSource } from './fts5-cursor.js'
import { migrations } from './migrations.js'
import {
  buildSearchPlan,
  leafExpression,
  matchLeaves,
  passageExpression,
  sqlCondition,
  SqlParams,
} from './plan-query.js'

// bm25 column weights, as the SQLite engine passes them: doc_fts (stems, words, title) and
// passage_fts (stems, words).
const docWeights = [1.0, 0.35, 2.0]
const passageWeights = [1.0, 0.35]
// The prefix indexes of the SQLite engine's FTS5 tables (doc_fts has prefix='2 3').
const docPrefixIndexes = [2, 3]
const passagePrefixIndexes: number[] = []
const statsShards = 16

type Queryable = Pick<pg.PoolClient, 'query'>

interface IndexStats {
  version: number
  docRows: number
  docTokens: number
  passageRows: number
  passageTokens: number
}

/** Where the originals of a PostgreSQL store live, and the URL without that parameter. */
export function parseStoreUrl(location: string): { connectionString: string; blobs: string } {
  const url = new URL(location)
  const blobs = url.searchParams.get('blobs') ?? process.env.DALEEL_BLOBS ?? './daleel-blobs'
  url.searchParams.delete('blobs')
  return { connectionString: url.toString(), blobs: resolve(blobs) }
}

/** The URL as messages may show it: without the password. */
export function redactUrl(location: string): string {
  return location.replace(/\/\/([^:@/]*):[^@/]*@/u, '//$1:…@')
}

// bigint columns and counts come back as numbers (document numbers and sizes stay far below 2^53).
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => {
    if (format !== 'binary' && oid === 20) return Number
    return (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)
  }) as typeof pg.types.getTypeParser,
}

/** Opens the store at a postgres:// URL. The connection and migrations happen on first use, so
 *  this returns at once; an unreachable server makes that first call fail with STORE_UNUSABLE.
 *  Await `ready()` to find out early. */
export function openPostgresStore(location: string): PostgresStore {
  return new PostgresStore(location)
}

export class PostgresStore implements Store {
  readonly location: string
  private readonly pool: pg.Pool
  private readonly blobs: BlobStore
  private readonly started: Promise<void>
  private readonly passageHitCache = new Map<string, { version: number; hits: number }>()
  private readonly bestPassageCache = new Map<
    string,
    { num: number; version: number; passage: StoredPassage }
  >()

  constructor(location: string) {
    this.location = redactUrl(location)
    const { connectionString, blobs } = parseStoreUrl(location)
    this.blobs = new BlobStore(blobs)
    this.pool = new pg.Pool({ connectionString, max: 4, types })
    // An idle client that loses its server must not crash the process.
    this.pool.on('error', () => undefined)
    this.started = this.migrate().catch((error: unknown) => {
      throw new DaleelError(
        'STORE_UNUSABLE',
        {
          location: this.location,
          detail: error instanceof Error ? error.message : String(error),
        },
        { cause: error },
      )
    })
    // The failure is reported to whoever calls next; never as an unhandled rejection.
    this.started.catch(() => undefined)
  }

  /** Resolves once connected and migrated; rejects with STORE_UNUSABLE otherwise. */
  async ready(): Promise<void> {
    await this.started
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query("SELECT pg_advisory_xact_lock(hashtext('daleel-migrate'))")
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      )
      const { rows } = await client.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM schema_migrations',
      )
      const current = rows[0]?.v ?? 0
      const latest = migrations.at(-1)?.version ?? 0
      if (current > latest) {
        throw new Error(`it was written by a newer Daleel (schema ${current})`)
      }
      for (const migration of migrations) {
        if (migration.version <= current) continue
        await client.query(migration.sql)
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [
          migration.version,
        ])
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  private async db(): Promise<pg.Pool> {
    await this.started
    return this.pool
  }

  private async transaction<T>(
    mode: string,
    work: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    await this.started
    const client = await this.pool.connect()
    try {
      await client.query(`BEGIN ${mode}`)
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  async getFileState(collection: string, path: string): Promise<FileState | null> {
    const { rows } = await (
      await this.db()
    ).query<{ size: number; mtime_ms: number; sha256: string }>(
      'SELECT size, mtime_ms, sha256 FROM files WHERE collection = $1 AND path = $2',
      [collection, path],
    )
    const row = rows[0]
    return row
      ? { collection, path, size: row.size, mtimeMs: row.mtime_ms, sha256: row.sha256 }
      : null
  }

  async touchFile(file: FileState): Promise<void> {
    await upsertFile(await this.db(), file)
  }

  async failureCodes(collection: string, path: string): Promise<string[]> {
    const { rows } = await (
      await this.db()
    ).query<{ code: string }>(
      'SELECT DISTINCT code FROM failures WHERE collection = $1 AND root_path = $2 ORDER BY code',
      [collection, path],
    )
    return rows.map((row) => row.code)
  }

  async replaceFile(
    file: FileState,
    documents: readonly StoredDocument[],
    failures: readonly FailureRecord[],
  ): Promise<void> {
    // Analysis of the postings is CPU work: do it before taking locks.
    const prepared = documents.map((stored) => ({ stored, postings: buildPostings(stored) }))
    await this.transaction('', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7))', [
        JSON.stringify([file.collection, file.path]),
      ])
      await client.query('DELETE FROM documents WHERE collection = $1 AND root_path = $2', [
        file.collection,
        file.path,
      ])
      await client.query('DELETE FROM failures WHERE collection = $1 AND root_path = $2', [
        file.collection,
        file.path,
      ])
      let passageRows = 0
      let docTokens = 0
      let passageTokens = 0
      for (const { stored, postings } of prepared) {
        const { doc } = stored
        const [stems, words, title] = postings.lengths
        const { rows } = await client.query<{ num: number }>(
          `INSERT INTO documents (id, path, root_path, parent_id, collection, type, media_type,
             sha256, size, title, lang, langs, encoding, method, metadata, warnings, page_count,
             text_length, indexed_at, modified, date, len_stems, len_words, len_title,
             passage_stems, passage_words)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
             $18, $19, $20, $21, $22, $23, $24, $25, $26)
           RETURNING num`,
          [
            doc.id,
            withoutNul(doc.path),
            withoutNul(file.path),
            doc.parent,
            doc.collection,
            doc.type,
            doc.mediaType,
            doc.sha256,
            doc.size,
            doc.title === null ? null : withoutNul(doc.title),
            doc.lang,
            JSON.stringify(doc.langs),
            doc.encoding,
            doc.method,
            jsonWithoutNul(doc.metadata),
            jsonWithoutNul(doc.warnings),
            doc.pageCount,
            doc.textLength,
            doc.indexedAt,
            doc.modified,
            documentDate(doc.metadata, doc.modified),
            stems,
            words,
            title,
            postings.passageStems,
            postings.passageWords,
          ],
        )
        const num = rows[0]!.num
        await client.query('INSERT INTO texts (num, text) VALUES ($1, $2)', [
          num,
          Buffer.from(stored.text, 'utf8'),
        ])
        if (stored.passages.length > 0) {
          await client.query(
            `INSERT INTO passages (doc_num, ordinal, start_at, end_at, page, lang)
             SELECT $1, o - 1, s, e, p, l
             FROM unnest($2::int[], $3::int[], $4::int[], $5::text[]) WITH ORDINALITY AS x(s, e, p, l, o)`,
            [
              num,
              stored.passages.map((p) => p.start),
              stored.passages.map((p) => p.end),
              stored.passages.map((p) => p.page),
              stored.passages.map((p) => p.lang),
            ],
          )
        }
        // Large documents have many distinct terms: insert in slices to bound one statement.
        for (let i = 0; i < postings.rows.length; i += 5000) {
          const slice = postings.rows.slice(i, i + 5000)
          await client.query(
            `INSERT INTO postings (term, col, doc_num, positions, passages)
             SELECT t, c, $1, p, n FROM unnest($2::text[], $3::int2[], $4::bytea[], $5::int[]) AS x(t, c, p, n)`,
            [
              num,
              slice.map((r) => r.term),
              slice.map((r) => r.col),
              slice.map((r) => r.positions),
              slice.map((r) => r.passages),
            ],
          )
        }
        await insertMentions(client, num, stored.mentions)
        passageRows += stored.passages.length
        docTokens += stems + words + title
        passageTokens += stems + words
      }
      for (const failure of failures) {
        await client.query(
          `INSERT INTO failures (collection, root_path, path, code, reason, sha256, size, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            failure.collection,
            withoutNul(file.path),
            withoutNul(failure.path),
            failure.code,
            withoutNul(failure.reason),
            failure.sha256,
            failure.size,
            new Date().toISOString(),
          ],
        )
      }
      await upsertFile(client, file)
      await client.query(
        `INSERT INTO index_stats AS s (shard, version, doc_rows, doc_tokens, passage_rows, passage_tokens)
         VALUES (pg_backend_pid() % ${statsShards}, 1, $1, $2, $3, $4)
         ON CONFLICT (shard) DO UPDATE SET version = s.version + 1,
           doc_rows = s.doc_rows + excluded.doc_rows, doc_tokens = s.doc_tokens + excluded.doc_tokens,
           passage_rows = s.passage_rows + excluded.passage_rows,
           passage_tokens = s.passage_tokens + excluded.passage_tokens`,
        [documents.length, docTokens, passageRows, passageTokens],
      )
    })
    this.passageHitCache.clear()
    this.bestPassageCache.clear()
  }

  async putOriginal(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.blobs.put(sha256, bytes)
  }

  async readOriginal(sha256: string): Promise<Uint8Array> {
    return this.blobs.read(sha256)
  }

  async getDocument(idOrPath: string): Promise<DocumentRecord | null> {
    const db = await this.db()
    let { rows } = await db.query<DocumentRow>('SELECT * FROM documents WHERE id = $1', [idOrPath])
    if (rows.length === 0) {
      ;({ rows } = await db.query<DocumentRow>(
        'SELECT * FROM documents WHERE path = $1 ORDER BY num LIMIT 1',
        [idOrPath],
      ))
    }
    return rows[0] ? toDocument(rows[0]) : null
  }

  private async requireDocument(id: string, db?: Queryable): Promise<number> {
    const { rows } = await (db ?? (await this.db())).query<{ num: number }>(
      'SELECT num FROM documents WHERE id = $1',
      [id],
    )
    if (!rows[0]) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return rows[0].num
  }

  /** The text is stored as UTF-8 bytes, so a slice in UTF-16 units is taken after reading it. */
  async getTextSlice(id: string, start: number, end: number): Promise<string> {
    return (await this.getText(id)).slice(start, end)
  }

  async getText(id: string): Promise<string> {
    const { rows } = await (
      await this.db()
    ).query<{ text: Buffer | null }>(
      'SELECT t.text FROM documents d LEFT JOIN texts t ON t.num = d.num WHERE d.id = $1',
      [id],
    )
    if (!rows[0]) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    return rows[0].text?.toString('utf8') ?? ''
  }

  async getPassages(id: string): Promise<StoredPassage[]> {
    const num = await this.requireDocument(id)
    return this.passagesOf(await this.db(), num)
  }

  private async passagesOf(
    db: Queryable,
    num: number,
    ordinals?: number[],
  ): Promise<StoredPassage[]> {
    const { rows } = await db.query<PassageRow>(
      `SELECT ordinal, start_at AS start, end_at AS "end", page, lang FROM passages
       WHERE doc_num = $1 ${ordinals ? 'AND ordinal = ANY($2::int[])' : ''} ORDER BY ordinal`,
      ordinals ? [num, ordinals] : [num],
    )
    return rows.map(toPassage)
  }

  async getChildren(id: string): Promise<DocumentRecord[]> {
    const { rows } = await (
      await this.db()
    ).query<DocumentRow>('SELECT * FROM documents WHERE parent_id = $1 ORDER BY num', [id])
    return rows.map(toDocument)
  }

  async *listDocuments(): AsyncIterable<DocumentRecord> {
    const db = await this.db()
    let after = 0
    for (;;) {
      const { rows } = await db.query<DocumentRow>(
        'SELECT * FROM documents WHERE num > $1 ORDER BY num LIMIT 500',
        [after],
      )
      for (const row of rows) yield toDocument(row)
      if (rows.length < 500) return
      after = rows[rows.length - 1]!.num
    }
  }

  async *listFailures(): AsyncIterable<FailureRecord> {
    const db = await this.db()
    let after = 0
    for (;;) {
      const { rows } = await db.query<FailureRecord & { id: number }>(
        `SELECT id, path, code, reason, sha256, size, collection FROM failures
         WHERE id > $1 ORDER BY id LIMIT 500`,
        [after],
      )
      for (const row of rows) {
        yield {
          path: row.path,
          code: row.code,
          reason: row.reason,
          sha256: row.sha256,
          size: row.size,
          collection: row.collection,
        }
      }
      if (rows.length < 500) return
      after = rows[rows.length - 1]!.id
    }
  }

  async listCollections(): Promise<{ name: string; documents: number }[]> {
    const { rows } = await (
      await this.db()
    ).query<{ name: string; documents: number }>(
      'SELECT collection AS name, count(*) AS documents FROM documents GROUP BY collection ORDER BY collection',
    )
    return rows
  }

  // ---- search -------------------------------------------------------------------------------

  async search(query: StoreQuery, options: StoreSearchOptions): Promise<StoreSearchResult> {
    const plan = buildSearchPlan(query)
    if (plan.empty) return { total: 0, hits: [], facets: options.facets ? emptyFacets() : null }
    return this.transaction('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const leafDocs = new Map<StoreQuery, readonly number[]>()
      for (const leaf of matchLeaves(plan.conditions)) {
        leafDocs.set(leaf, await this.matchingDocs(client, leafExpression(leaf)))
      }
      const params = new SqlParams()
      const conditions = plan.conditions.map(
        (condition) => `(${sqlCondition(condition, params, (leaf) => leafDocs.get(leaf) ?? [])})`,
      )
      if (!plan.text) {
        const where = conditions.join(' AND ') || 'TRUE'
        const { rows: count } = await client.query<{ n: number }>(
          `SELECT count(*) AS n FROM documents d WHERE ${where}`,
          params.values,
        )
        const { rows } = await client.query<DocumentRow>(
          `SELECT d.* FROM documents d WHERE ${where} ORDER BY d.path, d.num
           LIMIT ${params.add(options.limit)} OFFSET ${params.add(options.offset)}`,
          params.values,
        )
        const facets = options.facets
          ? await this.facets(client, where, params.values.slice(0, -2))
          : null
        return {
          total: count[0]?.n ?? 0,
          hits: rows.map((row) => ({ doc: toDocument(row), score: 0 })),
          facets,
        }
      }
      const { hits: ranked, loaded } = await this.rank(client, plan.text, conditions, params)
      const page = ranked.slice(options.offset, options.offset + options.limit)
      const { rows } = await client.query<DocumentRow & Bounds>(
        'SELECT * FROM documents WHERE num = ANY($1::bigint[])',
        [page.map((hit) => hit.num)],
      )
      const byNum = new Map(rows.map((row) => [row.num, row]))
      await this.prefetchBestPassages(client, query, loaded, rows)
      const facets = options.facets
        ? await this.facets(client, 'd.num = ANY($1::bigint[])', [ranked.map((hit) => hit.num)])
        : null
      return {
        total: ranked.length,
        hits: page.map((hit) => ({ doc: toDocument(byNum.get(hit.num)!), score: -hit.bm25 })),
        facets,
      }
    })
  }

  /** Documents matching an expression, scored and ordered as SQLite orders `bm25(doc_fts…)`. */
  private async rank(
    client: Queryable,
    text: TextNode,
    conditions: readonly string[],
    params: SqlParams,
  ): Promise<{ hits: { num: number; bm25: number }[]; loaded: Loaded }> {
    const stats = await readStats(client)
    const phrases = phrasesOf(text)
    const rows = await loadPostings(client, phrases, null)
    const loaded = { stats, rows, keys: tokenKeys(phrases) }
    const hits = phrases.map(() => 0)
    const matched = new Map<number, readonly (readonly number[])[]>()
    for (const row of rows.values()) {
      phrases.forEach((phrase, i) => {
        if (phraseMatches(phrase, row)) hits[i]! += 1
      })
    }
    for (const { row, instances } of scanMatches(
      text,
      phrases.length,
      termSource(rows),
      docPrefixIndexes,
    )) {
      matched.set(row, instances)
    }
    if (matched.size === 0) return { hits: [], loaded }
    const nums = params.add([...matched.keys()])
    const { rows: lengths } = await client.query<{ num: number; n: number }>(
      `SELECT d.num, d.len_stems + d.len_words + d.len_title AS n FROM documents d
       WHERE d.num = ANY(${nums}::bigint[]) ${conditions.map((c) => `AND ${c}`).join(' ')}`,
      params.values,
    )
    const idf = await serverIdfs(client, { rows: stats.docRows, tokens: stats.docTokens, hits })
    const avgdl = stats.docTokens / stats.docRows
    const ranked = lengths
      .map((row) => ({
        num: row.num,
        bm25: bm25(matched.get(row.num)!, idf, avgdl, row.n, docWeights),
      }))
      .sort((a, b) => a.bm25 - b.bm25 || a.num - b.num)
    return { hits: ranked, loaded }
  }

  /** The documents an expression matches, unranked (a match leaf inside a SQL condition). */
  private async matchingDocs(client: Queryable, text: TextNode): Promise<number[]> {
    const phrases = phrasesOf(text)
    const rows = await loadPostings(client, phrases, null)
    return [...scanMatches(text, phrases.length, termSource(rows), docPrefixIndexes)].map(
      (match) => match.row,
    )
  }

  private async facets(client: Queryable, where: string, values: unknown[]): Promise<Facets> {
    const count = async (column: string): Promise<Record<string, number>> => {
      const { rows } = await client.query<{ k: string; n: number }>(
        `SELECT coalesce(d.${column}, 'und') AS k, count(*) AS n FROM documents d WHERE ${where}
         GROUP BY k ORDER BY n DESC, k`,
        values,
      )
      return Object.fromEntries(rows.map((row) => [row.k, row.n]))
    }
    const { rows: months } = await client.query<{ k: string; n: number }>(
      `SELECT substr(d.date, 1, 7) AS k, count(*) AS n FROM documents d
       WHERE (${where}) AND d.date ~ '^[0-9]{4}-[0-9]{2}' GROUP BY k ORDER BY k`,
      values,
    )
    const { rows: tags } = await client.query<{ k: string; n: number }>(
      `SELECT t.tag AS k, count(*) AS n FROM tags t
       WHERE t.doc_id IN (SELECT d.id FROM documents d WHERE ${where})
       GROUP BY t.tag ORDER BY n DESC, t.tag`,
      values,
    )
    const { rows: entityRows } = await client.query<{
      type: EntityType
      normalized: string
      docs: number
      value: string
    }>(
      // Entities of the hits, top ones per type, each shown as the hits write it most often.
      `WITH hit_mentions AS (
         SELECT m.type, m.normalized, m.value, m.doc_num FROM mentions m
         WHERE m.doc_num IN (SELECT d.num FROM documents d WHERE ${where})),
       ranked AS (
         SELECT type, normalized, count(DISTINCT doc_num) AS docs,
           row_number() OVER (PARTITION BY type
             ORDER BY count(DISTINCT doc_num) DESC, normalized) AS rank
         FROM hit_mentions GROUP BY type, normalized),
       ${displayValues('hit_mentions')}
       SELECT r.type, r.normalized, r.docs, b.value
       FROM ranked r JOIN display_values b ON b.type = r.type AND b.normalized = r.normalized
       WHERE r.rank <= ${entityFacetSize} ORDER BY r.type, r.rank`,
      values,
    )
    const entity: Partial<Record<EntityType, EntityFacet[]>> = {}
    for (const row of entityRows) {
      ;(entity[row.type] ??= []).push({
        normalized: row.normalized,
        value: row.value,
        docs: row.docs,
      })
    }
    return {
      lang: await count('lang'),
      type: await count('type'),
      date: Object.fromEntries(months.map((row) => [row.k, row.n])),
      tag: Object.fromEntries(tags.map((row) => [row.k, row.n])),
      entity,
    }
  }

  async bestPassage(id: string, query: StoreQuery): Promise<StoredPassage | null> {
    const expression = passageExpression(query)
    if (!expression) return null
    const db = await this.db()
    // One round trip tells whether the passage that search() chose is still the answer.
    const { rows } = await db.query<Bounds & IndexStats>(
      `SELECT d.num, d.passage_stems, d.passage_words, s.* FROM documents d, (${statsQuery}) s
       WHERE d.id = $1`,
      [id],
    )
    const doc = rows[0]
    if (!doc || doc.passage_stems.length === 0) return null
    const cached = this.bestPassageCache.get(bestPassageKey(id, query))
    if (cached && cached.num === doc.num && cached.version === doc.version) return cached.passage
    const phrases = phrasesOf(expression)
    const perPassage = await passagePostings(db, phrases, doc)
    const ordinal = await this.choosePassage(db, expression, doc, perPassage, doc)
    if (ordinal === null) return null
    return (await this.passagesOf(db, doc.num, [ordinal]))[0] ?? null
  }

  /** The passage SQLite's `ORDER BY bm25(passage_fts…) LIMIT 1` picks among a document's
   *  matching passages, or null when none matches. */
  private async choosePassage(
    db: Queryable,
    expression: TextNode,
    doc: Bounds,
    perPassage: ReadonlyMap<number, ReadonlyMap<string, readonly number[]>>,
    stats: IndexStats,
  ): Promise<number | null> {
    const matches = [
      ...scanMatches(
        expression,
        phrasesOf(expression).length,
        termSource(perPassage),
        passagePrefixIndexes,
      ),
    ]
    if (matches.length === 0) return null
    const hits: number[] = []
    for (const phrase of phrasesOf(expression)) {
      hits.push(await this.passageHits(db, phrase, stats.version))
    }
    const idf = await serverIdfs(db, {
      rows: stats.passageRows,
      tokens: stats.passageTokens,
      hits,
    })
    const avgdl = stats.passageTokens / stats.passageRows
    let best: { ordinal: number; score: number } | null = null
    // Passages in rowid order with a strict comparison: on a tie the first passage wins, as it
    // does in SQLite, which scans passage_fts by rowid.
    for (const { row, instances } of matches) {
      const score = bm25(instances, idf, avgdl, passageLength(doc, row), passageWeights)
      if (best === null || score < best.score) best = { ordinal: row, score }
    }
    return best?.ordinal ?? null
  }

  /** Chooses the best passages of a page of hits from the postings the ranking already read,
   *  for the bestPassage() calls that follow a search. */
  private async prefetchBestPassages(
    db: Queryable,
    query: StoreQuery,
    loaded: Loaded,
    docs: readonly (DocumentRow & Bounds)[],
  ): Promise<void> {
    const expression = passageExpression(query)
    if (!expression || docs.length === 0) return
    // Only when the ranking read every token the passages need (a word inside a SQL
    // condition may not have been).
    if (![...tokenKeys(phrasesOf(expression))].every((key) => loaded.keys.has(key))) return
    const chosen: { doc: DocumentRow & Bounds; ordinal: number }[] = []
    for (const doc of docs) {
      const row = loaded.rows.get(doc.num)
      if (!row || doc.passage_stems.length === 0) continue
      const ordinal = await this.choosePassage(
        db,
        expression,
        doc,
        splitByPassage(row, doc),
        loaded.stats,
      )
      if (ordinal !== null) chosen.push({ doc, ordinal })
    }
    if (chosen.length === 0) return
    const { rows } = await db.query<PassageRow & { doc_num: number }>(
      `SELECT p.doc_num, p.ordinal, p.start_at AS start, p.end_at AS "end", p.page, p.lang
       FROM passages p JOIN unnest($1::bigint[], $2::int[]) AS x(d, o)
         ON p.doc_num = x.d AND p.ordinal = x.o`,
      [chosen.map((c) => c.doc.num), chosen.map((c) => c.ordinal)],
    )
    if (this.bestPassageCache.size > 2000) this.bestPassageCache.clear()
    const byNum = new Map(rows.map((row) => [row.doc_num, row]))
    for (const { doc } of chosen) {
      const passage = byNum.get(doc.num)
      if (!passage) continue
      this.bestPassageCache.set(bestPassageKey(doc.id, query), {
        num: doc.num,
        version: loaded.stats.version,
        passage: toPassage(passage),
      })
    }
  }

  async matchingPassages(id: string, query: StoreQuery): Promise<StoredPassage[]> {
    const db = await this.db()
    const doc = await passageBounds(db, id)
    if (!doc) throw new DaleelError('DOCUMENT_NOT_FOUND', { id })
    const expression = passageExpression(query)
    if (!expression || doc.passage_stems.length === 0) return []
    const phrases = phrasesOf(expression)
    const perPassage = await passagePostings(db, phrases, doc)
    const ordinals = [
      ...scanMatches(expression, phrases.length, termSource(perPassage), passagePrefixIndexes),
    ].map((match) => match.row)
    return ordinals.length ? this.passagesOf(db, doc.num, ordinals) : []
  }

  /** How many passages of the whole store hold a phrase (bm25's IDF at passage level). */
  private async passageHits(db: Queryable, phrase: Phrase, version: number): Promise<number> {
    const key = JSON.stringify([phrase.tokens, phrase.prefix, phrase.columns])
    const cached = this.passageHitCache.get(key)
    if (cached && cached.version === version) return cached.hits
    let hits = 0
    const [token] = phrase.tokens
    if (phrase.tokens.length === 1 && !phrase.prefix && phrase.columns.length === 1) {
      const { rows } = await db.query<{ n: number }>(
        'SELECT coalesce(sum(passages), 0)::float8 AS n FROM postings WHERE term = $1 AND col = $2',
        [token, phrase.columns[0]],
      )
      hits = rows[0]?.n ?? 0
    } else if (phrase.tokens.length > 0) {
      const rows = await loadPostings(db, [phrase], null)
      const { rows: bounds } = await db.query<Bounds>(
        'SELECT num, passage_stems, passage_words FROM documents WHERE num = ANY($1::bigint[])',
        [[...rows.keys()]],
      )
      for (const doc of bounds) {
        for (const row of splitByPassage(rows.get(doc.num)!, doc).values()) {
          if (phraseMatches(phrase, row)) hits += 1
        }
      }
    }
    if (this.passageHitCache.size > 1000) this.passageHitCache.clear()
    this.passageHitCache.set(key, { version, hits })
    return hits
  }

  // ---- entities -----------------------------------------------------------------------------

  async listEntities(options: {
    type?: EntityType
    id?: string
    collections?: readonly string[]
    limit?: number
  }): Promise<EntityRecord[]> {
    const db = await this.db()
    const params = new SqlParams()
    const where: string[] = []
    if (options.type) where.push(`m.type = ${params.add(options.type)}`)
    if (options.id)
      where.push(`m.doc_num = ${params.add(await this.requireDocument(options.id, db))}`)
    if (options.collections) where.push(inCollections('m.doc_num', options.collections, params))
    // The display value is the most frequent surface form among the mentions counted.
    const { rows } = await db.query<EntityRecord>(
      `WITH counted AS (
         SELECT m.type, m.normalized, m.value, m.doc_num FROM mentions m
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}),
       ${displayValues('counted')},
       totals AS (
         SELECT type, normalized, count(*) AS count, count(DISTINCT doc_num) AS docs
         FROM counted GROUP BY type, normalized)
       SELECT t.type, t.normalized, t.count, t.docs, b.value
       FROM totals t JOIN display_values b ON b.type = t.type AND b.normalized = t.normalized
       ORDER BY t.count DESC, t.docs DESC, t.type, t.normalized
       ${options.limit === undefined ? '' : `LIMIT ${params.add(options.limit)}`}`,
      params.values,
    )
    return rows.map((row) => ({
      type: row.type,
      value: row.value,
      normalized: row.normalized,
      count: row.count,
      docs: row.docs,
    }))
  }

  async getMentions(id: string): Promise<MentionRecord[]> {
    const db = await this.db()
    const num = await this.requireDocument(id, db)
    const { rows } = await db.query<MentionRecord>(
      `SELECT type, normalized, value, start_at AS start, end_at AS "end", page FROM mentions
       WHERE doc_num = $1 ORDER BY start_at, id`,
      [num],
    )
    return rows.map((row) => ({ ...row }))
  }

  async entityMentions(
    entity: EntityKey,
    options: { limit: number; offset: number; collections?: readonly string[] },
  ): Promise<{ total: number; mentions: EntityMentionHit[] }> {
    const db = await this.db()
    const params = new SqlParams()
    const where = [
      `m.type = ${params.add(entity.type)}`,
      `m.normalized = ${params.add(entity.normalized)}`,
    ]
    if (options.collections) where.push(inCollections('m.doc_num', options.collections, params))
    const clause = where.join(' AND ')
    const { rows: count } = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM mentions m WHERE ${clause}`,
      params.values,
    )
    const { rows } = await db.query<MentionJoinRow>(
      `SELECT ${mentionColumns}, ${docSummaryColumns} FROM mentions m
       JOIN documents d ON d.num = m.doc_num WHERE ${clause}
       ORDER BY d.path, d.num, m.start_at, m.id
       LIMIT ${params.add(options.limit)} OFFSET ${params.add(options.offset)}`,
      params.values,
    )
    return { total: count[0]?.n ?? 0, mentions: rows.map(toMentionHit) }
  }

  async coOccurring(
    entity: EntityKey,
    options: { limit: number; collections?: readonly string[] },
  ): Promise<CoOccurrence[]> {
    const db = await this.db()
    const params = new SqlParams()
    const type = params.add(entity.type)
    const normalized = params.add(entity.normalized)
    const scope = options.collections
      ? `AND ${inCollections('doc_num', options.collections, params)}`
      : ''
    // Shown as written most often within the collections asked for.
    const valueScope = options.collections
      ? `AND ${inCollections('v.doc_num', options.collections, params)}`
      : ''
    const { rows } = await db.query<Omit<CoOccurrence, 'value'> & { value: string }>(
      `WITH shared_docs AS (
         SELECT DISTINCT doc_num FROM mentions WHERE type = ${type} AND normalized = ${normalized} ${scope}
       ), co AS (
         SELECT m.type, m.normalized, count(*) AS count, count(DISTINCT m.doc_num) AS shared
         FROM mentions m JOIN shared_docs s ON s.doc_num = m.doc_num
         WHERE NOT (m.type = ${type} AND m.normalized = ${normalized})
         GROUP BY m.type, m.normalized
         ORDER BY shared DESC, count DESC, m.type, m.normalized
         LIMIT ${params.add(options.limit)}
       )
       SELECT co.type, co.normalized, co.count, co.shared,
         (SELECT v.value FROM mentions v
          WHERE v.type = co.type AND v.normalized = co.normalized ${valueScope}
          GROUP BY v.value ORDER BY count(*) DESC, v.value LIMIT 1) AS value,
         (SELECT count(DISTINCT doc_num) FROM mentions
          WHERE type = co.type AND normalized = co.normalized ${scope}) AS docs
       FROM co ORDER BY co.shared DESC, co.count DESC, co.type, co.normalized`,
      params.values,
    )
    return rows.map((row) => ({
      type: row.type,
      normalized: row.normalized,
      count: row.count,
      shared: row.shared,
      value: row.value,
      docs: row.docs,
    }))
  }

  async timeline(options: {
    entity?: EntityKey
    limit: number
    collections?: readonly string[]
  }): Promise<TimelinePoint[]> {
    const db = await this.db()
    const params = new SqlParams()
    const where = ["m.type = 'date'"]
    if (options.entity) {
      where.push(
        `m.doc_num IN (SELECT doc_num FROM mentions WHERE type = ${params.add(options.entity.type)} AND normalized = ${params.add(options.entity.normalized)})`,
      )
    }
    if (options.collections) where.push(inCollections('m.doc_num', options.collections, params))
    const { rows } = await db.query<MentionJoinRow>(
      `SELECT ${mentionColumns}, ${docSummaryColumns} FROM mentions m
       JOIN documents d ON d.num = m.doc_num WHERE ${where.join(' AND ')}
       ORDER BY m.normalized, d.path, d.num, m.start_at, m.id LIMIT ${params.add(options.limit)}`,
      params.values,
    )
    return rows.map((row) => ({ date: row.normalized, ...toMentionHit(row) }))
  }

  async correspondence(options: {
    limit: number
    collections?: readonly string[]
  }): Promise<Correspondence[]> {
    const db = await this.db()
    const params = new SqlParams()
    const scope = options.collections
      ? `AND ${inCollections('num', options.collections, params)}`
      : ''
    const { rows } = await db.query<{ metadata: Metadata }>(
      `SELECT metadata FROM documents WHERE metadata ->> 'from' IS NOT NULL ${scope}`,
      params.values,
    )
    return countCorrespondence(
      rows.map(({ metadata }) => ({
        from: metadata['from'],
        to: metadata['to'],
        cc: metadata['cc'],
      })),
      options.limit,
    )
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
    await this.transaction('', async (client) => {
      const num = await this.requireDocument(id, client)
      await client.query('UPDATE documents SET lang = $1, langs = $2 WHERE num = $3', [
        analysis.lang,
        JSON.stringify(analysis.langs),
        num,
      ])
      await client.query(
        `UPDATE passages p SET lang = x.l FROM unnest($2::text[]) WITH ORDINALITY AS x(l, o)
         WHERE p.doc_num = $1 AND p.ordinal = x.o - 1`,
        [num, analysis.passageLangs],
      )
      await client.query('DELETE FROM mentions WHERE doc_num = $1', [num])
      await insertMentions(client, num, analysis.mentions)
      // Passage languages changed: passages chosen for snippets before are out of date.
      await client.query(
        `INSERT INTO index_stats AS s (shard, version) VALUES (pg_backend_pid() % ${statsShards}, 1)
         ON CONFLICT (shard) DO UPDATE SET version = s.version + 1`,
      )
    })
    this.bestPassageCache.clear()
  }

  // ---- tags and notes -----------------------------------------------------------------------

  async getTags(id: string): Promise<string[]> {
    const db = await this.db()
    await this.requireDocument(id, db)
    const { rows } = await db.query<{ tag: string }>(
      'SELECT tag FROM tags WHERE doc_id = $1 ORDER BY tag',
      [id],
    )
    return rows.map((row) => row.tag)
  }

  async addTag(id: string, tag: string): Promise<void> {
    const db = await this.db()
    await this.requireDocument(id, db)
    await db.query('INSERT INTO tags (doc_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      id,
      validTag(tag),
    ])
  }

  async removeTag(id: string, tag: string): Promise<void> {
    const db = await this.db()
    await this.requireDocument(id, db)
    await db.query('DELETE FROM tags WHERE doc_id = $1 AND tag = $2', [id, tag.trim()])
  }

  async listTags(
    options: { collections?: readonly string[] } = {},
  ): Promise<{ tag: string; docs: number }[]> {
    const params = new SqlParams()
    const scope = options.collections
      ? `WHERE ${inCollections('d.num', options.collections, params)}`
      : ''
    const { rows } = await (
      await this.db()
    ).query<{ tag: string; docs: number }>(
      `SELECT t.tag, count(*) AS docs FROM tags t JOIN documents d ON d.id = t.doc_id ${scope}
       GROUP BY t.tag ORDER BY docs DESC, t.tag`,
      params.values,
    )
    return rows
  }

  async addNote(note: NewNote): Promise<NoteRecord> {
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
    await (
      await this.db()
    ).query(
      `INSERT INTO notes (id, doc_id, start_at, end_at, quote, text, author, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        record.id,
        record.docId,
        record.start,
        record.end,
        record.quote,
        record.text,
        record.author,
        record.createdAt,
      ],
    )
    return record
  }

  async listNotes(options: {
    docId?: string
    query?: string
    collections?: readonly string[]
  }): Promise<NoteRecord[]> {
    const params = new SqlParams()
    const where = ['TRUE']
    if (options.docId) where.push(`n.doc_id = ${params.add(options.docId)}`)
    if (options.query) {
      const needle = `daleel_ascii_lower(${params.add(options.query)})`
      where.push(
        `(strpos(daleel_ascii_lower(n.text), ${needle}) > 0 OR strpos(daleel_ascii_lower(n.quote), ${needle}) > 0)`,
      )
    }
    if (options.collections) where.push(inCollections('d.num', options.collections, params))
    const { rows } = await (
      await this.db()
    ).query<NoteRecord>(
      `SELECT n.id, n.doc_id AS "docId", n.start_at AS start, n.end_at AS "end", n.quote, n.text,
         n.author, n.created_at AS "createdAt"
       FROM notes n JOIN documents d ON d.id = n.doc_id WHERE ${where.join(' AND ')}
       ORDER BY n.created_at DESC, n.id`,
      params.values,
    )
    return rows.map((row) => ({ ...row }))
  }

  async deleteNote(id: string): Promise<boolean> {
    const { rowCount } = await (await this.db()).query('DELETE FROM notes WHERE id = $1', [id])
    return (rowCount ?? 0) > 0
  }

  // ---- status and check ---------------------------------------------------------------------

  async status(): Promise<StoreStatus> {
    const db = await this.db()
    const one = async (sql: string): Promise<number> =>
      (await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0
    const group = async (column: string): Promise<Record<string, number>> => {
      const { rows } = await db.query<{ k: string; n: number }>(
        `SELECT coalesce(${column}, 'und') AS k, count(*) AS n FROM documents GROUP BY k ORDER BY n DESC, k`,
      )
      return Object.fromEntries(rows.map((row) => [row.k, row.n]))
    }
    return {
      documents: await one('SELECT count(*) AS n FROM documents'),
      failed: await one('SELECT count(*) AS n FROM failures'),
      byType: await group('type'),
      byLanguage: await group('lang'),
      originals: await one('SELECT count(DISTINCT sha256) AS n FROM documents'),
      storeBytes:
        (await one('SELECT pg_database_size(current_database()) AS n')) + (await this.blobs.size()),
    }
  }

  async check(): Promise<CheckProblem[]> {
    const db = await this.db()
    const problems: CheckProblem[] = []
    const counts: [string, string][] = [
      [
        'document without text',
        'SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM texts t WHERE t.num = d.num)',
      ],
      [
        'document with a missing parent',
        'SELECT count(*) AS n FROM documents d WHERE d.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents p WHERE p.id = d.parent_id)',
      ],
      [
        'passages out of step with the index',
        `SELECT count(*) AS n FROM documents d WHERE cardinality(d.passage_stems) <> cardinality(d.passage_words)
           OR cardinality(d.passage_stems) <> (SELECT count(*) FROM passages p WHERE p.doc_num = d.num)`,
      ],
      [
        // Every document's postings add up to its token counts, column by column.
        'document not in the index',
        `SELECT count(*) AS n FROM documents d LEFT JOIN (
           SELECT doc_num,
             sum(length(positions) / 4) FILTER (WHERE col = 0) AS s,
             sum(length(positions) / 4) FILTER (WHERE col = 1) AS w,
             sum(length(positions) / 4) FILTER (WHERE col = 2) AS t
           FROM postings GROUP BY doc_num) p ON p.doc_num = d.num
         WHERE coalesce(p.s, 0) <> d.len_stems OR coalesce(p.w, 0) <> d.len_words
           OR coalesce(p.t, 0) <> d.len_title
           OR d.passage_stems[cardinality(d.passage_stems)] IS DISTINCT FROM
              (CASE WHEN cardinality(d.passage_stems) = 0 THEN NULL ELSE d.len_stems END)`,
      ],
      [
        'index statistics behind the documents',
        `SELECT CASE WHEN (SELECT coalesce(sum(doc_rows), 0) FROM index_stats) < (SELECT count(*) FROM documents)
           THEN 1 ELSE 0 END AS n`,
      ],
      [
        'duplicate document path',
        'SELECT count(*) AS n FROM (SELECT 1 FROM documents GROUP BY collection, path HAVING count(*) > 1) x',
      ],
    ]
    for (const [kind, sql] of counts) {
      const n = (await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0
      if (n > 0) problems.push({ kind, detail: `${n} found` })
    }
    const { rows } = await db.query<{ sha256: string }>(
      'SELECT DISTINCT sha256 FROM documents ORDER BY sha256',
    )
    const { missing, corrupt } = await this.blobs.verify(rows.map((row) => row.sha256))
    for (const sha256 of missing) problems.push({ kind: 'original missing', detail: sha256 })
    for (const sha256 of corrupt) problems.push({ kind: 'original altered', detail: sha256 })
    return problems
  }

  async close(): Promise<void> {
    await this.started.catch(() => undefined)
    await this.pool.end()
  }
}

// ---- helpers ----------------------------------------------------------------------------------

async function upsertFile(db: Queryable, file: FileState): Promise<void> {
  await db.query(
    `INSERT INTO files (collection, path, size, mtime_ms, sha256) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (collection, path) DO UPDATE SET size = excluded.size,
       mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256`,
    [file.collection, file.path, file.size, file.mtimeMs, file.sha256],
  )
}

async function insertMentions(
  db: Queryable,
  num: number,
  mentions: readonly MentionRecord[],
): Promise<void> {
  if (mentions.length === 0) return
  await db.query(
    `INSERT INTO mentions (doc_num, type, normalized, value, start_at, end_at, page)
     SELECT $1, t, n, v, s, e, p
     FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[])
       WITH ORDINALITY AS x(t, n, v, s, e, p, o) ORDER BY o`,
    [
      num,
      mentions.map((m) => m.type),
      mentions.map((m) => withoutNul(m.normalized)),
      mentions.map((m) => withoutNul(m.value)),
      mentions.map((m) => m.start),
      mentions.map((m) => m.end),
      mentions.map((m) => m.page),
    ],
  )
}

/** IDFs with the logarithm taken by the server's C library, the same log() SQLite calls. */
async function serverIdfs(db: Queryable, stats: Bm25Stats): Promise<number[]> {
  const { rows } = await db.query<{ v: number }>(
    'SELECT ln(a) AS v FROM unnest($1::float8[]) WITH ORDINALITY AS x(a, o) ORDER BY o',
    [idfArguments(stats)],
  )
  return idfs(rows.map((row) => row.v))
}

const statsQuery = `SELECT coalesce(sum(version), 0)::float8 AS version,
    coalesce(sum(doc_rows), 0)::float8 AS "docRows",
    coalesce(sum(doc_tokens), 0)::float8 AS "docTokens",
    coalesce(sum(passage_rows), 0)::float8 AS "passageRows",
    coalesce(sum(passage_tokens), 0)::float8 AS "passageTokens"
  FROM index_stats`

async function readStats(db: Queryable): Promise<IndexStats> {
  const { rows } = await db.query<IndexStats>(statsQuery)
  return rows[0]!
}

/** What a ranking read: the index statistics and the postings of its tokens. */
interface Loaded {
  readonly stats: IndexStats
  readonly rows: ReadonlyMap<number, ReadonlyMap<string, readonly number[]>>
  readonly keys: ReadonlySet<string>
}

function tokenKeys(phrases: readonly Phrase[]): Set<string> {
  return new Set(phrases.flatMap((phrase) => phrase.tokens.map((_, i) => tokenKey(phrase, i))))
}

function bestPassageKey(id: string, query: StoreQuery): string {
  return `${id}\u0000${JSON.stringify(query)}`
}

/** Each document's postings for the tokens of some phrases: document → token key → positions
 *  (column-encoded, ascending). `nums` limits it to some documents. */
async function loadPostings(
  db: Queryable,
  phrases: readonly Phrase[],
  nums: readonly number[] | null,
): Promise<Map<number, Map<string, number[]>>> {
  const exact = new Set<string>()
  const prefixes = new Set<string>()
  for (const phrase of phrases) {
    phrase.tokens.forEach((token, i) => {
      if (tokenKey(phrase, i).startsWith('*')) prefixes.add(token)
      else exact.add(token)
    })
  }
  const out = new Map<number, Map<string, number[]>>()
  const unsorted = new Set<number[]>()
  if (exact.size === 0 && prefixes.size === 0) return out
  // One statement for every token of the query.
  const params = new SqlParams()
  const wanted = [
    ...(exact.size > 0 ? [`term = ANY(${params.add([...exact])}::text[])`] : []),
    ...[...prefixes].map(
      (prefix) => `term LIKE ${params.add(`${prefix.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`)}`,
    ),
  ]
  const scope = nums ? `AND doc_num = ANY(${params.add(nums)}::bigint[])` : ''
  const { rows } = await db.query<{ term: string; col: number; doc: number; positions: Buffer }>(
    `SELECT term, col, doc_num AS doc, positions FROM postings
     WHERE (${wanted.join(' OR ')}) ${scope}`,
    params.values,
  )
  for (const row of rows) {
    const keys: string[] = []
    if (exact.has(row.term)) keys.push(`=${row.term}`)
    for (const prefix of prefixes) if (row.term.startsWith(prefix)) keys.push(`*${prefix}`)
    let doc = out.get(row.doc)
    if (!doc) out.set(row.doc, (doc = new Map<string, number[]>()))
    const base = row.col * COLUMN_SPAN
    const buffer = row.positions
    for (const key of keys) {
      let list = doc.get(key)
      if (!list) doc.set(key, (list = []))
      else unsorted.add(list)
      for (let i = 0; i + 4 <= buffer.length; i += 4) list.push(base + buffer.readInt32LE(i))
    }
  }
  for (const list of unsorted) list.sort((a, b) => a - b)
  return out
}

/** The postings of some documents (or passages) as the FTS5 cursor reads them. */
function termSource(rows: ReadonlyMap<number, ReadonlyMap<string, readonly number[]>>): TermSource {
  const byKey = new Map<string, number[]>()
  for (const [row, keys] of rows) {
    for (const key of keys.keys()) {
      const list = byKey.get(key)
      if (list) list.push(row)
      else byKey.set(key, [row])
    }
  }
  for (const list of byKey.values()) list.sort((a, b) => a - b)
  return {
    rowsOf: (key) => byKey.get(key) ?? [],
    positionsOf: (row, key) => rows.get(row)?.get(key) ?? [],
  }
}

interface Bounds {
  num: number
  passage_stems: number[]
  passage_words: number[]
}

async function passageBounds(db: Queryable, id: string): Promise<Bounds | null> {
  const { rows } = await db.query<Bounds>(
    'SELECT num, passage_stems, passage_words FROM documents WHERE id = $1',
    [id],
  )
  return rows[0] ?? null
}

function passageLength(doc: Bounds, ordinal: number): number {
  const span = (ends: number[]): number => (ends[ordinal] ?? 0) - (ends[ordinal - 1] ?? 0)
  return span(doc.passage_stems) + span(doc.passage_words)
}

/** A document's postings cut into its passages: passage ordinal → token key → positions
 *  relative to the passage (stems and words columns only, as in passage_fts). */
function splitByPassage(row: RowPostings, doc: Bounds): Map<number, Map<string, number[]>> {
  const out = new Map<number, Map<string, number[]>>()
  for (const [key, positions] of row) {
    for (const position of positions) {
      const col = Math.floor(position / COLUMN_SPAN)
      if (col !== STEMS && col !== WORDS) continue
      const ends = col === STEMS ? doc.passage_stems : doc.passage_words
      const offset = position - col * COLUMN_SPAN
      const ordinal = passageOf(ends, offset)
      const local = col * COLUMN_SPAN + offset - (ends[ordinal - 1] ?? 0)
      let passage = out.get(ordinal)
      if (!passage) out.set(ordinal, (passage = new Map<string, number[]>()))
      const list = passage.get(key)
      if (list) list.push(local)
      else passage.set(key, [local])
    }
  }
  return out
}

async function passagePostings(
  db: Queryable,
  phrases: readonly Phrase[],
  doc: Bounds,
): Promise<Map<number, Map<string, number[]>>> {
  const rows = await loadPostings(db, phrases, [doc.num])
  const row = rows.get(doc.num)
  return row ? splitByPassage(row, doc) : new Map()
}

function inCollections(
  numColumn: string,
  collections: readonly string[],
  params: SqlParams,
): string {
  if (collections.length === 0) return 'FALSE'
  return `${numColumn} IN (SELECT num FROM documents WHERE collection = ANY(${params.add(collections)}::text[]))`
}

/** A `display_values(type, normalized, value)` CTE: each entity's most frequent surface form
 *  among the mentions in `source` (ties: the smallest), as the SQLite engine picks it. One pass
 *  over the mentions, where a correlated subquery per entity would rescan them each time. */
function displayValues(source: string): string {
  return `display_values AS (
    SELECT DISTINCT ON (type, normalized) type, normalized, value
    FROM (SELECT type, normalized, value, count(*) AS n FROM ${source}
          GROUP BY type, normalized, value) x
    ORDER BY type, normalized, n DESC, value)`
}

// PostgreSQL text cannot hold U+0000. The raw text is stored as bytes and keeps it; in names,
// titles, metadata and messages it becomes U+FFFD (one UTF-16 unit, so offsets stay put).
function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value
}

function jsonWithoutNul(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'string' ? withoutNul(item) : item,
  )
}

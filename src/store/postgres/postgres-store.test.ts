import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { skipPostgres, TestDatabases } from '../../../test/support/postgres.js'
import { aStoredDocument, describeStoreContract } from '../store.contract.js'
import type { FileState, StoreQuery } from '../store.js'
import { openPostgresStore, parseStoreUrl, type PostgresStore } from './postgres-store.js'

const databases = new TestDatabases()

/** A migrated store in a fresh database, its originals under `blobs`. */
async function freshStore(blobs: string): Promise<{ store: PostgresStore; url: string }> {
  const url = new URL(await databases.createSchema())
  url.searchParams.set('blobs', blobs)
  const store = openPostgresStore(url.toString())
  await store.ready()
  return { store, url: url.toString() }
}

const fileState = (path: string, sha256 = 'x'): FileState => ({
  collection: 'default',
  path,
  size: 1,
  mtimeMs: 1,
  sha256,
})
const match = (...terms: string[]): Extract<StoreQuery, { kind: 'match' }> => ({
  kind: 'match',
  terms,
  forms: terms,
  slop: null,
  prefix: false,
  scope: 'all',
})
const options = { limit: 10, offset: 0, facets: false }

describe.skipIf(skipPostgres())('postgres store', () => {
  afterAll(() => databases.dropAll())

  describeStoreContract('postgres', async (dir) => (await freshStore(join(dir, 'originals'))).store)

  describe('engine specifics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daleel-pg-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('reports an unreachable server as an unusable store, without the password', async () => {
      const store = openPostgresStore('postgres://someone:secret@127.0.0.1:1/nowhere')
      await expect(store.getDocument('x')).rejects.toMatchObject({ code: 'STORE_UNUSABLE' })
      await expect(store.ready()).rejects.not.toThrow(/secret/u)
      expect(store.location).not.toContain('secret')
      await store.close()
    })

    it('takes the originals folder from the URL, else from DALEEL_BLOBS', () => {
      expect(parseStoreUrl('postgres://h/db?blobs=/srv/originals&sslmode=disable')).toEqual({
        connectionString: 'postgres://h/db?sslmode=disable',
        blobs: '/srv/originals',
      })
      const saved = process.env.DALEEL_BLOBS
      process.env.DALEEL_BLOBS = '/shared/blobs'
      try {
        expect(parseStoreUrl('postgres://h/db').blobs).toBe('/shared/blobs')
      } finally {
        if (saved === undefined) delete process.env.DALEEL_BLOBS
        else process.env.DALEEL_BLOBS = saved
      }
    })

    it('applies its migrations once and refuses a schema from a newer version', async () => {
      const { store, url } = await freshStore(join(dir, 'm'))
      await store.close()
      const again = openPostgresStore(url)
      await again.ready()
      await again.close()
      const client = new pg.Client({ connectionString: parseStoreUrl(url).connectionString })
      await client.connect()
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM schema_migrations',
      )
      expect(Number(rows[0]?.n)).toBeGreaterThan(0)
      await client.query('INSERT INTO schema_migrations (version) VALUES (9999)')
      await client.end()
      const newer = openPostgresStore(url)
      await expect(newer.ready()).rejects.toThrow(/newer Daleel/u)
      await newer.close()
    })

    it('finds a phrase anywhere in a book, far beyond tsvector position limits', async () => {
      const { store } = await freshStore(join(dir, 'book'))
      const filler = Array.from({ length: 400 }, (_, i) => `w${i % 50} `.repeat(100).trim())
      await store.replaceFile(
        fileState('book.txt'),
        [aStoredDocument('book', 'book.txt', [...filler, 'the ministry of finance closes'])],
        [],
      )
      expect((await store.search(match('ministry', 'of', 'finance'), options)).total).toBe(1)
      expect((await store.bestPassage('book', match('ministry', 'of', 'finance')))?.index).toBe(400)
      const near: StoreQuery = { ...match('ministry', 'closes'), slop: 2 }
      expect((await store.matchingPassages('book', near)).map((p) => p.index)).toEqual([400])
      await store.close()
    })

    it('keeps the previous version of a file when replacing it fails half-way', async () => {
      const { store } = await freshStore(join(dir, 'atomic'))
      await store.replaceFile(fileState('a.txt'), [aStoredDocument('a', 'a.txt', ['first'])], [])
      // Two documents with one id: the second insert fails inside the transaction.
      await expect(
        store.replaceFile(
          fileState('a.txt', 'new'),
          [aStoredDocument('b', 'a.txt', ['second']), aStoredDocument('b', 'a.txt!/x', ['x'])],
          [],
        ),
      ).rejects.toThrow()
      expect((await store.getDocument('a'))?.path).toBe('a.txt')
      expect((await store.search(match('first'), options)).total).toBe(1)
      expect((await store.search(match('second'), options)).total).toBe(0)
      expect((await store.getFileState('default', 'a.txt'))?.sha256).toBe('x')
      await store.close()
    })

    it('lets several workers write different files at once', async () => {
      const { store, url } = await freshStore(join(dir, 'workers'))
      const other = openPostgresStore(url)
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? store : other).replaceFile(
            fileState(`f${i}.txt`),
            [aStoredDocument(`d${i}`, `f${i}.txt`, [`shared word${i}`])],
            [],
          ),
        ),
      )
      expect((await store.search(match('shared'), options)).total).toBe(12)
      expect(await store.check()).toHaveLength(12) // the originals were never written
      await other.close()
      await store.close()
    })

    it('reports an index that no longer matches its documents', async () => {
      const { store, url } = await freshStore(join(dir, 'check'))
      await store.replaceFile(
        fileState('a.txt'),
        [aStoredDocument('a', 'a.txt', ['alpha beta'])],
        [],
      )
      const client = new pg.Client({ connectionString: parseStoreUrl(url).connectionString })
      await client.connect()
      await client.query("DELETE FROM postings WHERE term = 'beta'")
      await client.end()
      expect((await store.check()).map((p) => p.kind)).toContain('document not in the index')
      await store.close()
    })
  })
})

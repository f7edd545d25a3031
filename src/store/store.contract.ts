/** The behaviour every store engine shows. Each engine's test calls describeStoreContract. */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentRecord } from '../domain/index.js'
import { sha256Hex } from './blob-store.js'
import type { FileState, Store, StoredDocument, StoreQuery } from './store.js'

/** Builds a stored document whose passages hold the given (already analysed) words. */
export function aStoredDocument(
  id: string,
  path: string,
  passages: string[],
  overrides: Partial<DocumentRecord> = {},
): StoredDocument {
  let offset = 0
  const text = passages.join('\n\n')
  return {
    doc: {
      id,
      path,
      parent: null,
      collection: 'default',
      type: 'text',
      mediaType: 'text/plain',
      sha256: sha256Hex(new TextEncoder().encode(text)),
      size: text.length,
      title: null,
      lang: 'en',
      langs: ['en'],
      encoding: 'utf-8',
      method: 'text',
      metadata: {},
      warnings: [],
      pageCount: null,
      textLength: text.length,
      indexedAt: '2026-01-01T00:00:00.000Z',
      modified: null,
      ...overrides,
    },
    text,
    titleStems: '',
    mentions: [],
    passages: passages.map((words) => {
      const start = offset
      offset += words.length + 2
      return { start, end: start + words.length, page: null, lang: 'en', stems: words, words }
    }),
  }
}

const fileState = (path: string, sha256 = 'x'): FileState => ({
  collection: 'default',
  path,
  size: 1,
  mtimeMs: 1,
  sha256,
})
const match = (...terms: string[]): StoreQuery => ({
  kind: 'match',
  terms,
  forms: terms,
  slop: null,
  prefix: false,
  scope: 'all',
})
const options = { limit: 10, offset: 0, facets: true }

export function describeStoreContract(engine: string, open: (dir: string) => Store): void {
  describe(`${engine} store contract`, () => {
    let dir: string
    let store: Store
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'daleel-store-'))
      store = open(dir)
    })
    afterEach(() => {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('finds a stored document by a word and ranks the denser match first', () => {
      store.replaceFile(
        fileState('a.txt'),
        [aStoredDocument('a', 'a.txt', ['money transfer bank'])],
        [],
      )
      store.replaceFile(
        fileState('b.txt'),
        [aStoredDocument('b', 'b.txt', ['transfer transfer transfer of money'])],
        [],
      )
      const result = store.search(match('transfer'), options)
      expect(result.total).toBe(2)
      expect(result.hits.map((hit) => hit.doc.id)).toEqual(['b', 'a'])
      expect(result.facets?.lang).toEqual({ en: 2 })
    })

    it('matches a phrase only in order and a proximity query within its distance', () => {
      store.replaceFile(
        fileState('a.txt'),
        [aStoredDocument('a', 'a.txt', ['ministry of finance report'])],
        [],
      )
      store.replaceFile(
        fileState('b.txt'),
        [aStoredDocument('b', 'b.txt', ['finance of ministry'])],
        [],
      )
      expect(
        store.search(match('ministry', 'of', 'finance'), options).hits.map((h) => h.doc.id),
      ).toEqual(['a'])
      const near: StoreQuery = {
        kind: 'match',
        terms: ['ministry', 'report'],
        forms: ['ministry', 'report'],
        slop: 3,
        prefix: false,
        scope: 'all',
      }
      expect(store.search(near, options).total).toBe(1)
      const tooFar: StoreQuery = { ...near, slop: 1 }
      expect(store.search(tooFar, options).total).toBe(0)
    })

    it('combines words with AND, OR and NOT, and NOT alone', () => {
      store.replaceFile(fileState('a.txt'), [aStoredDocument('a', 'a.txt', ['alpha beta'])], [])
      store.replaceFile(fileState('b.txt'), [aStoredDocument('b', 'b.txt', ['alpha gamma'])], [])
      store.replaceFile(fileState('c.txt'), [aStoredDocument('c', 'c.txt', ['delta'])], [])
      const ids = (query: StoreQuery): string[] =>
        store
          .search(query, options)
          .hits.map((h) => h.doc.id)
          .sort()
      expect(ids({ kind: 'and', children: [match('alpha'), match('beta')] })).toEqual(['a'])
      expect(ids({ kind: 'or', children: [match('beta'), match('delta')] })).toEqual(['a', 'c'])
      expect(
        ids({ kind: 'and', children: [match('alpha'), { kind: 'not', child: match('beta') }] }),
      ).toEqual(['b'])
      expect(ids({ kind: 'not', child: match('alpha') })).toEqual(['c'])
      expect(
        ids({
          kind: 'or',
          children: [match('delta'), { kind: 'filter', field: 'path', value: 'b.txt' }],
        }),
      ).toEqual(['b', 'c'])
    })

    it('filters by language, type and path, and pages through every hit', () => {
      for (let i = 0; i < 25; i += 1) {
        store.replaceFile(
          fileState(`f${i}.txt`),
          [
            aStoredDocument(`d${i}`, `dir/f${i}.txt`, ['common word'], {
              lang: i % 2 ? 'ar' : 'he',
            }),
          ],
          [],
        )
      }
      const lang: StoreQuery = {
        kind: 'and',
        children: [match('common'), { kind: 'filter', field: 'lang', value: 'ar' }],
      }
      expect(store.search(lang, options).total).toBe(12)
      const seen = new Set<string>()
      for (let offset = 0; offset < 25; offset += 10) {
        for (const hit of store.search(match('common'), { ...options, offset }).hits)
          seen.add(hit.doc.id)
      }
      expect(seen.size).toBe(25)
    })

    it('replaces everything of a file when it is stored again, leaving nothing twice', async () => {
      store.replaceFile(
        fileState('z.zip'),
        [
          aStoredDocument('z', 'z.zip', ['container']),
          aStoredDocument('z1', 'z.zip!/a.txt', ['inner words'], { parent: 'z' }),
        ],
        [
          {
            path: 'z.zip!/b.pdf',
            code: 'FILE_CORRUPT',
            reason: 'bad',
            sha256: null,
            size: 1,
            collection: 'default',
          },
        ],
      )
      store.replaceFile(
        fileState('z.zip', 'y'),
        [
          aStoredDocument('z', 'z.zip', ['container']),
          aStoredDocument('z1', 'z.zip!/a.txt', ['other words'], { parent: 'z' }),
        ],
        [],
      )
      expect(store.search(match('inner'), options).total).toBe(0)
      expect(store.search(match('other'), options).total).toBe(1)
      expect([...store.listDocuments()]).toHaveLength(2)
      expect([...store.listFailures()]).toHaveLength(0)
      expect(store.getChildren('z').map((d) => d.path)).toEqual(['z.zip!/a.txt'])
      expect(store.getFileState('default', 'z.zip')?.sha256).toBe('y')
      expect(await store.check()).toEqual([
        { kind: 'original missing', detail: expect.any(String) as string },
        { kind: 'original missing', detail: expect.any(String) as string },
      ])
    })

    it('keeps originals byte-identical by hash and reports a tampered one', async () => {
      const bytes = new Uint8Array([0, 1, 2, 255, 10, 13])
      const stored = aStoredDocument('o', 'o.bin', ['x'], { sha256: sha256Hex(bytes) })
      await store.putOriginal(stored.doc.sha256, bytes)
      await store.putOriginal(stored.doc.sha256, bytes)
      store.replaceFile(fileState('o.bin'), [stored], [])
      expect(Buffer.from(await store.readOriginal(stored.doc.sha256))).toEqual(Buffer.from(bytes))
      expect(await store.check()).toEqual([])
      const { writeFileSync } = await import('node:fs')
      const { sha256: hash } = stored.doc
      writeFileSync(join(dir, 'originals', hash.slice(0, 2), hash.slice(2, 4), hash), 'tampered')
      expect((await store.check()).map((p) => p.kind)).toEqual(['original altered'])
    })

    it('finds the best passage of a document for the snippet', () => {
      store.replaceFile(
        fileState('p.txt'),
        [aStoredDocument('p', 'p.txt', ['first passage here', 'second has the needle', 'third'])],
        [],
      )
      expect(store.bestPassage('p', match('needle'))?.index).toBe(1)
      expect(store.bestPassage('p', match('absent'))).toBeNull()
    })

    it('groups mentions into entities across documents and filters documents by entity', () => {
      const money = (start: number) => ({
        type: 'money' as const,
        value: '$10 million',
        normalized: '10000000 USD',
        start,
        end: start + 11,
        page: 1,
      })
      const a = {
        ...aStoredDocument('a', 'a.txt', ['paid']),
        mentions: [
          money(0),
          money(20),
          {
            type: 'date' as const,
            value: 'January 2024',
            normalized: '2024-01',
            start: 40,
            end: 52,
            page: null,
          },
        ],
      }
      const b = {
        ...aStoredDocument('b', 'b.txt', ['paid']),
        mentions: [{ ...money(5), value: '10 million dollars' }],
      }
      store.replaceFile(fileState('a.txt'), [a], [])
      store.replaceFile(fileState('b.txt'), [b], [])
      expect(store.listEntities({})).toEqual([
        { type: 'money', value: '$10 million', normalized: '10000000 USD', count: 3, docs: 2 },
        { type: 'date', value: 'January 2024', normalized: '2024-01', count: 1, docs: 1 },
      ])
      expect(store.listEntities({ type: 'date', id: 'b' })).toEqual([])
      expect(store.listEntities({ id: 'b' })[0]).toMatchObject({ count: 1, docs: 1 })
      expect(store.getMentions('a').map((m) => m.start)).toEqual([0, 20, 40])
      const ids = (query: StoreQuery): string[] =>
        store
          .search(query, options)
          .hits.map((h) => h.doc.id)
          .sort()
      expect(ids({ kind: 'filter', field: 'entity', value: '10000000 USD' })).toEqual(['a', 'b'])
      expect(ids({ kind: 'filter', field: 'entity', value: '2024', prefix: true })).toEqual(['a'])
      expect(
        ids({
          kind: 'and',
          children: [match('paid'), { kind: 'filter', field: 'entity', value: 'January 2024' }],
        }),
      ).toEqual(['a'])
    })

    it("replaces a document's language and mentions when it is analysed again", () => {
      store.replaceFile(fileState('a.txt'), [aStoredDocument('a', 'a.txt', ['one', 'two'])], [])
      store.updateAnalysis('a', {
        lang: 'he',
        langs: ['he', 'en'],
        passageLangs: ['he', 'en'],
        mentions: [
          { type: 'email', value: 'x@y.org', normalized: 'x@y.org', start: 0, end: 7, page: null },
        ],
      })
      expect(store.getDocument('a')).toMatchObject({ lang: 'he', langs: ['he', 'en'] })
      expect(store.getPassages('a').map((p) => p.lang)).toEqual(['he', 'en'])
      expect(store.listEntities({}).map((e) => e.normalized)).toEqual(['x@y.org'])
      store.replaceFile(fileState('a.txt', 'again'), [aStoredDocument('a', 'a.txt', ['one'])], [])
      expect(store.listEntities({})).toEqual([])
    })

    it('looks documents up by id or by path', () => {
      store.replaceFile(fileState('a.txt'), [aStoredDocument('a', 'folder/a.txt', ['x'])], [])
      expect(store.getDocument('a')?.path).toBe('folder/a.txt')
      expect(store.getDocument('folder/a.txt')?.id).toBe('a')
      expect(store.getDocument('nope')).toBeNull()
    })
  })
}

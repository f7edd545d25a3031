/** The behaviour every store engine shows. Each engine's test calls describeStoreContract. */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentRecord, MentionRecord } from '../domain/index.js'
import { sha256Hex } from './blob-store.js'
import { collect } from './index.js'
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

/** Runs the contract on one engine. `open(dir)` gives a fresh, empty store that keeps its
 *  originals under `dir/originals`; `cleanup` (optional) drops what the engine made elsewhere. */
export function describeStoreContract(
  engine: string,
  open: (dir: string) => Store | Promise<Store>,
): void {
  describe(`${engine} store contract`, () => {
    let dir: string
    let store: Store
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'daleel-store-'))
      store = await open(dir)
    })
    afterEach(async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('finds a stored document by a word and ranks the denser match first', async () => {
      await store.replaceFile(
        fileState('a.txt'),
        [aStoredDocument('a', 'a.txt', ['money transfer bank'])],
        [],
      )
      await store.replaceFile(
        fileState('b.txt'),
        [aStoredDocument('b', 'b.txt', ['transfer transfer transfer of money'])],
        [],
      )
      const result = await store.search(match('transfer'), options)
      expect(result.total).toBe(2)
      expect(result.hits.map((hit) => hit.doc.id)).toEqual(['b', 'a'])
      expect(result.facets?.lang).toEqual({ en: 2 })
    })

    it('matches a phrase only in order and a proximity query within its distance', async () => {
      await store.replaceFile(
        fileState('a.txt'),
        [aStoredDocument('a', 'a.txt', ['ministry of finance report'])],
        [],
      )
      await store.replaceFile(
        fileState('b.txt'),
        [aStoredDocument('b', 'b.txt', ['finance of ministry'])],
        [],
      )
      expect(
        (await store.search(match('ministry', 'of', 'finance'), options)).hits.map((h) => h.doc.id),
      ).toEqual(['a'])
      const near: StoreQuery = {
        kind: 'match',
        terms: ['ministry', 'report'],
        forms: ['ministry', 'report'],
        slop: 3,
        prefix: false,
        scope: 'all',
      }
      expect((await store.search(near, options)).total).toBe(1)
      const tooFar: StoreQuery = { ...near, slop: 1 }
      expect((await store.search(tooFar, options)).total).toBe(0)
    })

    it('combines words with AND, OR and NOT, and NOT alone', async () => {
      await store.replaceFile(
        fileState('a.txt'),
        [aStoredDocument('a', 'a.txt', ['alpha beta'])],
        [],
      )
      await store.replaceFile(
        fileState('b.txt'),
        [aStoredDocument('b', 'b.txt', ['alpha gamma'])],
        [],
      )
      await store.replaceFile(fileState('c.txt'), [aStoredDocument('c', 'c.txt', ['delta'])], [])
      const ids = async (query: StoreQuery): Promise<string[]> =>
        (await store.search(query, options)).hits.map((h) => h.doc.id).sort()
      expect(await ids({ kind: 'and', children: [match('alpha'), match('beta')] })).toEqual(['a'])
      expect(await ids({ kind: 'or', children: [match('beta'), match('delta')] })).toEqual([
        'a',
        'c',
      ])
      expect(
        await ids({
          kind: 'and',
          children: [match('alpha'), { kind: 'not', child: match('beta') }],
        }),
      ).toEqual(['b'])
      expect(await ids({ kind: 'not', child: match('alpha') })).toEqual(['c'])
      expect(
        await ids({
          kind: 'or',
          children: [match('delta'), { kind: 'filter', field: 'path', value: 'b.txt' }],
        }),
      ).toEqual(['b', 'c'])
    })

    it('filters by language, type and path, and pages through every hit', async () => {
      for (let i = 0; i < 25; i += 1) {
        await store.replaceFile(
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
      expect((await store.search(lang, options)).total).toBe(12)
      const seen = new Set<string>()
      for (let offset = 0; offset < 25; offset += 10) {
        for (const hit of (await store.search(match('common'), { ...options, offset })).hits)
          seen.add(hit.doc.id)
      }
      expect(seen.size).toBe(25)
    })

    it('replaces everything of a file when it is stored again, leaving nothing twice', async () => {
      await store.replaceFile(
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
      await store.replaceFile(
        fileState('z.zip', 'y'),
        [
          aStoredDocument('z', 'z.zip', ['container']),
          aStoredDocument('z1', 'z.zip!/a.txt', ['other words'], { parent: 'z' }),
        ],
        [],
      )
      expect((await store.search(match('inner'), options)).total).toBe(0)
      expect((await store.search(match('other'), options)).total).toBe(1)
      expect(await collect(store.listDocuments())).toHaveLength(2)
      expect(await collect(store.listFailures())).toHaveLength(0)
      expect((await store.getChildren('z')).map((d) => d.path)).toEqual(['z.zip!/a.txt'])
      expect((await store.getFileState('default', 'z.zip'))?.sha256).toBe('y')
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
      await store.replaceFile(fileState('o.bin'), [stored], [])
      expect(Buffer.from(await store.readOriginal(stored.doc.sha256))).toEqual(Buffer.from(bytes))
      expect(await store.check()).toEqual([])
      const { writeFileSync } = await import('node:fs')
      const { sha256: hash } = stored.doc
      writeFileSync(join(dir, 'originals', hash.slice(0, 2), hash.slice(2, 4), hash), 'tampered')
      expect((await store.check()).map((p) => p.kind)).toEqual(['original altered'])
    })

    it('finds the best passage of a document for the snippet', async () => {
      await store.replaceFile(
        fileState('p.txt'),
        [aStoredDocument('p', 'p.txt', ['first passage here', 'second has the needle', 'third'])],
        [],
      )
      expect((await store.bestPassage('p', match('needle')))?.index).toBe(1)
      expect(await store.bestPassage('p', match('absent'))).toBeNull()
    })

    it('groups mentions into entities across documents and filters documents by entity', async () => {
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
      await store.replaceFile(fileState('a.txt'), [a], [])
      await store.replaceFile(fileState('b.txt'), [b], [])
      expect(await store.listEntities({})).toEqual([
        { type: 'money', value: '$10 million', normalized: '10000000 USD', count: 3, docs: 2 },
        { type: 'date', value: 'January 2024', normalized: '2024-01', count: 1, docs: 1 },
      ])
      expect(await store.listEntities({ type: 'date', id: 'b' })).toEqual([])
      expect((await store.listEntities({ id: 'b' }))[0]).toMatchObject({ count: 1, docs: 1 })
      expect((await store.getMentions('a')).map((m) => m.start)).toEqual([0, 20, 40])
      const ids = async (query: StoreQuery): Promise<string[]> =>
        (await store.search(query, options)).hits.map((h) => h.doc.id).sort()
      expect(await ids({ kind: 'filter', field: 'entity', value: '10000000 USD' })).toEqual([
        'a',
        'b',
      ])
      expect(await ids({ kind: 'filter', field: 'entity', value: '2024', prefix: true })).toEqual([
        'a',
      ])
      expect(
        await ids({
          kind: 'and',
          children: [match('paid'), { kind: 'filter', field: 'entity', value: 'January 2024' }],
        }),
      ).toEqual(['a'])
    })

    it("replaces a document's language and mentions when it is analysed again", async () => {
      await store.replaceFile(
        fileState('a.txt'),
        [aStoredDocument('a', 'a.txt', ['one', 'two'])],
        [],
      )
      await store.updateAnalysis('a', {
        lang: 'he',
        langs: ['he', 'en'],
        passageLangs: ['he', 'en'],
        mentions: [
          { type: 'email', value: 'x@y.org', normalized: 'x@y.org', start: 0, end: 7, page: null },
        ],
      })
      expect(await store.getDocument('a')).toMatchObject({ lang: 'he', langs: ['he', 'en'] })
      expect((await store.getPassages('a')).map((p) => p.lang)).toEqual(['he', 'en'])
      expect((await store.listEntities({})).map((e) => e.normalized)).toEqual(['x@y.org'])
      await store.replaceFile(
        fileState('a.txt', 'again'),
        [aStoredDocument('a', 'a.txt', ['one'])],
        [],
      )
      expect(await store.listEntities({})).toEqual([])
    })

    it('reads a slice of the text in UTF-16 offsets, also after characters beyond the BMP', async () => {
      const plain = aStoredDocument('p', 'p.txt', ['alpha beta', 'gamma delta'])
      const astral = aStoredDocument('e', 'e.txt', ['𝔸𝔹 emoji 😀 then', 'بعدها كلمة'])
      await store.replaceFile(fileState('p.txt'), [plain], [])
      await store.replaceFile(fileState('e.txt'), [astral], [])
      for (const stored of [plain, astral]) {
        const second = stored.passages[1]
        expect(second).toBeDefined()
        if (!second) continue
        expect(await store.getTextSlice(stored.doc.id, second.start, second.end)).toBe(
          stored.text.slice(second.start, second.end),
        )
        expect(await store.getTextSlice(stored.doc.id, 3, 3)).toBe('')
      }
      await expect(store.getTextSlice('nope', 0, 1)).rejects.toMatchObject({
        code: 'DOCUMENT_NOT_FOUND',
      })
    })

    it('looks documents up by id or by path', async () => {
      await store.replaceFile(fileState('a.txt'), [aStoredDocument('a', 'folder/a.txt', ['x'])], [])
      expect((await store.getDocument('a'))?.path).toBe('folder/a.txt')
      expect((await store.getDocument('folder/a.txt'))?.id).toBe('a')
      expect(await store.getDocument('nope')).toBeNull()
    })

    it('keeps tags and notes on a document id across a new indexing of its file', async () => {
      await store.replaceFile(
        fileState('a.txt'),
        [aStoredDocument('a', 'a.txt', ['alpha words'])],
        [],
      )
      await store.replaceFile(
        fileState('b.txt'),
        [aStoredDocument('b', 'b.txt', ['beta words'])],
        [],
      )
      await store.addTag('a', '  suspicious ')
      await store.addTag('a', 'suspicious')
      await store.addTag('a', 'Follow up')
      await store.addTag('b', 'suspicious')
      expect(await store.getTags('a')).toEqual(['Follow up', 'suspicious'])
      expect(await store.listTags()).toEqual([
        { tag: 'suspicious', docs: 2 },
        { tag: 'Follow up', docs: 1 },
      ])
      const note = await store.addNote({
        docId: 'a',
        start: 0,
        end: 5,
        text: 'Check the Alpha account',
        author: 'rana',
      })
      expect(note).toMatchObject({ docId: 'a', quote: 'alpha', text: 'Check the Alpha account' })
      await store.replaceFile(
        fileState('a.txt', 'changed'),
        [aStoredDocument('a', 'a.txt', ['alpha words again'])],
        [],
      )
      expect(await store.getTags('a')).toEqual(['Follow up', 'suspicious'])
      expect((await store.listNotes({ docId: 'a' })).map((n) => n.id)).toEqual([note.id])
      const tagged = await store.search(
        { kind: 'filter', field: 'tag', value: 'suspicious' },
        options,
      )
      expect(tagged.hits.map((h) => h.doc.id).sort()).toEqual(['a', 'b'])
      expect(tagged.facets?.tag).toEqual({ suspicious: 2, 'Follow up': 1 })
      const noted = await store.search(
        { kind: 'filter', field: 'note', value: 'alpha ACCOUNT' },
        options,
      )
      expect(noted.hits.map((h) => h.doc.id)).toEqual(['a'])
      expect(await store.listNotes({ query: 'ACCOUNT' })).toHaveLength(1)
      expect(await store.listNotes({ query: 'nothing like it' })).toHaveLength(0)
      await store.removeTag('a', 'suspicious')
      expect(await store.getTags('a')).toEqual(['Follow up'])
      expect(await store.deleteNote(note.id)).toBe(true)
      expect(await store.deleteNote(note.id)).toBe(false)
      expect(await store.listNotes({})).toEqual([])
    })

    it('refuses a note outside the text, an empty tag, and an unknown document', async () => {
      await store.replaceFile(fileState('a.txt'), [aStoredDocument('a', 'a.txt', ['short'])], [])
      await expect(
        store.addNote({ docId: 'a', start: 2, end: 99, text: 'x', author: null }),
      ).rejects.toMatchObject({ code: 'CITE_RANGE' })
      await expect(
        store.addNote({ docId: 'a', start: 3, end: 2, text: 'x', author: null }),
      ).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' })
      await expect(store.addTag('a', '   ')).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' })
      await expect(store.addTag('nope', 'x')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' })
      await expect(store.getTags('nope')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' })
    })

    it('lists the mentions of an entity, what occurs with it, and the dated mentions', async () => {
      const mention = (
        type: MentionRecord['type'],
        value: string,
        normalized: string,
        start: number,
      ) => ({
        type,
        value,
        normalized,
        start,
        end: start + value.length,
        page: null,
      })
      const acme = (start: number) => mention('organization', 'ACME', 'acme', start)
      await store.replaceFile(
        fileState('a.txt'),
        [
          {
            ...aStoredDocument('a', 'a.txt', ['ACME paid Rana on 2024-03-01']),
            mentions: [
              acme(0),
              mention('person', 'Rana', 'rana', 10),
              mention('date', '2024-03-01', '2024-03-01', 18),
            ],
          },
        ],
        [],
      )
      await store.replaceFile(
        fileState('b.txt'),
        [
          {
            ...aStoredDocument('b', 'b.txt', ['In 2023 ACME met Rana and ACME met Omar']),
            mentions: [
              mention('date', '2023', '2023', 3),
              acme(8),
              mention('person', 'Rana', 'rana', 17),
              acme(26),
              mention('person', 'Omar', 'omar', 35),
            ],
          },
        ],
        [],
      )
      await store.replaceFile(
        fileState('c.txt'),
        [
          {
            ...aStoredDocument('c', 'c.txt', ['Omar in 2022']),
            mentions: [mention('date', '2022', '2022', 8)],
          },
        ],
        [],
      )
      const key = { type: 'organization', normalized: 'acme' } as const
      const mentions = await store.entityMentions(key, { limit: 2, offset: 1 })
      expect(mentions.total).toBe(3)
      expect(mentions.mentions.map((m) => [m.doc.path, m.mention.start])).toEqual([
        ['b.txt', 8],
        ['b.txt', 26],
      ])
      expect(mentions.mentions[0]?.mention.value).toBe('ACME')
      const together = await store.coOccurring(key, { limit: 10 })
      expect(together.map((e) => [e.type, e.normalized, e.shared])).toEqual([
        ['person', 'rana', 2],
        ['date', '2023', 1],
        ['date', '2024-03-01', 1],
        ['person', 'omar', 1],
      ])
      expect(together.find((e) => e.normalized === 'rana')).toMatchObject({
        value: 'Rana',
        docs: 2,
      })
      const all = await store.timeline({ limit: 10 })
      expect(all.map((p) => [p.date, p.doc.id])).toEqual([
        ['2022', 'c'],
        ['2023', 'b'],
        ['2024-03-01', 'a'],
      ])
      expect((await store.timeline({ entity: key, limit: 10 })).map((p) => p.date)).toEqual([
        '2023',
        '2024-03-01',
      ])
      expect(await store.timeline({ limit: 10, collections: ['elsewhere'] })).toEqual([])
      // Spelled otherwise in another collection: each collection sees its own spelling.
      await store.replaceFile(
        { ...fileState('d.txt'), collection: 'other' },
        [
          {
            ...aStoredDocument('d', 'd.txt', ['Acme Acme'], { collection: 'other' }),
            mentions: [
              mention('organization', 'Acme', 'acme', 0),
              mention('organization', 'Acme', 'acme', 5),
            ],
          },
        ],
        [],
      )
      const spelled = async (collections: string[]) =>
        (await store.listEntities({ type: 'organization', collections }))[0]?.value
      expect(await spelled(['default'])).toBe('ACME')
      expect(await spelled(['other'])).toBe('Acme')
      expect(
        (
          await store.coOccurring(
            { type: 'person', normalized: 'rana' },
            { limit: 5, collections: ['default'] },
          )
        )[0],
      ).toMatchObject({ normalized: 'acme', value: 'ACME' })
      expect(await store.listEntities({ collections: ['elsewhere'] })).toEqual([])
      expect(await store.listEntities({ type: 'person', limit: 1 })).toHaveLength(1)
    })

    it('facets the hits by month, tag and entities, and lists collections', async () => {
      const dated = (id: string, date: string, collection = 'default') => ({
        ...aStoredDocument(id, `${id}.txt`, ['report'], { collection, metadata: { date } }),
        mentions: [
          {
            type: 'email' as const,
            value: 'a@x.org',
            normalized: 'a@x.org',
            start: 0,
            end: 7,
            page: null,
          },
        ],
      })
      await store.replaceFile(fileState('a.txt'), [dated('a', '2024-01-05')], [])
      await store.replaceFile(fileState('b.txt'), [dated('b', '2024-01-20T10:00:00Z')], [])
      await store.replaceFile(fileState('c.txt'), [dated('c', '2023-12-31', 'leak2')], [])
      await store.addTag('c', 'key')
      const result = await store.search(match('report'), options)
      expect(result.facets?.date).toEqual({ '2023-12': 1, '2024-01': 2 })
      expect(Object.keys(result.facets?.date ?? {})).toEqual(['2023-12', '2024-01'])
      expect(result.facets?.tag).toEqual({ key: 1 })
      expect(result.facets?.entity.email).toEqual([
        { normalized: 'a@x.org', value: 'a@x.org', docs: 3 },
      ])
      expect(await store.listCollections()).toEqual([
        { name: 'default', documents: 2 },
        { name: 'leak2', documents: 1 },
      ])
      const dateRange: StoreQuery = { kind: 'range', field: 'date', from: '2024-01', to: '2024-01' }
      expect((await store.search(dateRange, options)).total).toBe(2)
    })

    it('counts mail between addresses and finds every passage that matches', async () => {
      const mail = (id: string, from: string, to: string[]) =>
        aStoredDocument(id, `${id}.eml`, ['hello there', 'nothing', 'hello again'], {
          type: 'email',
          metadata: { from: [from], to },
        })
      await store.replaceFile(
        fileState('m1'),
        [mail('m1', 'Rana <RANA@x.org>', ['omar@x.org'])],
        [],
      )
      await store.replaceFile(
        fileState('m2'),
        [mail('m2', 'rana@x.org', ['omar@x.org', 'Legal <legal@x.org>'])],
        [],
      )
      expect(await store.correspondence({ limit: 10 })).toEqual([
        { from: 'rana@x.org', to: 'omar@x.org', messages: 2 },
        { from: 'rana@x.org', to: 'legal@x.org', messages: 1 },
      ])
      expect((await store.matchingPassages('m1', match('hello'))).map((p) => p.index)).toEqual([
        0, 2,
      ])
      expect(await store.matchingPassages('m1', match('absent'))).toEqual([])
    })
  })
}

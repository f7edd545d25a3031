/** The same data in both engines gives the same answers: hits in the same order with the same
 *  scores, totals, facets, pages and snippets. Documents are analysed with the real analyser
 *  (Arabic, Hebrew and English), some files are indexed twice and one is removed, so bm25's
 *  running totals are exercised too; a second corpus of random words stresses phrases, NEAR,
 *  prefixes and boolean logic with random queries. */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { skipPostgres, TestDatabases } from '../../../test/support/postgres.js'
import { analyze } from '../../analysis/index.js'
import { findMentions } from '../../ingest/find-mentions.js'
import { cutPassages } from '../../ingest/process-item.js'
import { SearchService } from '../../search/index.js'
import { sha256Hex } from '../blob-store.js'
import { openStore } from '../open-store.js'
import type { FileState, Store, StoredDocument, StoreQuery } from '../store.js'

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sentences: Record<'ar' | 'he' | 'en', string[]> = {
  ar: [
    'أعلنت وزارة المالية عن تحويل مبلغ 10 ملايين دولار إلى حساب الشركة في بيروت.',
    'وقال المتحدث باسم الوزارة إن التحقيق ما زال جاريا في عقود النفط.',
    'وصلت الرسالة إلى مكتب المدير العام في 8 يناير 2024 بعد تأخير طويل.',
    'تُظهر الوثائق أنّ الشركات الوهمية نقلت الأموال عبر مصارف في قبرص.',
    'اجتمع الوزير مع ممثلي البنك الدولي لمناقشة القروض الجديدة.',
    'ونفى مدير الشركة أي علاقة له بالحسابات السرية في الخارج.',
    'بالوزارة والوزارات المعنية لجنة خاصة للتحقيق في الصفقة.',
  ],
  he: [
    'משרד האוצר הודיע על העברה של 5 מיליון שקלים לחברה בתל אביב.',
    'החקירה נגד מנכ"ל החברה נמשכת כבר שלוש שנים.',
    'המסמכים מראים כי הכסף עבר דרך בנקים בקפריסין ובלבנון.',
    'השר נפגש עם נציגי הבנק העולמי בירושלים ב-12 במרץ 2023.',
    'הדוח השנתי של הוועדה פורסם אתמול באתר המשרד.',
    'לפי העדות, החוזים נחתמו בלי מכרז ובלי פיקוח.',
  ],
  en: [
    'The Ministry of Finance transferred $10 million to the company account in Beirut.',
    'A spokesman for the ministry said the investigation into the oil contracts continues.',
    'The letter reached the director general on 8 January 2024 after a long delay.',
    'Documents show that shell companies moved the money through banks in Cyprus.',
    'The minister met representatives of the World Bank to discuss new loans.',
    'Contact the press office at press@example.org or +44 20 7946 0958 for comment.',
    'Transfers, transferring and transferred funds were all recorded by the bank.',
  ],
}

function analysedDocument(
  id: string,
  path: string,
  text: string,
  lang: string,
  extra: { title?: string; metadata?: Record<string, string | string[]> } = {},
): StoredDocument {
  const passages = cutPassages(text).flatMap((span) => {
    const tokens = analyze(text.slice(span.start, span.end))
    if (tokens.length === 0) return []
    return [
      {
        ...span,
        lang,
        stems: tokens.map((t) => t.term).join(' '),
        words: tokens.map((t) => t.form).join(' '),
      },
    ]
  })
  return {
    doc: {
      id,
      path,
      parent: null,
      collection: 'default',
      type: path.endsWith('.eml') ? 'email' : 'text',
      mediaType: 'text/plain',
      sha256: sha256Hex(new TextEncoder().encode(text)),
      size: text.length,
      title: extra.title ?? null,
      lang,
      langs: [lang],
      encoding: 'utf-8',
      method: 'text',
      metadata: extra.metadata ?? {},
      warnings: [],
      pageCount: null,
      textLength: text.length,
      indexedAt: '2026-01-01T00:00:00.000Z',
      modified: null,
    },
    text,
    passages,
    titleStems: extra.title
      ? analyze(extra.title)
          .map((t) => t.term)
          .join(' ')
      : '',
    mentions: findMentions(text, passages),
  }
}

const fileState = (path: string, sha256 = 'x'): FileState => ({
  collection: 'default',
  path,
  size: 1,
  mtimeMs: 1,
  sha256,
})

/** The same writes, in the same order, into every store. */
async function both(stores: Store[], write: (store: Store) => Promise<unknown>): Promise<void> {
  for (const store of stores) await write(store)
}

const databases = new TestDatabases()

describe.skipIf(skipPostgres())('the PostgreSQL and SQLite engines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'daleel-compare-'))
  let sqlite: Store
  let postgres: Store

  beforeAll(async () => {
    sqlite = await openStore(join(dir, 'sqlite'))
    const url = new URL(await databases.createSchema())
    url.searchParams.set('blobs', join(dir, 'blobs'))
    postgres = await openStore(url.toString())
    const stores = [sqlite, postgres]
    const next = random(42)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
    const languages = ['ar', 'he', 'en'] as const
    const documents: StoredDocument[] = []
    for (let i = 0; i < 48; i += 1) {
      const lang = pick(languages)
      // A few long documents (many passages), most of a paragraph or two.
      const count = i % 16 === 0 ? 400 : 1 + Math.floor(next() * 12)
      const text = Array.from({ length: count }, (_, k) =>
        k % 5 === 4 ? `${pick(sentences[lang])}\n\n` : pick(sentences[lang]),
      ).join(' ')
      const mail = i % 7 === 0
      documents.push(
        analysedDocument(`d${i}`, `corpus/${lang}/doc${i}.${mail ? 'eml' : 'txt'}`, text, lang, {
          title: i % 3 === 0 ? pick(sentences[lang]).slice(0, 40) : undefined,
          metadata: {
            ...(i % 4 === 0 ? { date: `202${i % 5}-0${1 + (i % 9)}-1${i % 10}` } : {}),
            ...(mail
              ? {
                  from: `Rana <rana${i % 2}@example.org>`,
                  to: ['press@example.org'],
                  subject: 'Loans',
                }
              : {}),
          },
        }),
      )
    }
    for (const stored of documents) {
      await both(stores, (s) => s.replaceFile(fileState(stored.doc.path), [stored], []))
    }
    // Indexing again and removing a file leave FTS5's running totals behind the data: both
    // engines must rank with the same totals.
    for (const stored of documents.slice(5, 12)) {
      await both(stores, (s) => s.replaceFile(fileState(stored.doc.path, 'again'), [stored], []))
    }
    await both(stores, (s) => s.replaceFile(fileState(documents[3]!.doc.path, 'gone'), [], []))
    await both(stores, async (s) => {
      await s.addTag('d1', 'important')
      await s.addTag('d2', 'important')
      await s.addTag('d2', 'Loans')
      await s.addNote({
        docId: 'd4',
        start: 0,
        end: 5,
        text: 'Check the Beirut account',
        author: null,
      })
    })
  })

  afterAll(async () => {
    await sqlite.close()
    await postgres.close()
    await databases.dropAll()
    rmSync(dir, { recursive: true, force: true })
  })

  const queries = [
    'transfer',
    'الوزارة',
    'وزارة المالية',
    '"وزارة المالية"',
    'بالوزارة',
    'משרד האוצר',
    '"הבנק העולמי"',
    'בנק',
    '"ministry of finance"',
    '"money banks"~3',
    '"الشركة حساب"~4',
    'transf*',
    'بال*',
    'מש*',
    'bank OR בנק OR البنك',
    'ministry -oil',
    'NOT ministry',
    'ministry NOT (oil OR loans)',
    '(bank OR loans) lang:en',
    'lang:ar',
    'type:email',
    'path:corpus/he',
    'entity:"10000000 USD"',
    'entity:2024*',
    'date:2021..2023-06',
    'tag:important',
    'note:beirut',
    'title:ministry',
    'from:rana0',
    'transfer OR path:doc1',
    'company AND NOT lang:he',
    'zzzunknownword',
  ]

  it.each(queries)('answers %j alike', async (query) => {
    const [a, b] = [new SearchService(sqlite), new SearchService(postgres)]
    for (const offset of [0, 3]) {
      const options = { limit: 7, offset, facets: true }
      expect(await b.search(query, options)).toEqual(await a.search(query, options))
    }
  })

  it('gives bit-for-bit the scores of FTS5 bm25', async () => {
    const query: StoreQuery = {
      kind: 'or',
      children: [
        {
          kind: 'match',
          terms: ['bank'],
          forms: ['bank'],
          slop: null,
          prefix: false,
          scope: 'all',
        },
        {
          kind: 'match',
          terms: ['transfer'],
          forms: ['transferred'],
          slop: null,
          prefix: false,
          scope: 'all',
        },
      ],
    }
    const options = { limit: 100, offset: 0, facets: false }
    const [x, y] = [await sqlite.search(query, options), await postgres.search(query, options)]
    expect(y.total).toBeGreaterThan(5)
    expect(y.hits.map((h) => [h.doc.id, h.score])).toEqual(x.hits.map((h) => [h.doc.id, h.score]))
  })

  it('agrees on random phrase, NEAR, prefix and boolean queries over random words', async () => {
    const url = new URL(await databases.createSchema())
    url.searchParams.set('blobs', join(dir, 'blobs2'))
    const pg2 = await openStore(url.toString())
    const lite2 = await openStore(join(dir, 'sqlite2'))
    const stores = [lite2, pg2]
    const next = random(7)
    const vocabulary = ['ab', 'abc', 'abd', 'b', 'c', 'cd', 'd', 'e']
    const words = (n: number): string =>
      Array.from({ length: n }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ')
    for (let i = 0; i < 40; i += 1) {
      const passages = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
        words(1 + Math.floor(next() * 12)),
      )
      let offset = 0
      const stored: StoredDocument = {
        ...analysedDocument(`r${i}`, `r${i}.txt`, passages.join('\n\n'), 'en'),
        titleStems: i % 3 ? '' : words(3),
        passages: passages.map((p) => {
          const start = offset
          offset += p.length + 2
          // The exact forms differ from the stems now and then, as real analysis makes them.
          const forms = p.split(' ').map((w) => (w === 'b' ? 'bb' : w))
          return {
            start,
            end: start + p.length,
            page: null,
            lang: 'en',
            stems: p,
            words: forms.join(' '),
          }
        }),
      }
      await both(stores, (s) => s.replaceFile(fileState(`r${i}.txt`), [stored], []))
      if (i % 9 === 0)
        await both(stores, (s) => s.replaceFile(fileState(`r${i}.txt`, 'y'), [stored], []))
    }
    const leaf = (): StoreQuery => {
      const n = 1 + Math.floor(next() * 3)
      const terms = words(n).split(' ')
      const roll = next()
      return {
        kind: 'match',
        terms,
        forms: terms.map((t) => (t === 'b' && next() < 0.5 ? 'bb' : t)),
        slop: roll < 0.35 && n > 1 ? Math.floor(next() * 4) : null,
        prefix: roll > 0.8,
        scope: next() < 0.15 ? 'title' : 'all',
      }
    }
    const query = (depth: number): StoreQuery => {
      const roll = next()
      if (depth === 0 || roll < 0.4) return leaf()
      if (roll < 0.65) return { kind: 'and', children: [query(depth - 1), query(depth - 1)] }
      if (roll < 0.85) return { kind: 'or', children: [query(depth - 1), query(depth - 1)] }
      if (roll < 0.95)
        return { kind: 'and', children: [query(depth - 1), { kind: 'not', child: leaf() }] }
      return { kind: 'not', child: leaf() }
    }
    const options = { limit: 50, offset: 0, facets: false }
    let compared = 0
    for (let q = 0; q < 250; q += 1) {
      const storeQuery = query(2)
      const [x, y] = [
        await lite2.search(storeQuery, options),
        await pg2.search(storeQuery, options),
      ]
      const label = JSON.stringify(storeQuery)
      expect(y.total, label).toBe(x.total)
      expect(
        y.hits.map((h) => [h.doc.id, h.score]),
        label,
      ).toEqual(x.hits.map((h) => [h.doc.id, h.score]))
      for (const hit of x.hits.slice(0, 3)) {
        expect(await pg2.bestPassage(hit.doc.id, storeQuery), label).toEqual(
          await lite2.bestPassage(hit.doc.id, storeQuery),
        )
        expect(await pg2.matchingPassages(hit.doc.id, storeQuery), label).toEqual(
          await lite2.matchingPassages(hit.doc.id, storeQuery),
        )
      }
      compared += x.total
    }
    expect(compared).toBeGreaterThan(300)
    await pg2.close()
    await lite2.close()
  })
})

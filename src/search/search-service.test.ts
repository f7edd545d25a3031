import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { analyze } from '../analysis/index.js'
import { DaleelError } from '../domain/index.js'
import { openStore, type Store, type StoredDocument } from '../store/index.js'
import { aStoredDocument } from '../store/store.contract.js'
import { SearchService } from './search-service.js'

/** A document whose passages are analysed the way ingest does it, one page per passage. */
function anAnalysedDocument(id: string, pages: string[], lang = 'ar'): StoredDocument {
  const text = pages.join('\n\n')
  let start = 0
  const passages = pages.map((page, index) => {
    const tokens = analyze(page)
    const passage = {
      start,
      end: start + page.length,
      page: index + 1,
      lang,
      stems: tokens.map((t) => t.term).join(' '),
      words: tokens.map((t) => t.form).join(' '),
    }
    start += page.length + 2
    return passage
  })
  const base = aStoredDocument(id, `${id}.pdf`, [], { lang, type: 'pdf', pageCount: pages.length })
  return { ...base, text, passages, doc: { ...base.doc, textLength: text.length } }
}

describe('SearchService', () => {
  let dir: string
  let store: Store
  let search: SearchService
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'daleel-search-'))
    store = await openStore(dir)
    search = new SearchService(store)
    const file = (path: string) => ({
      collection: 'default',
      path,
      size: 1,
      mtimeMs: 1,
      sha256: 'x',
    })
    await store.replaceFile(
      file('a'),
      [
        anAnalysedDocument('a', [
          'مقدمة التقرير السنوي',
          'أعلنت وزارةُ الماليّة عن التحويلات. وزارة أخرى والمالية وحدها.',
        ]),
      ],
      [],
    )
    await store.replaceFile(
      file('b'),
      [anAnalysedDocument('b', ['The ministry reported transfers to Geneva.'], 'en')],
      [],
    )
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('opens the hit on the page of the best passage, with the real text in the snippet', async () => {
    const [hit] = (await search.search('وزاره الماليه')).hits
    expect(hit?.page).toBe(2)
    expect(hit?.snippet).toContain('وزارةُ الماليّة')
  })

  it('finds Arabic words written with ب ل ك attached, in words and phrases', async () => {
    const file = { collection: 'default', path: 'c', size: 1, mtimeMs: 1, sha256: 'x' }
    await store.replaceFile(
      file,
      [anAnalysedDocument('c', ['رسالة لوزارة الخارجية وبكتاب رسمي'])],
      [],
    )
    for (const query of ['وزارة الخارجية', '"وزارة الخارجية"', 'كتاب', '"لوزارة الخارجية"']) {
      expect(
        (await search.search(query)).hits.map((h) => h.id),
        query,
      ).toContain('c')
    }
    expect((await search.search('"وزارة الخارجية"')).hits[0]?.snippet).toContain('لوزارة الخارجية')
  })

  it('highlights a phrase where it occurs as a whole, not its words elsewhere', async () => {
    const [hit] = (await search.search('"وزارة المالية"')).hits
    const marked = hit?.highlights.map(([s, e]) => hit.snippet.slice(s, e))
    expect(marked).toEqual(['وزارةُ', 'الماليّة'])
  })

  it('highlights prefix matches and never the words of a NOT', async () => {
    const [hit] = (await search.search('transf* -Zurich')).hits
    expect(hit?.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['transfers'])
    const [other] = (await search.search('ministry -وزارة')).hits
    expect(other?.id).toBe('b')
  })

  it('reports totals and facets beyond the page of hits', async () => {
    const result = await search.search('*', { limit: 1, facets: true })
    expect(result.total).toBe(2)
    expect(result.hits).toHaveLength(1)
    expect(result.facets?.lang).toEqual({ ar: 1, en: 1 })
  })

  it('explains a malformed query with a QUERY_SYNTAX error', async () => {
    await expect(search.search('(unbalanced')).rejects.toThrow(DaleelError)
  })

  it('matches nothing, without an error, for a query made only of punctuation', async () => {
    expect((await search.search('…')).total).toBe(0)
  })
})

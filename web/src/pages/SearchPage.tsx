/** Search: the query box with the contract's syntax, facets, and hits with snippet, page and
 *  path. No cap on results: every hit is reachable by paging, and the next page is fetched
 *  ahead so paging is instant. */

import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { api, ApiError } from '../api-client.js'
import type { SearchResult } from '../api-types.js'
import { fileName } from '../bidi.js'
import { FacetPanel } from '../components/Facets/FacetPanel.js'
import { QueryHelp } from '../components/QueryHelp/QueryHelp.js'
import { Isolated, Snippet } from '../components/Snippet/Snippet.js'
import { useLocale } from '../i18n.js'
import { href, navigate, type Route } from '../router.js'
import { sessionEpoch } from '../session.js'

const pageSize = 20
const cache = new Map<string, Promise<SearchResult>>()
let cacheEpoch = sessionEpoch()

function fetchPage(q: string, offset: number): Promise<SearchResult> {
  // Another user signed in: the hits kept for the previous one are not theirs to see.
  if (cacheEpoch !== sessionEpoch()) {
    cache.clear()
    cacheEpoch = sessionEpoch()
  }
  const key = `${offset}\u0000${q}`
  let result = cache.get(key)
  if (!result) {
    result = api.search(q, offset, pageSize, true)
    result.catch(() => cache.delete(key))
    cache.set(key, result)
    if (cache.size > 50) cache.delete(cache.keys().next().value ?? '')
  }
  return result
}

export function SearchPage({ route }: { route: Route }): JSX.Element {
  const { t } = useLocale()
  const q = route.params.get('q') ?? ''
  const offset = Math.max(0, Number(route.params.get('offset') ?? 0) || 0)
  const [input, setInput] = useState(q)
  const [result, setResult] = useState<SearchResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => setInput(q), [q])
  useEffect(() => {
    if (!q.trim()) {
      setResult(null)
      setError(null)
      inputRef.current?.focus()
      return
    }
    let current = true
    setLoading(true)
    // A new query never shows the hits of the previous one; paging keeps them until the next page.
    setResult((shown) => (shown?.query === q ? shown : null))
    fetchPage(q, offset)
      .then((found) => {
        if (!current) return
        setResult(found)
        setError(null)
        if (offset + pageSize < found.total)
          void fetchPage(q, offset + pageSize).catch(() => undefined)
      })
      .catch((caught: unknown) => {
        if (current) setError(caught instanceof ApiError ? caught.message : String(caught))
      })
      .finally(() => current && setLoading(false))
    return () => {
      current = false
    }
  }, [q, offset])

  const search = (query: string): void => navigate(href('search', [], { q: query.trim() }))
  const addFilter = (filter: string): void => search(`${q} ${filter}`)

  return (
    <div class="search-page">
      <form
        class="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault()
          search(input)
        }}
      >
        <input
          ref={inputRef}
          type="search"
          name="q"
          dir="auto"
          value={input}
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchButton')}
          onInput={(event) => setInput(event.currentTarget.value)}
          autoComplete="off"
          spellcheck={false}
        />
        <button type="submit">{t('searchButton')}</button>
      </form>
      <QueryHelp />
      {error && (
        <p class="error" role="alert">
          {t('error', { message: error })}
        </p>
      )}
      {!q.trim() && <p class="hint">{t('emptyStart')}</p>}
      {!result && loading && <p class="hint">{t('searching')}</p>}
      {result && q.trim() && (
        <div class="results-layout">
          <aside class="results-facets">
            <details open={window.innerWidth > 700}>
              <summary>{t('filters')}</summary>
              {result.facets && <FacetPanel facets={result.facets} onFilter={addFilter} />}
            </details>
          </aside>
          <section class="results" aria-busy={loading} aria-live="polite">
            <p class="results-count" data-testid="total">
              {result.total === 0
                ? t('noHits')
                : result.total > result.hits.length
                  ? t('hitsRange', {
                      from: result.offset + 1,
                      to: result.offset + result.hits.length,
                      total: result.total,
                    })
                  : t('hitsCount', { total: result.total })}
            </p>
            <ol class="hits" start={result.offset + 1}>
              {result.hits.map((hit) => (
                <li key={hit.id} class="hit" data-testid="hit">
                  <a class="hit-title" href={href('doc', [hit.id], { q, at: hit.offset })}>
                    <Isolated text={hit.title ?? fileName(hit.path)} />
                  </a>
                  <div class="hit-meta">
                    <Isolated class="hit-path" text={hit.path} />
                    {hit.page !== null && (
                      <span class="badge">{t('page', { page: hit.page })}</span>
                    )}
                    <span class="badge">{hit.type}</span>
                    {hit.lang && <span class="badge">{hit.lang}</span>}
                  </div>
                  {hit.snippet && (
                    <p class="hit-snippet">
                      <Snippet text={hit.snippet} highlights={hit.highlights} />
                    </p>
                  )}
                </li>
              ))}
            </ol>
            <Pager total={result.total} offset={result.offset} q={q} />
          </section>
        </div>
      )}
    </div>
  )
}

function Pager(props: { total: number; offset: number; q: string }): JSX.Element | null {
  const { t } = useLocale()
  const { total, offset, q } = props
  if (total <= pageSize) return null
  const current = Math.floor(offset / pageSize)
  const last = Math.ceil(total / pageSize) - 1
  const pages = [...new Set([0, current - 2, current - 1, current, current + 1, current + 2, last])]
    .filter((page) => page >= 0 && page <= last)
    .sort((a, b) => a - b)
  const link = (page: number): string =>
    href('search', [], { q, offset: page * pageSize || undefined })
  return (
    <nav class="pager" aria-label="pages">
      {current > 0 && (
        <a href={link(current - 1)} rel="prev">
          {t('previous')}
        </a>
      )}
      {pages.map((page, index) => (
        <span key={page}>
          {index > 0 && page - (pages[index - 1] ?? page) > 1 && <span class="gap">…</span>}
          <a href={link(page)} aria-current={page === current ? 'page' : undefined}>
            {page + 1}
          </a>
        </span>
      ))}
      {current < last && (
        <a href={link(current + 1)} rel="next">
          {t('next')}
        </a>
      )}
    </nav>
  )
}

/** A document: its text with every hit highlighted and a hit-to-hit navigator, opening on the
 *  best hit; the original beside it (the PDF page, the image, or the sanitised message in a
 *  sandboxed frame); metadata, entities, tags and notes. */

import type { JSX } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { api, ApiError } from '../api-client.js'
import type {
  DocumentHit,
  DocumentText as DocumentTextData,
  DocumentView,
  EntityRecord,
  MentionRecord,
  Note,
} from '../api-types.js'
import { directionOf, fileName } from '../bidi.js'
import { DocumentMetadata } from '../components/DocumentMetadata/DocumentMetadata.js'
import {
  DocumentSelection,
  type SelectedPassage,
} from '../components/DocumentSelection/DocumentSelection.js'
import { DocumentText, offsetAt, type TextRange } from '../components/DocumentText/DocumentText.js'
import { ErrorMessage } from '../components/ErrorMessage/ErrorMessage.js'
import { OriginalImage, rasterTypes } from '../components/PdfPage/OriginalImage.js'
import { PdfPage } from '../components/PdfPage/PdfPage.js'
import { Isolated } from '../components/Snippet/Snippet.js'
import { useLocale } from '../i18n.js'
import { href, type Route } from '../router.js'

type SideTab = 'original' | 'metadata' | 'entities' | 'notes'

export function DocumentPage({ route }: { route: Route }): JSX.Element {
  const { t } = useLocale()
  const id = route.parts[0] ?? ''
  const q = route.params.get('q') ?? ''
  const at = route.params.get('at')
  const length = Number(route.params.get('len') ?? 0) || 0
  const [doc, setDoc] = useState<DocumentView | null>(null)
  const [text, setText] = useState<DocumentTextData | null>(null)
  const [hits, setHits] = useState<readonly DocumentHit[]>([])
  const [current, setCurrent] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selection, setSelection] = useState<SelectedPassage | null>(null)
  const [notes, setNotes] = useState<Note[]>([])
  const [noteError, setNoteError] = useState<unknown>(null)
  const [pdfPage, setPdfPage] = useState(1)
  const [tab, setTab] = useState<SideTab | null>(null)
  const [focus, setFocus] = useState<TextRange | null>(
    at !== null && length > 0 ? { start: Number(at), end: Number(at) + length } : null,
  )
  const textRef = useRef<HTMLDivElement>(null)
  const [ready, setReady] = useState(false)

  const loadNotes = useCallback(() => {
    void api
      .notes({ doc: id })
      .then(({ notes: list }) => setNotes(list))
      .catch(() => undefined)
  }, [id])

  useEffect(() => {
    let live = true
    setReady(false)
    Promise.all([
      api.document(id),
      api.text(id),
      q.trim() ? api.hits(id, q) : Promise.resolve(null),
    ])
      .then(([document, content, found]) => {
        if (!live) return
        setDoc(document)
        setText(content)
        const list = found?.hits ?? []
        setHits(list)
        // Open on the best hit, or on the hit at the offset the search result pointed to.
        let start: number | null = found?.best ?? null
        if (at !== null && list.length > 0 && length === 0) {
          const offset = Number(at)
          const after = list.findIndex((hit) => hit.end > offset)
          if (after >= 0 && (start === null || list[start]?.page === list[after]?.page))
            start = after
        }
        setCurrent(start)
        const focusStart = at !== null ? Number(at) : null
        const page =
          (start !== null ? list[start]?.page : null) ??
          content.passages.find(
            (p) => focusStart !== null && p.start <= focusStart && focusStart < p.end,
          )?.page ??
          1
        setPdfPage(page)
        setTab(hasOriginalView(document) ? 'original' : 'metadata')
        setReady(true)
      })
      .catch(
        (caught: unknown) =>
          live && setError(caught instanceof ApiError ? caught.message : String(caught)),
      )
    loadNotes()
    return () => {
      live = false
    }
  }, [id, q, at, length, loadNotes])

  // Scroll the current hit (or the passage in focus) into the middle of the text.
  useEffect(() => {
    if (!ready) return
    const container = textRef.current
    const target =
      current !== null
        ? container?.querySelector<HTMLElement>(`mark[data-hit="${current}"]`)
        : container?.querySelector<HTMLElement>('[data-focus]')
    if (!container || !target) return
    // Only the text scrolls, so the header and the navigator stay where they are.
    const offset = target.getBoundingClientRect().top - container.getBoundingClientRect().top
    container.scrollTop += offset - container.clientHeight / 2
  }, [ready, current, focus])

  // The selected passage, in raw-text offsets.
  useEffect(() => {
    const update = (): void => {
      const chosen = document.getSelection()
      const container = textRef.current
      if (!chosen || chosen.isCollapsed || !container || !text) return
      if (!chosen.anchorNode || !chosen.focusNode) return
      if (!container.contains(chosen.anchorNode) || !container.contains(chosen.focusNode)) return
      const a = offsetAt(chosen.anchorNode, chosen.anchorOffset)
      const b = offsetAt(chosen.focusNode, chosen.focusOffset)
      if (a === null || b === null || a === b) return
      const start = Math.min(a, b)
      const end = Math.max(a, b)
      setSelection({ start, end, quote: text.text.slice(start, end) })
    }
    document.addEventListener('selectionchange', update)
    return () => document.removeEventListener('selectionchange', update)
  }, [text])

  const goTo = (index: number): void => {
    if (hits.length === 0) return
    const next = (index + hits.length) % hits.length
    setCurrent(next)
    const page = hits[next]?.page
    if (page) setPdfPage(page)
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, select')) return
      if (event.key === 'n') goTo((current ?? -1) + 1)
      if (event.key === 'p') goTo((current ?? 1) - 1)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  if (error)
    return (
      <p class="error" role="alert">
        {t('error', { message: error })}
      </p>
    )
  if (!doc || !text) return <p class="hint">{t('loading')}</p>

  const title = doc.title ?? fileName(doc.path)
  const tabs: [SideTab, string][] = [
    ...(hasOriginalView(doc)
      ? [['original', doc.type === 'email' ? t('rendered') : t('original')] as [SideTab, string]]
      : []),
    ['metadata', t('metadata')],
    ['entities', t('entitiesFound')],
    ['notes', `${t('notes')} (${notes.length})`],
  ]
  return (
    <div class="document-page">
      <header class="doc-header">
        {q && (
          <a class="back" href={href('search', [], { q })}>
            {t('backToResults')}
          </a>
        )}
        <h1 dir={directionOf(title)}>
          <bdi>{title}</bdi>
        </h1>
        <p class="doc-path">
          <Isolated text={doc.path} /> <span class="badge">{doc.type}</span>
          {doc.lang && <span class="badge">{doc.lang}</span>}
          {doc.pageCount !== null && (
            <span class="badge">
              {t('fieldPages')}: {doc.pageCount}
            </span>
          )}
          <a class="download" href={api.originalUrl(doc.id)} download>
            {t('download')}
          </a>
        </p>
        <TagEditor doc={doc} />
      </header>
      <div class="doc-toolbar">
        {q && (
          <div class="hit-nav" data-testid="hit-nav">
            <button
              type="button"
              onClick={() => goTo((current ?? 1) - 1)}
              disabled={hits.length === 0}
              aria-label={t('previousHit')}
            >
              <span aria-hidden="true" class="arrow-back">
                ‹
              </span>
            </button>
            <span data-testid="hit-position">
              {hits.length === 0 || current === null
                ? t('noHitsInDoc')
                : t('hitOf', { n: current + 1, total: hits.length })}
            </span>
            <button
              type="button"
              onClick={() => goTo((current ?? -1) + 1)}
              disabled={hits.length === 0}
              aria-label={t('nextHit')}
            >
              <span aria-hidden="true" class="arrow-forward">
                ›
              </span>
            </button>
          </div>
        )}
        <DocumentSelection
          docId={doc.id}
          selection={selection}
          onNote={loadNotes}
          onClear={() => setSelection(null)}
        />
      </div>
      <div class="doc-layout">
        <section class="doc-text" ref={textRef} aria-label={t('text')}>
          <DocumentText
            text={text.text}
            passages={text.passages}
            hits={hits}
            current={current}
            focus={focus}
            notes={notes}
          />
        </section>
        <aside class="doc-side">
          <div class="tabs" role="tablist">
            {tabs.map(([name, label]) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                data-tab={name}
                onClick={() => setTab(name)}
              >
                {label}
              </button>
            ))}
          </div>
          <div class="tab-panel" role="tabpanel">
            {tab === 'original' && <OriginalView doc={doc} page={pdfPage} onPage={setPdfPage} />}
            {tab === 'metadata' && <DocumentMetadata doc={doc} passages={text.passages} />}
            {tab === 'entities' && (
              <DocumentEntities
                id={doc.id}
                onShow={(m) => setFocus({ start: m.start, end: m.end })}
              />
            )}
            {tab === 'notes' && (
              <>
                {noteError !== null && <ErrorMessage error={noteError} />}
                <NoteList
                  notes={notes}
                  onShow={(note) => setFocus({ start: note.start, end: note.end })}
                  onDelete={(note) =>
                    void api
                      .deleteNote(note.id)
                      .then(() => {
                        setNoteError(null)
                        loadNotes()
                      })
                      .catch(setNoteError)
                  }
                />
              </>
            )}
          </div>
        </aside>
      </div>
    </div>
  )
}

function hasOriginalView(doc: DocumentView): boolean {
  return doc.type === 'pdf' || doc.htmlView || rasterTypes.has(doc.mediaType)
}

function OriginalView(props: {
  doc: DocumentView
  page: number
  onPage: (page: number) => void
}): JSX.Element {
  const { doc } = props
  if (doc.type === 'pdf') return <PdfPage docId={doc.id} page={props.page} onPage={props.onPage} />
  if (rasterTypes.has(doc.mediaType))
    return (
      <OriginalImage
        docId={doc.id}
        mediaType={doc.mediaType}
        alt={doc.title ?? fileName(doc.path)}
      />
    )
  // Hostile content stays in a frame that may run nothing: no allow-scripts, no same origin,
  // and the server's own policy for the frame forbids scripts and remote loads as well.
  return (
    <iframe
      class="html-view"
      sandbox=""
      referrerpolicy="no-referrer"
      src={api.htmlUrl(doc.id)}
      title={doc.title ?? fileName(doc.path)}
      data-testid="html-view"
    />
  )
}

function TagEditor({ doc }: { doc: DocumentView }): JSX.Element {
  const { t } = useLocale()
  const [tags, setTags] = useState<readonly string[]>(doc.tags)
  const [input, setInput] = useState('')
  const [error, setError] = useState<unknown>(null)
  const change = (request: Promise<{ tags: string[] }>, then?: () => void): void => {
    request
      .then((r) => {
        setTags(r.tags)
        setError(null)
        then?.()
      })
      // A reader may look but not tag: say so rather than drop the change silently.
      .catch(setError)
  }
  return (
    <div class="tags" data-testid="tags">
      <span class="tags-label">{t('tags')}:</span>
      {tags.map((tag) => (
        <span key={tag} class="tag">
          <a href={href('search', [], { q: `tag:"${tag}"` })}>
            <Isolated text={tag} />
          </a>
          <button
            type="button"
            class="icon"
            aria-label={t('removeTag', { tag })}
            onClick={() => change(api.removeTag(doc.id, tag))}
          >
            ×
          </button>
        </span>
      ))}
      <form
        class="tag-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (!input.trim()) return
          change(api.addTag(doc.id, input), () => setInput(''))
        }}
      >
        <input
          dir="auto"
          value={input}
          placeholder={t('tagPlaceholder')}
          aria-label={t('addTag')}
          data-testid="tag-input"
          onInput={(event) => setInput(event.currentTarget.value)}
        />
        <button type="submit">{t('addTag')}</button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
    </div>
  )
}

function DocumentEntities(props: {
  id: string
  onShow: (mention: MentionRecord) => void
}): JSX.Element {
  const { t } = useLocale()
  const [data, setData] = useState<{ entities: EntityRecord[]; mentions: MentionRecord[] } | null>(
    null,
  )
  const cursor = useRef(new Map<string, number>())
  useEffect(() => {
    void api
      .documentEntities(props.id)
      .then(setData)
      .catch(() => setData({ entities: [], mentions: [] }))
  }, [props.id])
  if (!data) return <p class="hint">{t('loading')}</p>
  if (data.entities.length === 0) return <p class="hint">{t('noEntities')}</p>
  const byType = new Map<string, EntityRecord[]>()
  for (const entity of data.entities)
    byType.set(entity.type, [...(byType.get(entity.type) ?? []), entity])
  // Each click shows the next mention of the entity in the text.
  const show = (entity: EntityRecord): void => {
    const mentions = data.mentions.filter(
      (m) => m.type === entity.type && m.normalized === entity.normalized,
    )
    if (mentions.length === 0) return
    const key = `${entity.type}\u0000${entity.normalized}`
    const index = cursor.current.get(key) ?? 0
    const mention = mentions[index % mentions.length]
    cursor.current.set(key, index + 1)
    if (mention) props.onShow(mention)
  }
  return (
    <div class="doc-entities" data-testid="doc-entities">
      {[...byType].map(([type, entities]) => (
        <section key={type}>
          <h3>{type}</h3>
          <ul>
            {entities.map((entity) => (
              <li key={entity.normalized}>
                <button type="button" class="link-button" onClick={() => show(entity)}>
                  <Isolated text={entity.value} />
                </button>{' '}
                <span class="count">×{entity.count}</span>{' '}
                <a
                  href={href('entity', [entity.type, entity.normalized])}
                  aria-label={entity.value}
                >
                  ↗
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}

function NoteList(props: {
  notes: readonly Note[]
  onShow: (note: Note) => void
  onDelete: (note: Note) => void
}): JSX.Element {
  const { t, locale } = useLocale()
  if (props.notes.length === 0) return <p class="hint">{t('noNotes')}</p>
  return (
    <ul class="notes" data-testid="notes">
      {props.notes.map((note) => (
        <li key={note.id} class="note">
          <button type="button" class="link-button note-quote" onClick={() => props.onShow(note)}>
            <bdi dir={directionOf(note.quote)}>“{note.quote}”</bdi>
          </button>
          <p dir={directionOf(note.text)}>{note.text}</p>
          <small>
            {new Date(note.createdAt).toLocaleString(locale)}{' '}
            <button type="button" class="link-button" onClick={() => props.onDelete(note)}>
              {t('delete')}
            </button>
          </small>
        </li>
      ))}
    </ul>
  )
}

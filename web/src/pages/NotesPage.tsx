/** Notes and tags across the collection: searchable, each note linked to its passage, each
 *  tag to its search (`tag:`). */

import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api-client.js'
import type { Note } from '../api-types.js'
import { directionOf, fileName } from '../bidi.js'
import { filterOf } from '../components/Facets/FacetPanel.js'
import { Isolated } from '../components/Snippet/Snippet.js'
import { useLocale } from '../i18n.js'
import { href, navigate, type Route } from '../router.js'

export function NotesPage({ route }: { route: Route }): JSX.Element {
  const { t, locale } = useLocale()
  const q = route.params.get('q') ?? ''
  const [input, setInput] = useState(q)
  const [notes, setNotes] = useState<Note[] | null>(null)
  const [tags, setTags] = useState<{ tag: string; docs: number }[]>([])
  useEffect(() => {
    void api
      .notes({ q })
      .then((found) => setNotes(found.notes))
      .catch(() => setNotes([]))
  }, [q])
  useEffect(() => {
    void api
      .tags()
      .then((found) => setTags(found.tags))
      .catch(() => undefined)
  }, [])
  return (
    <div class="notes-page">
      <section>
        <h2>{t('allTags')}</h2>
        {tags.length === 0 ? (
          <p class="hint">{t('noTags')}</p>
        ) : (
          <ul class="tag-cloud">
            {tags.map(({ tag, docs }) => (
              <li key={tag}>
                <a class="tag" href={href('search', [], { q: filterOf('tag', tag) })}>
                  <Isolated text={tag} /> <span class="count">{docs}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t('notes')}</h2>
        <form
          class="search-form"
          role="search"
          onSubmit={(event) => {
            event.preventDefault()
            navigate(href('notes', [], { q: input.trim() }))
          }}
        >
          <input
            type="search"
            dir="auto"
            value={input}
            placeholder={t('notesSearch')}
            aria-label={t('notesSearch')}
            onInput={(event) => setInput(event.currentTarget.value)}
          />
          <button type="submit">{t('searchButton')}</button>
        </form>
        {notes && notes.length === 0 && <p class="hint">{t('noNotes')}</p>}
        <ul class="notes" data-testid="all-notes">
          {(notes ?? []).map((note) => (
            <li key={note.id} class="note">
              <a href={href('doc', [note.docId], { at: note.start, len: note.end - note.start })}>
                <bdi dir={directionOf(note.quote)}>“{note.quote}”</bdi>
              </a>
              <p dir={directionOf(note.text)}>{note.text}</p>
              <small>
                {note.doc && t('inDocument', { doc: note.doc.title ?? fileName(note.doc.path) })} ·{' '}
                {new Date(note.createdAt).toLocaleString(locale)}
              </small>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

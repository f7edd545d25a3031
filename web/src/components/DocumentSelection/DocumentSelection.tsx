/** What an investigator does with a selected passage: copy its citation (the contract's cite
 *  record), or anchor a note to it. */

import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { api } from '../../api-client.js'
import type { Citation } from '../../api-types.js'
import { directionOf } from '../../bidi.js'
import { useLocale } from '../../i18n.js'
import { ErrorMessage } from '../ErrorMessage/ErrorMessage.js'

export interface SelectedPassage {
  readonly start: number
  readonly end: number
  readonly quote: string
}

export function DocumentSelection(props: {
  docId: string
  selection: SelectedPassage | null
  onNote: () => void
  onClear: () => void
}): JSX.Element {
  const { t } = useLocale()
  const { selection } = props
  const [citation, setCitation] = useState<{ record: Citation; copied: boolean } | null>(null)
  const [noteText, setNoteText] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  if (!selection) return <p class="hint selection-hint">{t('selectHint')}</p>

  const cite = async (): Promise<void> => {
    try {
      const record = await api.cite(props.docId, selection.start, selection.end - selection.start)
      let copied = false
      try {
        await navigator.clipboard.writeText(JSON.stringify(record))
        copied = true
      } catch {
        // No clipboard permission (an insecure context, a denied prompt): show it to copy by hand.
      }
      setCitation({ record, copied })
      setError(null)
    } catch (caught) {
      setError(caught)
    }
  }
  const saveNote = async (): Promise<void> => {
    if (!noteText?.trim()) return
    try {
      await api.addNote({
        docId: props.docId,
        start: selection.start,
        end: selection.end,
        text: noteText,
      })
      setNoteText(null)
      setError(null)
      props.onNote()
    } catch (caught) {
      setError(caught)
    }
  }
  return (
    <div class="selection-bar" data-testid="selection">
      <div class="selection-head">
        <strong>{t('selection')}</strong>
        <bdi class="selection-quote" dir={directionOf(selection.quote)}>
          {selection.quote.length > 160 ? `${selection.quote.slice(0, 160)}…` : selection.quote}
        </bdi>
        <button type="button" class="icon" aria-label={t('cancel')} onClick={props.onClear}>
          ×
        </button>
      </div>
      <div class="selection-actions">
        <button type="button" data-testid="cite" onClick={() => void cite()}>
          {t('cite')}
        </button>
        <button type="button" data-testid="add-note" onClick={() => setNoteText(noteText ?? '')}>
          {t('addNote')}
        </button>
      </div>
      {citation && (
        <div class="citation" data-testid="citation" role="status">
          <p>{citation.copied ? t('citationCopied') : t('citationShown')}</p>
          <pre dir="ltr">{JSON.stringify(citation.record, null, 2)}</pre>
        </div>
      )}
      {noteText !== null && (
        <form
          class="note-form"
          onSubmit={(event) => {
            event.preventDefault()
            void saveNote()
          }}
        >
          <textarea
            dir="auto"
            data-testid="note-text"
            placeholder={t('notePlaceholder')}
            value={noteText}
            onInput={(event) => setNoteText(event.currentTarget.value)}
          />
          <div>
            <button type="submit" data-testid="save-note">
              {t('save')}
            </button>
            <button type="button" onClick={() => setNoteText(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </div>
  )
}

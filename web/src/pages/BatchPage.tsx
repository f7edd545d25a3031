/** Batch search: paste or load a list of names or terms, see the hits per line, export CSV. */

import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { api, ApiError } from '../api-client.js'
import type { BatchLine } from '../api-types.js'
import { fileName } from '../bidi.js'
import { Isolated } from '../components/Snippet/Snippet.js'
import { useLocale } from '../i18n.js'
import { href } from '../router.js'

function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\n\r]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function BatchPage(): JSX.Element {
  const { t } = useLocale()
  const [input, setInput] = useState('')
  const [results, setResults] = useState<BatchLine[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = async (): Promise<void> => {
    setBusy(true)
    try {
      const lines = input.split(/\r?\n/u)
      setResults((await api.batch(lines, 3)).results)
      setError(null)
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught))
    } finally {
      setBusy(false)
    }
  }
  const exportCsv = (): void => {
    if (!results) return
    const rows = [
      ['query', 'hits', 'error', 'top_id', 'top_path', 'top_page'],
      ...results.map((line) => [
        line.query,
        line.total,
        line.error?.code ?? '',
        line.hits[0]?.id ?? '',
        line.hits[0]?.path ?? '',
        line.hits[0]?.page ?? '',
      ]),
    ]
    // A byte order mark, so spreadsheet programs read Arabic and Hebrew as UTF-8.
    const csv = '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
    const link = document.createElement('a')
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
    link.download = 'daleel-batch.csv'
    link.click()
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
  }
  return (
    <div class="batch-page">
      <p>{t('batchIntro')}</p>
      <textarea
        dir="auto"
        rows={8}
        value={input}
        data-testid="batch-input"
        aria-label={t('batchQuery')}
        onInput={(event) => setInput(event.currentTarget.value)}
      />
      <div class="batch-actions">
        <label class="file-button">
          {t('batchUpload')}
          <input
            type="file"
            accept=".txt,.csv,text/plain"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0]
              if (file) void file.text().then(setInput)
            }}
          />
        </label>
        <button
          type="button"
          disabled={busy || !input.trim()}
          onClick={() => void run()}
          data-testid="batch-run"
        >
          {t('batchRun')}
        </button>
        <button type="button" disabled={!results} onClick={exportCsv} data-testid="batch-export">
          {t('batchExport')}
        </button>
      </div>
      {error && <p class="error">{t('error', { message: error })}</p>}
      {results && (
        <table class="batch-table" data-testid="batch-results">
          <thead>
            <tr>
              <th>{t('batchQuery')}</th>
              <th>{t('batchHits')}</th>
              <th>{t('batchTop')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((line, index) => (
              <tr key={index}>
                <td>
                  <a href={href('search', [], { q: line.query })}>
                    <Isolated text={line.query} />
                  </a>
                </td>
                <td class="number">
                  {line.error ? <span class="error">{line.error.message}</span> : line.total}
                </td>
                <td>
                  {line.hits[0] && (
                    <a href={href('doc', [line.hits[0].id], { q: line.query })}>
                      <Isolated text={line.hits[0].title ?? fileName(line.hits[0].path)} />
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/** The progress of a running `daleel index` on this store, polled while the page is open. */

import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../../api-client.js'
import type { IndexProgress } from '../../api-types.js'
import { useLocale } from '../../i18n.js'

export function IndexProgressBar(): JSX.Element | null {
  const { t } = useLocale()
  const [progress, setProgress] = useState<IndexProgress | null>(null)
  useEffect(() => {
    let timer = 0
    let stopped = false
    const poll = async (): Promise<void> => {
      let running = false
      try {
        const { progress: next } = await api.progress()
        setProgress(next)
        running = next?.running ?? false
      } catch {
        setProgress(null)
      }
      // Often while an index runs, rarely otherwise.
      if (!stopped) timer = window.setTimeout(() => void poll(), running ? 1500 : 10_000)
    }
    void poll()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [])
  if (!progress?.running) return null
  const total = progress.filesTotal
  const ratio = total ? Math.min(1, progress.files / total) : null
  const label =
    total === null
      ? t('indexing', {
          files: progress.files,
          documents: progress.documents,
          failed: progress.failed,
        })
      : t('indexingOf', {
          files: progress.files,
          total,
          documents: progress.documents,
          failed: progress.failed,
        })
  return (
    <div class="index-progress" role="status" data-testid="index-progress">
      <span>
        {label}
        {progress.etaSeconds !== null
          ? ` · ${t('eta', { eta: formatSeconds(progress.etaSeconds) })}`
          : ''}
      </span>
      <progress max={1} value={ratio ?? undefined} />
    </div>
  )
}

function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`
  return `${Math.round(seconds / 360) / 10} h`
}

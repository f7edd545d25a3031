/** The worker process's entry: receives one item at a time over IPC, processes it and answers.
 *  Any crash here ends only this process; the pool records the item as a failure. */

import { DaleelError } from '../../domain/index.js'
import { processItem, type ItemTask } from '../process-item.js'

export type WorkerAnswer =
  | { readonly progress: true }
  | { readonly ok: true; readonly item: Awaited<ReturnType<typeof processItem>> }
  | {
      readonly ok: false
      readonly code: string
      readonly params: Record<string, string | number>
      readonly detail: string
    }

process.on('message', (task: ItemTask) => {
  // Progress messages keep the pool's silence timer from stopping long, healthy work.
  let lastProgress = 0
  const onProgress = (): void => {
    const now = Date.now()
    if (now - lastProgress < 1000) return
    lastProgress = now
    send({ progress: true })
  }
  processItem({ ...task, bytes: new Uint8Array(task.bytes) }, onProgress).then(
    (item) => send({ ok: true, item }),
    (error: unknown) =>
      send(
        error instanceof DaleelError
          ? { ok: false, code: error.code, params: error.params, detail: detailOf(error.cause) }
          : { ok: false, code: 'EXTRACT_FAILED', params: {}, detail: detailOf(error) },
      ),
  )
})

function send(answer: WorkerAnswer): void {
  process.send?.(answer)
}

function detailOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500)
  return typeof error === 'string' ? error.slice(0, 500) : ''
}

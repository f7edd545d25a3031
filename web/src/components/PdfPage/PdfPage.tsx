/** One page of the original PDF, drawn by pdf.js into a canvas. pdf.js, its worker, character
 *  maps and fonts come from our own origin; scripting in the PDF is never run (no eval, no
 *  scripting sandbox, no annotation layer). */

import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist'
import { api } from '../../api-client.js'
import { useLocale } from '../../i18n.js'

async function loadPdf(id: string): Promise<PDFDocumentProxy> {
  const [pdfjs, worker, bytes] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
    api.original(id),
  ])
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default
  return await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: '/pdfjs/cmaps/',
    cMapPacked: true,
    standardFontDataUrl: '/pdfjs/standard_fonts/',
    wasmUrl: '/pdfjs/wasm/',
    useSystemFonts: false,
  }).promise
}

export function PdfPage(props: {
  docId: string
  page: number
  onPage: (page: number) => void
}): JSX.Element {
  const { t } = useLocale()
  const canvas = useRef<HTMLCanvasElement>(null)
  const frame = useRef<HTMLDivElement>(null)
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null)
  const [failed, setFailed] = useState(false)
  const [rendered, setRendered] = useState<number | null>(null)

  useEffect(() => {
    let current = true
    let loaded: PDFDocumentProxy | null = null
    loadPdf(props.docId)
      .then((doc) => {
        loaded = doc
        if (current) setPdf(doc)
        else void doc.destroy()
      })
      .catch(() => current && setFailed(true))
    return () => {
      current = false
      void loaded?.destroy()
    }
  }, [props.docId])

  const page = Math.min(Math.max(1, props.page), pdf?.numPages ?? props.page)
  useEffect(() => {
    if (!pdf || !canvas.current) return
    let task: RenderTask | null = null
    let current = true
    void (async () => {
      try {
        const pdfPage = await pdf.getPage(page)
        if (!current || !canvas.current) return
        const width = Math.max(200, frame.current?.clientWidth ?? 500)
        const base = pdfPage.getViewport({ scale: 1 })
        const scale = width / base.width
        const ratio = window.devicePixelRatio || 1
        const viewport = pdfPage.getViewport({ scale: scale * ratio })
        const target = canvas.current
        target.width = Math.floor(viewport.width)
        target.height = Math.floor(viewport.height)
        target.style.inlineSize = `${Math.floor(viewport.width / ratio)}px`
        task = pdfPage.render({ canvas: target, viewport })
        await task.promise
        if (current) setRendered(page)
      } catch (error) {
        if (current && !(error instanceof Error && error.name === 'RenderingCancelledException'))
          setFailed(true)
      }
    })()
    return () => {
      current = false
      task?.cancel()
    }
  }, [pdf, page])

  return (
    <div class="pdf-page" ref={frame}>
      <div class="pdf-nav">
        <button type="button" disabled={!pdf || page <= 1} onClick={() => props.onPage(page - 1)}>
          {t('previous')}
        </button>
        <span data-testid="pdf-page" data-page={rendered ?? ''}>
          {pdf ? t('pageOf', { page, pages: pdf.numPages }) : t('loading')}
        </span>
        <button
          type="button"
          disabled={!pdf || page >= pdf.numPages}
          onClick={() => props.onPage(page + 1)}
        >
          {t('next')}
        </button>
      </div>
      {failed ? (
        <p class="error">{t('pdfFailed')}</p>
      ) : (
        <canvas ref={canvas} aria-label={t('pageOf', { page, pages: pdf?.numPages ?? 0 })} />
      )}
    </div>
  )
}

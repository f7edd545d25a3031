import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

import { describe, expect, it } from 'vitest'

import { loadPdfJs, patchWorkerSource } from './pdfjs-runtime.js'

describe('patchWorkerSource', () => {
  // If this fails after a pdf.js upgrade, the extractor silently falls back to pdf.js's own
  // bidi pass and its lam-alef swaps: find the new shape of runBidiTransform and update the patch.
  it('finds both patch points in the installed pdf.js worker', async () => {
    const workerPath = createRequire(import.meta.url).resolve(
      'pdfjs-dist/legacy/build/pdf.worker.mjs',
    )
    const patch = patchWorkerSource(await readFile(workerPath, 'utf8'))
    expect(patch).not.toBeNull()
    expect(patch?.actualText).toBe(true)
  })

  it('refuses a worker whose bidi call is missing', () => {
    expect(patchWorkerSource('function runBidiTransform() {}')).toBeNull()
  })
})

describe('loadPdfJs', () => {
  it('loads pdf.js once, with the patched worker and offline resources', async () => {
    const runtime = await loadPdfJs()
    expect(await loadPdfJs()).toBe(runtime)
    expect(runtime.visualOrder).toBe(true)
    expect(runtime.standardFontDataUrl).toMatch(/pdfjs-dist\/standard_fonts\/$/u)
    expect(runtime.cMapUrl).toMatch(/pdfjs-dist\/cmaps\/$/u)
  })
})

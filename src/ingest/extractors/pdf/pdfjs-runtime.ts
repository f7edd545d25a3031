/** Loads pdf.js once per process, offline, with a worker patched to hand back text items in
 *  visual (content-stream) order instead of running pdf.js's own bidi pass over them. The
 *  reordering to logical order is done by `visual-to-logical.ts` on whole lines. */

import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

type PdfJsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

/** The loaded library and the offline resources `getDocument` needs. */
export interface PdfJsRuntime {
  readonly pdfjs: PdfJsModule
  readonly version: string
  /** Absolute folder paths with a trailing slash, as pdf.js requires. */
  readonly standardFontDataUrl: string
  readonly cMapUrl: string
  readonly wasmUrl: string
  /** True when the patched worker is active, so text items arrive in visual order. */
  readonly visualOrder: boolean
}

/** The `dir` the patched worker gives each text item, so the caller can tell the orders apart. */
export const VISUAL_DIR = 'visual'

// pdf.js joins the glyphs of one chunk and runs its bidi() over the result (pdf.worker.mjs,
// runBidiTransform). On a visual-order chunk that contains a ligature glyph whose ToUnicode is
// two logical letters (LibreOffice: lam-alef → U+0644 U+0627) the reversal swaps the two
// letters: التحويلات comes out as التحويالت. The patch keeps the chunk visual and turns each
// multi-letter right-to-left glyph into visual order itself, so the later line reversal restores
// it (fixture: pdf/libreoffice-arabic-hebrew.pdf).
const BIDI_CALL = 'const bidiResult = bidi(text, -1, textChunk.vertical);'
const VISUAL_CALL =
  'const bidiResult = { str: textChunk.str.map(g => g.length > 1 && /[\\u0590-\\u08ff\\ufb1d-\\ufdff\\ufe70-\\ufefc]/u.test(g) ? Array.from(g).reverse().join("") : g).join(""), dir: textChunk.vertical ? "ttb" : "' +
  VISUAL_DIR +
  '" };'

// pdf.js drops the ActualText of marked content, which producers use to say what a run of
// glyphs means: Chromium gives each presentation-form glyph its letter, LibreOffice gives a
// cluster of Hebrew marks its characters, Canva gives small-caps glyphs their lower-case
// letters. The second patch passes it on with the marked-content item (inline property
// dictionaries only; a named /Properties entry is not looked up).
const MARKED_CONTENT_ITEM = 'type: "beginMarkedContentProps",'
const MARKED_CONTENT_WITH_TEXT =
  MARKED_CONTENT_ITEM +
  ' actualText: args[1] instanceof Dict && typeof args[1].get("ActualText") === "string" ? stringToPDFString(args[1].get("ActualText")) : null,'

/** What the worker patch changed: both parts, or null when the visual-order part failed. */
export interface PatchedWorker {
  readonly source: string
  /** True when marked-content items carry their ActualText. */
  readonly actualText: boolean
}

/** Returns the worker source with pdf.js's bidi pass replaced (and ActualText passed on), or
 *  null when the code has changed so that the bidi call cannot be found exactly once. */
export function patchWorkerSource(source: string): PatchedWorker | null {
  const visual = replaceOnce(source, BIDI_CALL, VISUAL_CALL)
  if (visual === null) return null
  const withText = replaceOnce(visual, MARKED_CONTENT_ITEM, MARKED_CONTENT_WITH_TEXT)
  // The copy lives elsewhere, so its source-map comment would point at a missing file.
  const unmapped = (code: string): string => code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/u, '\n')
  return withText === null
    ? { source: unmapped(visual), actualText: false }
    : { source: unmapped(withText), actualText: true }
}

function replaceOnce(source: string, search: string, replacement: string): string | null {
  const at = source.indexOf(search)
  if (at < 0 || source.indexOf(search, at + 1) >= 0) return null
  return source.slice(0, at) + replacement + source.slice(at + search.length)
}

let runtime: Promise<PdfJsRuntime> | undefined

/** Loads pdf.js on first use; later calls share the same instance. */
export function loadPdfJs(): Promise<PdfJsRuntime> {
  runtime ??= initialize()
  return runtime
}

async function initialize(): Promise<PdfJsRuntime> {
  const require = createRequire(import.meta.url)
  const buildDir = dirname(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'))
  const packageDir = join(buildDir, '..', '..')
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const visualOrder = await installPatchedWorker(join(buildDir, 'pdf.worker.mjs'), pdfjs.version)
  // Used only when the patched worker could not be installed.
  pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(buildDir, 'pdf.worker.mjs')).href
  return {
    pdfjs,
    version: pdfjs.version,
    standardFontDataUrl: join(packageDir, 'standard_fonts') + '/',
    cMapUrl: join(packageDir, 'cmaps') + '/',
    wasmUrl: join(packageDir, 'wasm') + '/',
    visualOrder,
  }
}

interface WorkerGlobal {
  pdfjsWorker?: { WorkerMessageHandler: unknown; daleelVisualOrder?: boolean }
}

// Exported by the patched copy, so a second loader in the same process recognises it.
const MARKER = '\nexport const daleelVisualOrder = true;\n'

// pdf.js in Node runs its "worker" on the main thread and takes it from globalThis.pdfjsWorker
// when that is set before the first document is opened. The patched copy is written once per
// pdf.js version under the OS temporary folder (one folder per user), because an ES module has
// to come from a file.
async function installPatchedWorker(workerPath: string, version: string): Promise<boolean> {
  const global = globalThis as WorkerGlobal
  if (global.pdfjsWorker) return global.pdfjsWorker.daleelVisualOrder === true
  const patch = patchWorkerSource(await readFile(workerPath, 'utf8'))
  if (patch === null) return false
  const patched = patch.source + MARKER
  const hash = createHash('sha256').update(patched).digest('hex').slice(0, 16)
  const dir = join(tmpdir(), `daleel-pdfjs-${process.getuid?.() ?? 'user'}`)
  const file = join(dir, `pdf.worker-${version}-${hash}.mjs`)
  // The cached copy is compared in full before it is imported: the temporary folder is shared.
  const cached = await readFile(file, 'utf8').catch(() => null)
  if (cached !== patched) {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`
    await writeFile(partial, patched)
    await rename(partial, file)
  }
  global.pdfjsWorker = (await import(pathToFileURL(file).href)) as WorkerGlobal['pdfjsWorker']
  return true
}

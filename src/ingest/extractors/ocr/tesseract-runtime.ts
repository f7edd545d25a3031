/** Runs tesseract.js 7 offline and shares one engine per process: the language data come from
 *  the @tesseract.js-data npm packages, the wasm core from node_modules, and the worker thread
 *  runs with `fetch` replaced by a function that refuses, so no setting can make it download.
 *  The engine starts on first use, is reused for every page and stops after a minute idle.
 *  Choosing languages and reading the results is `recognize.ts`'s job. */

import { createHash } from 'node:crypto'
import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rename,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Worker as NodeWorker } from 'node:worker_threads'

import type Tesseract from 'tesseract.js'

const require = createRequire(import.meta.url)

/** The models Daleel ships: Arabic, Hebrew and English (LSTM "best_int" models). */
export const OCR_LANGUAGES = ['ara', 'heb', 'eng'] as const
export type OcrLanguage = (typeof OCR_LANGUAGES)[number]

/** A tesseract page segmentation mode: 3 finds blocks and lines itself, 6 reads one block of
 *  lines, 7 reads the image as a single line. */
export type PageSegmentation = '3' | '6' | '7'

/** Raised when tesseract's image reader (Leptonica) cannot decode the bytes it was given. */
export class OcrImageError extends Error {
  override readonly name = 'OcrImageError'
}

/** The OCR engine failed or stopped while reading (out of memory on a huge page, a crash). */
export class OcrEngineError extends Error {
  override readonly name = 'OcrEngineError'
}

/** One recognition request: a PGM (or any image Leptonica reads) and how to read it. */
export interface RecognitionJob {
  readonly image: Uint8Array
  readonly languages: readonly OcrLanguage[]
  readonly segmentation: PageSegmentation
}

/** The engine as a job sees it. */
export interface OcrEngine {
  /** Recognises an image and returns tesseract's block tree (JSON output). */
  recognize(job: RecognitionJob): Promise<Tesseract.Page>
  /** Decodes an image with Leptonica and returns it as a grey PNG (for formats such as TIFF
   *  that the canvas library cannot read). */
  decodeToPng(image: Uint8Array): Promise<Uint8Array>
}

// The engine keeps 100–300 MB; after this long without work it is stopped and started again
// on the next page (about 0.4 s).
const IDLE_MS = 60_000
// OEM 1: the LSTM recogniser only; the models hold no data for the legacy one.
const LSTM_ONLY = 1 as Tesseract.OEM
// Loading the core and three models takes under a second; far longer means something is wrong.
const START_TIMEOUT_MS = 60_000

interface LanguageFile {
  readonly language: OcrLanguage
  readonly path: string
}

/** Where each model's file is inside node_modules. */
export function languageFiles(): LanguageFile[] {
  return OCR_LANGUAGES.map((language) => ({
    language,
    path: join(
      dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)),
      '4.0.0_best_int',
      `${language}.traineddata.gz`,
    ),
  }))
}

/** tesseract.js reads every model from one folder (`langPath`), but each npm package has its
 *  own; this makes a folder of symbolic links under the OS temporary folder, once per user,
 *  and the worker script that blocks network access beside it. */
export async function prepareDataFolder(): Promise<{ langPath: string; workerPath: string }> {
  const dir = await privateFolder()
  await Promise.all(
    languageFiles().map(({ language, path }) =>
      ensureSymlink(join(dir, `${language}.traineddata.gz`), path),
    ),
  )
  const source = workerSource(require.resolve('tesseract.js/src/worker-script/node/index.js'))
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16)
  const workerPath = join(dir, `tesseract-worker-${hash}.cjs`)
  if ((await readFile(workerPath, 'utf8').catch(() => null)) !== source) {
    await replaceFile(workerPath, (partial) => writeFile(partial, source))
  }
  return { langPath: dir, workerPath }
}

// The temporary folder is shared between users: use our folder only when it is ours and
// closed to others, otherwise a fresh one.
async function privateFolder(): Promise<string> {
  const uid = process.getuid?.()
  const dir = join(tmpdir(), `daleel-tessdata-${uid ?? 'user'}`)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const info = await lstat(dir)
  const owned = uid === undefined || info.uid === uid
  if (info.isDirectory() && owned && (info.mode & 0o022) === 0) return dir
  return mkdtemp(join(tmpdir(), 'daleel-tessdata-'))
}

async function ensureSymlink(link: string, target: string): Promise<void> {
  if ((await readlink(link).catch(() => null)) === target) return
  await replaceFile(link, (partial) => symlink(target, partial))
}

// Several extraction processes start at once: each writes its own file and renames it into
// place, which is atomic, so none ever sees a half-written one.
async function replaceFile(path: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${path}.${process.pid}.${Date.now()}.tmp`
  await write(partial)
  await rename(partial, path)
}

/** The worker thread's entry: tesseract.js's own Node worker script, with `fetch` refusing
 *  every request (tesseract.js downloads models with it when `langPath` is a URL) and with
 *  the thread ending itself when loading fails, since tesseract.js then never settles. */
export function workerSource(tesseractWorkerScript: string): string {
  return `'use strict';
// Written by Daleel (src/ingest/extractors/ocr/tesseract-runtime.ts): no network in OCR.
globalThis.fetch = () => Promise.reject(new Error('Daleel OCR: network access is disabled'));
const { parentPort } = require('node:worker_threads');
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (packet) => {
  post(packet);
  if (packet && packet.status === 'reject' && ['load', 'loadLanguage', 'initialize'].includes(packet.action)) {
    setImmediate(() => process.exit(1));
  }
};
require(${JSON.stringify(tesseractWorkerScript)});
`
}

interface Engine {
  readonly worker: Tesseract.Worker
  readonly thread: NodeWorker
  /** Settles (rejects) when the thread ends. */
  readonly exited: Promise<never>
  languages: string
  segmentation: PageSegmentation
}

/** One tesseract engine shared by the whole process; jobs run one at a time. */
export class TesseractRuntime {
  #engine: Promise<Engine> | null = null
  #current: Engine | null = null
  #queue: Promise<unknown> = Promise.resolve()
  #idle: NodeJS.Timeout | null = null
  #data: Promise<{ langPath: string; workerPath: string }> | null = null

  /** Runs `job` with the engine, after the jobs before it. A cancelled signal stops the
   *  engine (recognition of a page cannot be interrupted otherwise). */
  run<T>(job: (engine: OcrEngine) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const result = this.#queue.then(() => this.#runNow(job, signal))
    this.#queue = result.catch(() => undefined)
    return result
  }

  /** Stops the engine now; the next job starts a new one. */
  async stop(): Promise<void> {
    const engine = this.#engine
    this.#engine = null
    this.#current = null
    if (this.#idle) clearTimeout(this.#idle)
    this.#idle = null
    if (engine) await engine.then((started) => started.worker.terminate()).catch(() => undefined)
  }

  async #runNow<T>(job: (engine: OcrEngine) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted()
    if (this.#idle) clearTimeout(this.#idle)
    this.#idle = null
    const engine = await this.#start()
    // The thread keeps the process alive only while it works (a CLI run must be able to end).
    engine.thread.ref()
    let aborted: (() => void) | undefined
    const abort = new Promise<never>((_, reject) => {
      aborted = () => {
        const reason: unknown = signal?.reason
        reject(reason instanceof Error ? reason : new Error(String(reason)))
      }
      signal?.addEventListener('abort', aborted, { once: true })
    })
    try {
      return await Promise.race([job(this.#handle(engine)), abort, engine.exited])
    } catch (error) {
      // After a cancellation or an engine fault the wasm state is unknown: start afresh.
      if (!(error instanceof OcrImageError)) await this.stop()
      throw error
    } finally {
      if (aborted) signal?.removeEventListener('abort', aborted)
      engine.thread.unref()
      if (this.#engine) {
        this.#idle = setTimeout(() => void this.stop(), IDLE_MS)
        this.#idle.unref()
      }
    }
  }

  #handle(engine: Engine): OcrEngine {
    return {
      recognize: async ({ image, languages, segmentation }) => {
        const wanted = languages.join('+')
        if (engine.languages !== wanted) {
          await engine.worker.reinitialize(wanted, LSTM_ONLY)
          engine.languages = wanted
          engine.segmentation = '3'
        }
        if (engine.segmentation !== segmentation) {
          await engine.worker.setParameters({
            tessedit_pageseg_mode: segmentation as Tesseract.PSM,
          })
          engine.segmentation = segmentation
        }
        const result = await engine.worker
          .recognize(
            Buffer.from(image.buffer, image.byteOffset, image.byteLength),
            {},
            {
              text: false,
              blocks: true,
            },
          )
          .catch(toOcrError)
        return result.data
      },
      decodeToPng: async (image) => {
        const result = await engine.worker
          .recognize(
            Buffer.from(image.buffer, image.byteOffset, image.byteLength),
            {},
            {
              text: false,
              imageGrey: true,
            },
          )
          .catch(toOcrError)
        const url = result.data.imageGrey ?? ''
        return new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'))
      },
    }
  }

  #start(): Promise<Engine> {
    this.#engine ??= this.#create().catch((error: unknown) => {
      this.#engine = null
      throw error
    })
    return this.#engine
  }

  async #create(): Promise<Engine> {
    this.#data ??= prepareDataFolder().catch((error: unknown) => {
      this.#data = null
      throw error
    })
    const { langPath, workerPath } = await this.#data
    const tesseract = require('tesseract.js') as typeof Tesseract
    const languages = OCR_LANGUAGES.join('+')
    let failed: ((reason: unknown) => void) | undefined
    const failure = new Promise<never>((_, reject) => (failed = reject))
    const timer = setTimeout(
      () => failed?.(new OcrEngineError('tesseract did not start in time')),
      START_TIMEOUT_MS,
    )
    try {
      const worker = await Promise.race([
        tesseract.createWorker(languages, LSTM_ONLY, {
          langPath,
          workerPath,
          // Models are read from langPath on every start: no cache folder, no download.
          cacheMethod: 'none',
          gzip: true,
          workerBlobURL: false,
          // Without a handler tesseract.js throws job errors from its message listener, which
          // ends the process; the job's own promise carries the error instead.
          errorHandler: (error: unknown) => failed?.(new OcrEngineError(String(error))),
        }),
        failure,
      ])
      const thread = (worker as Tesseract.Worker & { worker: NodeWorker }).worker
      thread.unref()
      const engine: Engine = {
        worker,
        thread,
        exited: new Promise<never>((_, reject) =>
          thread.once('exit', (code) => {
            if (this.#current === engine) {
              this.#current = null
              this.#engine = null
            }
            reject(new OcrEngineError(`the OCR engine stopped (exit code ${code})`))
          }),
        ),
        languages,
        segmentation: '3',
      }
      engine.exited.catch(() => undefined)
      this.#current = engine
      return engine
    } finally {
      failed = undefined
      clearTimeout(timer)
    }
  }
}

function toOcrError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error)
  if (/attempting to read image/u.test(message)) throw new OcrImageError(message)
  throw new OcrEngineError(`OCR failed: ${message}`)
}

/** The process's engine. */
export const tesseractRuntime = new TesseractRuntime()

/** What happens to one item inside the sandbox: type it, extract it, cut its text into passages
 *  and analyse them. Runs in a worker process, so a hostile file can only take that worker down. */

import { analyze, detectLanguages, dominantLanguages } from '../analysis/index.js'
import {
  DaleelError,
  type MentionRecord,
  type Metadata,
  type PageSpan,
  type Warning,
} from '../domain/index.js'
import type { IndexedPassage } from '../store/index.js'
import type {
  ChildItem,
  ExtractionLimits,
  ExtractionMethod,
  ExtractionResult,
  OcrMode,
} from './extractor.js'
import { detectMediaType, typeName } from './detect-media-type.js'
import { findMentions } from './find-mentions.js'
import { extractorFor } from './registry.js'

/** The request a worker receives. */
export interface ItemTask {
  readonly bytes: Uint8Array
  readonly name: string
  readonly limits: ExtractionLimits
  readonly ocr: OcrMode
  readonly sourcePath: string | null
  /** Passwords to try on encrypted files (the pipeline passes the same list to every item). */
  readonly passwords?: readonly string[]
}

/** Everything the pipeline needs to store one item and to go on with its children. */
export interface ProcessedItem {
  readonly mediaType: string
  readonly type: string
  readonly text: string
  readonly title: string | null
  readonly metadata: Metadata
  readonly encoding: string | null
  readonly method: ExtractionMethod
  readonly warnings: readonly Warning[]
  readonly pageCount: number | null
  readonly passages: readonly IndexedPassage[]
  readonly titleStems: string
  readonly lang: string | null
  readonly langs: readonly string[]
  readonly mentions: readonly MentionRecord[]
  readonly children: readonly ChildItem[]
}

// Passages are what a snippet and a page number point into: small enough to rank precisely,
// large enough to hold a phrase. Cut at paragraph breaks, else at a space.
const passageTarget = 1000
const passageMax = 1600

/** Extracts and analyses one item; throws a DaleelError for a file that cannot be read. */
export async function processItem(task: ItemTask, onProgress?: () => void): Promise<ProcessedItem> {
  if (task.bytes.byteLength === 0) throw new DaleelError('FILE_EMPTY')
  const mediaType = await detectMediaType(task.bytes, task.name)
  const extractor = extractorFor(mediaType)
  if (!extractor) throw new DaleelError('FORMAT_UNSUPPORTED', { mediaType })
  const result = await extractor.extract(
    {
      bytes: task.bytes,
      name: task.name,
      mediaType,
      limits: task.limits,
      ocr: task.ocr,
      sourcePath: task.sourcePath,
      passwords: task.passwords ?? [],
    },
    { onProgress },
  )
  const warnings = [...result.warnings]
  let text = result.text
  if (text.length > task.limits.maxTextChars) {
    text = text.slice(0, task.limits.maxTextChars)
    warnings.push({ code: 'TEXT_TRUNCATED', message: 'Only part of the text was kept.' })
  }
  const spans = cutPassages(text, result.pages)
  const langs = detectLanguages(spans.map((span) => text.slice(span.start, span.end)))
  const passages: IndexedPassage[] = []
  spans.forEach((span, index) => {
    const tokens = analyze(text.slice(span.start, span.end))
    if (tokens.length === 0) return
    passages.push({
      ...span,
      lang: langs[index] ?? null,
      stems: tokens.map((token) => token.term).join(' '),
      words: tokens.map((token) => token.form).join(' '),
    })
  })
  const title = result.title?.trim() || null
  const { lang, present } = dominantLanguages(passages)
  return {
    mediaType,
    type: typeName(mediaType),
    text,
    title,
    metadata: withPageMethods(result.metadata, result.pageInfo),
    encoding: result.encoding ?? null,
    method: result.method,
    warnings,
    pageCount: result.pages ? result.pages.length : null,
    passages,
    titleStems: title
      ? analyze(title)
          .map((token) => token.term)
          .join(' ')
      : '',
    lang,
    langs: present,
    mentions: findMentions(text, passages),
    children: result.children,
  }
}

/** Cuts text into passages that never cross a page boundary. */
/** Records how each page was read when OCR read any of them, as `pageMethods`:
 *  `"1 text-layer"`, `"2 ocr 87"` (page, method, OCR confidence in percent). */
export function withPageMethods(metadata: Metadata, pages: ExtractionResult['pageInfo']): Metadata {
  if (!pages?.some((page) => page.method === 'ocr')) return metadata
  return {
    ...metadata,
    pageMethods: pages.map(
      ({ page, method, confidence }) =>
        `${page} ${method}${confidence === undefined ? '' : ` ${Math.round(confidence)}`}`,
    ),
  }
}

export function cutPassages(
  text: string,
  pages?: readonly PageSpan[],
): { start: number; end: number; page: number | null }[] {
  const regions = pages?.length
    ? pages.map((page) => ({
        start: page.start,
        end: Math.min(page.end, text.length),
        page: page.page,
      }))
    : [{ start: 0, end: text.length, page: null }]
  const passages: { start: number; end: number; page: number | null }[] = []
  for (const region of regions) {
    let start = region.start
    while (start < region.end) {
      let end = Math.min(region.end, start + passageMax)
      if (end < region.end) {
        const window = text.slice(start, end)
        const paragraph = window.lastIndexOf('\n\n')
        const line = window.lastIndexOf('\n')
        const space = window.search(/\s\S*$/u)
        const cut =
          paragraph >= passageTarget / 2
            ? paragraph
            : line >= passageTarget / 2
              ? line
              : space >= passageTarget / 2
                ? space
                : -1
        if (cut > 0) end = start + cut + 1
      }
      if (text.slice(start, end).trim()) passages.push({ start, end, page: region.page })
      start = end
    }
  }
  return passages
}

/** Joins the texts of sheets and slides into one document text with a page span for each, the
 *  way the PDF extractor separates pages, and keeps the total within `maxTextChars`. */

import type { Metadata, PageSpan, Warning } from '../../../domain/index.js'
import type { ChildItem, ExtractionResult } from '../../extractor.js'
import { toWarning } from '../text/to-warning.js'

/** Put between two pages (sheets, slides): a form feed on a line of its own, as for PDF. */
export const PAGE_SEPARATOR = '\n\f\n'

/** Collects pages in order; past the character limit it cuts and says so once. */
export class PagedText {
  private readonly parts: string[] = []
  private readonly spans: PageSpan[] = []
  private readonly warnings: Warning[] = []
  private length = 0
  private cut = false

  constructor(private readonly maxChars: number) {}

  /** True once the limit was reached: further pages are not kept. */
  get truncated(): boolean {
    return this.cut
  }

  /** Characters still free for the next page's own text. */
  remaining(): number {
    const separator = this.spans.length > 0 ? PAGE_SEPARATOR.length : 0
    return Math.max(0, this.maxChars - this.length - separator)
  }

  /** Notes that text was left out (a cap other than the character limit was reached). */
  markTruncated(page?: number): void {
    if (this.cut) return
    this.cut = true
    this.warnings.push({ ...toWarning('TEXT_TRUNCATED'), ...(page === undefined ? {} : { page }) })
  }

  /** Adds the next page's text; returns false when the limit left no room for all of it. */
  add(text: string): boolean {
    if (this.cut) return false
    const page = this.spans.length + 1
    const separator = page > 1 ? PAGE_SEPARATOR : ''
    if (this.length + separator.length > this.maxChars) {
      this.markTruncated(page)
      return false
    }
    this.parts.push(separator)
    this.length += separator.length
    let kept = text
    const room = this.maxChars - this.length
    if (kept.length > room) {
      let end = room
      // Never cut a surrogate pair in half.
      const last = kept.charCodeAt(end - 1)
      if (last >= 0xd800 && last <= 0xdbff) end -= 1
      kept = kept.slice(0, end)
      this.markTruncated(page)
    }
    this.spans.push({ page, start: this.length, end: this.length + kept.length })
    this.parts.push(kept)
    this.length += kept.length
    return !this.cut
  }

  result(): { text: string; pages: PageSpan[]; warnings: Warning[] } {
    return { text: this.parts.join(''), pages: this.spans, warnings: this.warnings }
  }

  /** The extraction result of a paged Office file (workbook, presentation): its pages with the
   *  file's metadata (the title taken from it), embedded files and warnings. */
  officeResult(file: {
    metadata: Metadata
    children: readonly ChildItem[]
    warnings: readonly Warning[]
  }): ExtractionResult {
    const { text, pages, warnings } = this.result()
    return {
      text,
      pages,
      title: typeof file.metadata.title === 'string' ? file.metadata.title : null,
      metadata: file.metadata,
      method: 'markup',
      children: file.children,
      warnings: [...file.warnings, ...warnings],
    }
  }
}

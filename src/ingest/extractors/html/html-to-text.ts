/** Turns HTML markup into readable plain text: block elements become line breaks, table cells
 *  are separated by tabs, entities are decoded and scripts, styles and the head are dropped.
 *  Nothing is fetched or executed; charset detection is left to the caller (bytes → string). */

import { Parser } from 'htmlparser2'
import type { Metadata } from '../../../domain/index.js'

/** The text of an HTML document with its title and the metadata its head declares. */
export interface HtmlText {
  readonly text: string
  readonly title: string | null
  readonly metadata: Metadata
}

function tags(names: string): ReadonlySet<string> {
  return new Set(names.trim().split(/\s+/u))
}

// Content that is never shown as text. `svg` is here because its <title> would be taken for
// the page title.
const SKIPPED = tags('script style noscript template svg math iframe')
const PARAGRAPH_BREAK = tags(`
  p h1 h2 h3 h4 h5 h6 blockquote pre table ul ol dl section article header footer aside nav
  main figure form fieldset address hr details body listing plaintext xmp
`)
const LINE_BREAK = tags(`
  div li tr dt dd caption summary option legend figcaption center dir menu thead tbody tfoot
  hgroup search dialog textarea
`)
const CELLS = tags('td th')
const PREFORMATTED = tags('pre textarea listing plaintext xmp')
// Elements allowed in <head>; anything else means the head ended without </head>.
const HEAD_CONTENT = tags('title meta link style script base noscript template')
const META_FIELDS: Readonly<Record<string, string>> = {
  description: 'description',
  author: 'author',
  keywords: 'keywords',
  'dc.title': 'dcTitle',
  'dc.creator': 'author',
  'dc.date': 'date',
}

/** Collects text pieces and turns the wanted breaks and spaces into characters lazily, so that
 *  no line starts or ends with a space and no more than one blank line appears in a row. */
class TextBuilder {
  private readonly parts: string[] = []
  private pendingBreaks = 0
  private pendingSpace = false
  private pendingTab = false
  private atLineStart = true
  private atCellStart = false
  private rowHasContent = false

  addText(raw: string, preformatted: boolean): void {
    if (preformatted) {
      this.append(raw.replace(/\r\n?/gu, '\n'))
      this.atLineStart = raw.endsWith('\n')
      return
    }
    // No-break spaces collapse too: Word's HTML fills empty paragraphs and indents with them.
    const collapsed = raw.replace(/[ \t\n\r\f\u00a0]+/gu, ' ')
    if (collapsed === '') return
    if (collapsed === ' ') {
      this.pendingSpace = true
      return
    }
    if (collapsed.startsWith(' ')) this.pendingSpace = true
    const trailing = collapsed.endsWith(' ')
    this.append(collapsed.replace(/^ | $/gu, ''))
    this.pendingSpace = trailing
    this.atLineStart = false
  }

  /** A row or table ends: whatever comes next starts a new line, even after an empty cell. */
  endRow(): void {
    this.atCellStart = false
    this.pendingTab = false
  }

  addBreak(count: 1 | 2): void {
    if (this.atCellStart) return
    this.pendingBreaks = Math.max(this.pendingBreaks, count)
  }

  /** A <br>: each one is a line break, so two in a row leave a blank line. */
  addLineBreak(): void {
    this.pendingBreaks = Math.min(2, this.pendingBreaks + 1)
  }

  /** A table cell starts: the first one in a row after the row's line break, the others after
   *  a tab. Breaks from block elements at the very start of a cell (`<td><p>`) are dropped. */
  startCell(first: boolean): void {
    if (first) this.rowHasContent = false
    else if (this.rowHasContent) {
      this.pendingBreaks = 0
      this.pendingTab = true
    }
    this.atCellStart = true
  }

  toString(): string {
    // Only a <pre> can leave blank lines at either end (corpus: ingest-file/empty_5_doc_pages.html).
    return this.parts.join('').replace(/^\s+|\s+$/gu, '')
  }

  private append(content: string): void {
    if (this.parts.length > 0) {
      if (this.pendingBreaks > 0) {
        this.parts.push('\n'.repeat(this.pendingBreaks))
        this.atLineStart = true
      } else if (this.pendingTab) this.parts.push('\t')
      else if (this.pendingSpace && !this.atLineStart) this.parts.push(' ')
    }
    this.pendingBreaks = 0
    this.pendingTab = false
    this.pendingSpace = false
    this.atCellStart = false
    this.rowHasContent = true
    this.parts.push(content)
  }
}

/** A <title> that is never closed would swallow the whole page as its text (browsers do the
 *  same); ending it at the next tag keeps the body (fixture: html/broken-markup.html). */
function closeOpenTitle(html: string): string {
  const open = /<title\b[^>]*>/iu.exec(html)
  if (open === null || /<\/title\s*>/iu.test(html.slice(open.index))) return html
  const end = open.index + open[0].length
  const next = html.indexOf('<', end)
  return next === -1 ? html : `${html.slice(0, next)}</title>${html.slice(next)}`
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

/**
 * The readable text of an HTML document, its title (from <title>, else the first <h1>) and
 * the description, author, keywords and language its markup declares.
 *
 * @example htmlToText('<title>T</title><p>One</p><p>Two</p>') // → { text: 'One\n\nTwo', title: 'T', … }
 */
export function htmlToText(html: string): HtmlText {
  const builder = new TextBuilder()
  const metadata: Record<string, string> = {}
  let skipDepth = 0
  let inHead = false
  let preDepth = 0
  let titleText: string | null = null
  let titleDepth = 0
  let h1Text: string | null = null
  let h1Depth = 0
  // Cells seen so far in each open row, innermost table last.
  const cellsInRow: number[] = []
  const inCell = (): boolean => (cellsInRow[cellsInRow.length - 1] ?? 0) > 0

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'html') {
          const lang = attributes.lang ?? attributes['xml:lang']
          if (lang !== undefined && lang.trim() !== '') metadata.lang = lang.trim()
        }
        if (name === 'meta') {
          const key = META_FIELDS[(attributes.name ?? '').toLowerCase()]
          const content = attributes.content
          if (key !== undefined && content !== undefined && collapse(content) !== '')
            metadata[key] ??= collapse(content)
        }
        if (name === 'head') inHead = true
        else if (inHead && (name === 'body' || !HEAD_CONTENT.has(name))) inHead = false
        if (skipDepth > 0 || SKIPPED.has(name)) {
          if (SKIPPED.has(name)) skipDepth += 1
          return
        }
        if (name === 'title' && titleText === null) {
          titleDepth += 1
          return
        }
        if (inHead) return
        if (name === 'h1' && h1Text === null) h1Depth += 1
        if (PREFORMATTED.has(name)) preDepth += 1
        if (name === 'br') builder.addLineBreak()
        else if (PARAGRAPH_BREAK.has(name)) builder.addBreak(inCell() ? 1 : 2)
        else if (LINE_BREAK.has(name)) builder.addBreak(1)
        if (name === 'tr') cellsInRow.push(0)
        if (CELLS.has(name)) {
          const index = cellsInRow.length - 1
          const count = cellsInRow[index] ?? 0
          builder.startCell(count === 0)
          if (index >= 0) cellsInRow[index] = count + 1
        }
      },
      ontext(data) {
        if (skipDepth > 0) return
        if (titleDepth > 0) {
          titleText = (titleText ?? '') + data
          return
        }
        if (inHead) return
        if (h1Depth > 0) h1Text = (h1Text ?? '') + data
        builder.addText(data, preDepth > 0)
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1)
          return
        }
        if (skipDepth > 0) return
        if (name === 'head') {
          inHead = false
          return
        }
        if (name === 'title' && titleDepth > 0) {
          titleDepth -= 1
          titleText ??= ''
          return
        }
        if (inHead) return
        if (name === 'h1' && h1Depth > 0) {
          h1Depth -= 1
          h1Text ??= ''
        }
        if (PREFORMATTED.has(name)) preDepth = Math.max(0, preDepth - 1)
        if (name === 'tr') cellsInRow.pop()
        if (name === 'tr' || name === 'table') builder.endRow()
        if (PARAGRAPH_BREAK.has(name)) builder.addBreak(inCell() && name !== 'table' ? 1 : 2)
        else if (LINE_BREAK.has(name)) builder.addBreak(1)
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(closeOpenTitle(html))
  parser.end()

  const title = collapse(titleText ?? '') || collapse(h1Text ?? '') || null
  return { text: builder.toString(), title, metadata }
}

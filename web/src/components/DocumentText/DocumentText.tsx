/** The extracted text, page by page and paragraph by paragraph, each paragraph in its own
 *  direction. Every hit is a <mark data-hit>, the passage in focus (a mention, a note) is marked
 *  too, and every run of text carries its offset in the raw text (`data-o`), so a selection maps
 *  back to the exact characters a citation or a note needs. */

import type { JSX } from 'preact'
import { memo } from 'preact/compat'
import type { DocumentHit, StoredPassage } from '../../api-types.js'
import { directionOf } from '../../bidi.js'
import { useLocale } from '../../i18n.js'

export interface TextRange {
  readonly start: number
  readonly end: number
}

interface Section {
  readonly page: number | null
  readonly start: number
  readonly end: number
}

/** Page sections that cover the whole text: each page from its first passage to the next page. */
export function pageSections(text: string, passages: readonly StoredPassage[]): Section[] {
  const starts = new Map<number, number>()
  for (const passage of passages)
    if (passage.page !== null && (starts.get(passage.page) ?? Infinity) > passage.start)
      starts.set(passage.page, passage.start)
  const ordered = [...starts].sort((a, b) => a[1] - b[1])
  if (ordered.length === 0) return [{ page: null, start: 0, end: text.length }]
  return ordered.map(([page, start], index) => ({
    page,
    start: index === 0 ? 0 : start,
    end: ordered[index + 1]?.[1] ?? text.length,
  }))
}

/** Paragraphs of a section: runs of text between blank lines. */
function paragraphs(text: string, section: Section): TextRange[] {
  const out: TextRange[] = []
  const separator = /\n[ \t\r\f\v]*\n\s*/gu
  separator.lastIndex = section.start
  let start = section.start
  for (
    let match = separator.exec(text);
    match && match.index < section.end;
    match = separator.exec(text)
  ) {
    if (match.index > start) out.push({ start, end: match.index })
    start = Math.min(section.end, match.index + match[0].length)
  }
  if (section.end > start) out.push({ start, end: section.end })
  return out
}

export const DocumentText = memo(function DocumentText(props: {
  text: string
  passages: readonly StoredPassage[]
  hits: readonly DocumentHit[]
  current: number | null
  focus: TextRange | null
  notes: readonly TextRange[]
}): JSX.Element {
  const { t } = useLocale()
  const { text } = props
  const sections = pageSections(text, props.passages)
  return (
    <div class="document-text" data-testid="document-text">
      {sections.map((section) => (
        <section key={section.start} class="text-page" data-page={section.page ?? ''}>
          {section.page !== null && (
            <h3 class="page-label" id={`page-${section.page}`}>
              {t('page', { page: section.page })}
            </h3>
          )}
          {paragraphs(text, section).map((paragraph) => {
            const content = text.slice(paragraph.start, paragraph.end)
            return (
              <p key={paragraph.start} dir={directionOf(content)} data-o={paragraph.start}>
                {runs(text, paragraph, props)}
              </p>
            )
          })}
        </section>
      ))}
    </div>
  )
})

/** Cuts a paragraph at every boundary of a hit, the focus and the notes, so each run is one
 *  element that knows what it is part of. */
function runs(
  text: string,
  paragraph: TextRange,
  props: {
    hits: readonly DocumentHit[]
    current: number | null
    focus: TextRange | null
    notes: readonly TextRange[]
  },
): (JSX.Element | string)[] {
  const inside = (range: TextRange): boolean =>
    range.end > paragraph.start && range.start < paragraph.end
  const hits = props.hits.map((hit, index) => ({ ...hit, index })).filter(inside)
  const notes = props.notes.filter(inside)
  const focus = props.focus && inside(props.focus) ? props.focus : null
  const cuts = new Set([paragraph.start, paragraph.end])
  for (const range of [...hits, ...notes, ...(focus ? [focus] : [])]) {
    cuts.add(Math.max(paragraph.start, range.start))
    cuts.add(Math.min(paragraph.end, range.end))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const out: (JSX.Element | string)[] = []
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] ?? 0
    const end = points[i + 1] ?? start
    const piece = text.slice(start, end)
    const hit = hits.find((h) => h.start <= start && end <= h.end)
    const inFocus = focus !== null && focus.start <= start && end <= focus.end
    const noted = notes.some((n) => n.start <= start && end <= n.end)
    const classes = [
      inFocus ? 'focus' : '',
      noted ? 'noted' : '',
      hit && hit.index === props.current ? 'current' : '',
    ]
      .filter(Boolean)
      .join(' ')
    if (hit) {
      out.push(
        <mark key={start} class={`doc-hit ${classes}`} data-hit={hit.index} data-o={start}>
          {piece}
        </mark>,
      )
    } else if (classes) {
      out.push(
        <span key={start} class={classes} data-o={start} data-focus={inFocus ? '' : undefined}>
          {piece}
        </span>,
      )
    } else {
      out.push(
        <span key={start} data-o={start}>
          {piece}
        </span>,
      )
    }
  }
  return out
}

/** The raw-text offset of a point in the rendered text (a selection's anchor or focus). */
export function offsetAt(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const element = node.parentElement?.closest<HTMLElement>('[data-o]')
    if (!element) return null
    return Number(element.dataset['o']) + offset
  }
  if (!(node instanceof HTMLElement)) return null
  const child = node.childNodes[offset]
  if (child) {
    if (child.nodeType === Node.TEXT_NODE) return offsetAt(child, 0)
    if (child instanceof HTMLElement) {
      const first = child.dataset['o'] ? child : child.querySelector<HTMLElement>('[data-o]')
      if (first) return Number(first.dataset['o'])
    }
    return null
  }
  // The point is after the node's last child: the end of what the node holds.
  const own = node.closest<HTMLElement>('[data-o]')
  if (own) return Number(own.dataset['o']) + (own.textContent?.length ?? 0)
  const runs = node.querySelectorAll<HTMLElement>('[data-o]')
  const last = runs[runs.length - 1]
  return last ? Number(last.dataset['o']) + (last.textContent?.length ?? 0) : null
}

/** Collects the text of DrawingML shapes (slides, notes, masters, text boxes on sheets,
 *  SmartArt data): one line per paragraph, tables as tab-separated rows, and the fallback copy
 *  of `mc:AlternateContent` left out so nothing is read twice. Which placeholders count is the
 *  caller's choice: a master's "Click to edit" prompts are noise, a notes page's body is not. */

import { attributeOf, localName } from './parse-xml.js'
import type { XmlHandlers } from './parse-xml.js'

/** Which placeholder shapes (`p:ph`) are read. */
export type PlaceholderRule = 'all-but-slide-number' | 'notes-body' | 'none'

// On a notes page the slide image, header, footer, date and number are layout, not notes.
const NOTES_KEPT = new Set(['body'])

interface Shape {
  readonly lines: string[]
  skip: boolean
}

/** Event handlers that gather the text of one DrawingML part. */
export class DrawingText implements XmlHandlers {
  private readonly root: Shape = { lines: [], skip: false }
  private readonly shapes: Shape[] = []
  private paragraph = ''
  private inText = false
  private skipping = 0
  private row: string[] | null = null
  private cell: string[] | null = null

  constructor(private readonly placeholders: PlaceholderRule) {}

  /** The paragraphs read, empty ones left out. */
  get lines(): readonly string[] {
    return this.root.lines
  }

  private top(): Shape {
    return this.shapes[this.shapes.length - 1] ?? this.root
  }

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (this.skipping > 0) {
      this.skipping += 1
      return
    }
    switch (localName(name)) {
      // The fallback repeats the choice's content for older readers.
      case 'Fallback':
        this.skipping = 1
        break
      case 'sp':
      case 'graphicFrame':
      case 'cxnSp':
      case 'pic':
        this.shapes.push({ lines: [], skip: false })
        break
      case 'ph': {
        const type = attributeOf(attributes, 'type') ?? 'body'
        const shape = this.top()
        if (this.placeholders === 'none') shape.skip = true
        else if (this.placeholders === 'notes-body') shape.skip = !NOTES_KEPT.has(type)
        else shape.skip = type === 'sldNum'
        break
      }
      // SmartArt wraps paragraphs in a `dgm:t`: text starts at the runs' own `a:t`.
      case 'p':
        this.paragraph = ''
        this.inText = false
        break
      case 't':
        this.inText = true
        break
      case 'br':
        this.paragraph += this.cell === null ? '\n' : ' '
        break
      case 'tr':
        this.row = []
        break
      case 'tc':
        this.cell = []
        break
    }
  }

  text(text: string): void {
    if (this.inText && this.skipping === 0) this.paragraph += text
  }

  close(name: string): void {
    if (this.skipping > 0) {
      this.skipping -= 1
      return
    }
    switch (localName(name)) {
      case 't':
        this.inText = false
        break
      case 'p': {
        const paragraph = this.paragraph.replace(/[ \t]+$/gmu, '').trim()
        this.paragraph = ''
        if (paragraph === '') break
        if (this.cell !== null) this.cell.push(paragraph.replace(/\s+/gu, ' '))
        else this.top().lines.push(paragraph)
        break
      }
      case 'tc':
        this.row?.push(this.cell?.join(' ') ?? '')
        this.cell = null
        break
      case 'tr':
        if (this.row?.some((cell) => cell !== '')) this.top().lines.push(this.row.join('\t'))
        this.row = null
        break
      case 'sp':
      case 'graphicFrame':
      case 'cxnSp':
      case 'pic': {
        const shape = this.shapes.pop()
        if (shape !== undefined && !shape.skip) this.top().lines.push(...shape.lines)
        break
      }
    }
  }
}

/** Strings shown by a chart: its title, axis titles, series names and category labels. */
export class ChartText implements XmlHandlers {
  readonly values: string[] = []
  private inString = 0
  private capture = false
  private current = ''

  open(name: string): void {
    const local = localName(name)
    if (local === 'strCache' || local === 'rich') this.inString += 1
    else if ((local === 'v' || local === 't') && this.inString > 0) {
      this.capture = true
      this.current = ''
    }
  }

  text(text: string): void {
    if (this.capture) this.current += text
  }

  close(name: string): void {
    const local = localName(name)
    if (local === 'strCache' || local === 'rich') this.inString -= 1
    else if ((local === 'v' || local === 't') && this.capture) {
      this.capture = false
      const value = this.current.trim()
      if (value !== '' && !this.values.includes(value)) this.values.push(value)
    }
  }
}

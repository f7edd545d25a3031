/** Reads Word 2003 XML documents (WordprocessingML 2003, `<?mso-application
 *  progid="Word.Document"?>`), which systems such as the Knesset's save under a .doc name
 *  (corpus: hebrew-knesset/20_ptv_341203.doc): paragraphs become lines, tables tab-separated
 *  rows; footnotes, headers, footers and comments follow the body; `o:DocumentProperties` gives
 *  title, author and dates. Embedded images (`w:binData`), field codes and deleted text are
 *  left out. */

import { DaleelError } from '../../../domain/index.js'
import type { Metadata } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { decodeText } from '../text/decode-text.js'
import { limitText } from '../text/limit-text.js'
import { isoDate } from './iso-date.js'
import { cellText } from './join-cells.js'
import { attributeOf, parseXml } from './parse-xml.js'
import type { XmlHandlers } from './parse-xml.js'

type Sink = 'body' | 'notes' | 'headers' | 'comments'

// Text that is not shown: images, field codes, deleted runs, the document's own metadata
// blocks (read separately) and style definitions.
const SKIPPED = new Set([
  'w:binData',
  'w:instrText',
  'w:delText',
  'o:DocumentProperties',
  'o:CustomDocumentProperties',
  'w:styles',
  'w:fonts',
  'w:lists',
  'w:docPr',
  'w:bgPict',
])
const SINKS: Readonly<Record<string, Sink>> = {
  'w:footnote': 'notes',
  'w:endnote': 'notes',
  'w:hdr': 'headers',
  'w:ftr': 'headers',
}
const PROPERTIES: Readonly<Record<string, string>> = {
  'o:Title': 'title',
  'o:Subject': 'subject',
  'o:Author': 'author',
  'o:LastAuthor': 'lastModifiedBy',
  'o:Keywords': 'keywords',
  'o:Description': 'description',
  'o:Company': 'company',
  'o:Created': 'created',
  'o:LastSaved': 'modified',
  'o:LastPrinted': 'lastPrinted',
  'o:Pages': 'pages',
  'o:Words': 'words',
}
const DATES = new Set(['created', 'modified', 'lastPrinted'])
const NUMBERS = new Set(['pages', 'words'])

/** True when the text is a Word 2003 XML document. */
export function looksLikeWordml(head: string): boolean {
  return (
    /<\?mso-application\s+progid="Word\.Document"\?>/u.test(head) ||
    /<w:wordDocument[\s>]/u.test(head)
  )
}

class WordmlText implements XmlHandlers {
  readonly sinks: Record<Sink, string[]> = { body: [], notes: [], headers: [], comments: [] }
  readonly metadata: Metadata = {}
  private readonly sinkStack: Sink[] = []
  private readonly paragraphs: string[] = []
  private skipping = 0
  private inText = false
  private property: string | null = null
  private propertyText = ''
  private inProperties = 0
  private row: string[] | null = null
  private cell: string[] | null = null
  private kept = 0

  constructor(private readonly maxChars: number) {}

  get full(): boolean {
    return this.kept > this.maxChars
  }

  private append(text: string): void {
    const last = this.paragraphs.length - 1
    if (last >= 0) this.paragraphs[last] += text
  }

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (name === 'o:DocumentProperties') this.inProperties += 1
    if (this.inProperties > 0) {
      this.property = PROPERTIES[name] ?? null
      this.propertyText = ''
    }
    if (this.skipping > 0 || SKIPPED.has(name)) {
      this.skipping += 1
      return
    }
    // Deleted runs of tracked changes sit in Word.Deletion annotations.
    if (name === 'aml:annotation') {
      const type = attributeOf(attributes, 'type') ?? ''
      if (type === 'Word.Deletion') {
        this.skipping = 1
        return
      }
      if (type === 'Word.Comment') this.sinkStack.push('comments')
      else this.sinkStack.push(this.sinkStack[this.sinkStack.length - 1] ?? 'body')
      return
    }
    const sink = SINKS[name]
    if (sink !== undefined) this.sinkStack.push(sink)
    switch (name) {
      case 'w:p':
        this.paragraphs.push('')
        break
      case 'w:t':
        this.inText = true
        break
      case 'w:tab':
        this.append('\t')
        break
      case 'w:br':
      case 'w:cr':
        this.append('\n')
        break
      case 'w:tr':
        this.row = []
        break
      case 'w:tc':
        this.cell = []
        break
    }
  }

  text(text: string): void {
    if (this.inProperties > 0 && this.property !== null) this.propertyText += text
    if (this.skipping === 0 && this.inText) this.append(text)
  }

  close(name: string): void {
    if (this.inProperties > 0 && this.property !== null) this.endProperty(this.property)
    if (name === 'o:DocumentProperties') this.inProperties -= 1
    if (this.skipping > 0) {
      this.skipping -= 1
      return
    }
    if (name === 'aml:annotation' || SINKS[name] !== undefined) {
      this.sinkStack.pop()
      return
    }
    switch (name) {
      case 'w:t':
        this.inText = false
        break
      case 'w:p': {
        const paragraph = (this.paragraphs.pop() ?? '').trim()
        if (paragraph === '' || this.full) break
        this.kept += paragraph.length + 1
        const sink = this.sinkStack[this.sinkStack.length - 1] ?? 'body'
        if (this.cell !== null && sink === 'body') this.cell.push(paragraph)
        else this.sinks[sink].push(paragraph)
        break
      }
      case 'w:tc':
        this.row?.push(cellText(this.cell?.join(' ') ?? ''))
        this.cell = null
        break
      case 'w:tr':
        if (this.row?.some((cell) => cell !== '')) this.sinks.body.push(this.row.join('\t'))
        this.row = null
        break
    }
  }

  private endProperty(key: string): void {
    const value = this.propertyText.trim()
    this.property = null
    if (value === '' || key in this.metadata) return
    if (DATES.has(key)) {
      const date = isoDate(value)
      if (date !== null) this.metadata[key] = date
    } else if (NUMBERS.has(key)) {
      const number = Number(value)
      if (Number.isFinite(number)) this.metadata[key] = number
    } else this.metadata[key] = value
  }
}

/** Turns a Word 2003 XML document into a document with its text and properties. */
export class WordmlExtractor implements Extractor {
  readonly name = 'wordml'

  extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    const { bytes, limits } = input
    if (bytes.length === 0) return Promise.reject(new DaleelError('FILE_EMPTY'))
    if (bytes.length > limits.maxMemberBytes) {
      return Promise.reject(new DaleelError('FILE_TOO_LARGE', { limit: limits.maxMemberBytes }))
    }
    options.signal?.throwIfAborted()
    const xml = decodeText(bytes).text
    if (!looksLikeWordml(xml.slice(0, 64 * 1024)))
      return Promise.reject(new DaleelError('FILE_CORRUPT'))
    const reader = new WordmlText(limits.maxTextChars)
    parseXml(xml, reader)
    const text = [
      reader.sinks.body,
      reader.sinks.headers,
      reader.sinks.notes,
      reader.sinks.comments,
    ]
      .map((lines) => lines.join('\n'))
      .filter((part) => part !== '')
      .join('\n\n')
    const limited = limitText(text, limits)
    const title = typeof reader.metadata.title === 'string' ? reader.metadata.title : null
    return Promise.resolve({
      text: limited.text,
      title,
      metadata: reader.metadata,
      method: 'markup',
      children: [],
      warnings: limited.warnings,
    })
  }
}

/** Reads OpenDocument files, zipped (.odt, .ods, .odp, .odg) or flat XML (.fodt, .fods, .fodp):
 *  paragraphs and headings become lines, tables tab-separated rows, each sheet or slide one
 *  page (sheet name or "Slide N" as its heading), footnotes, comments and speaker notes follow
 *  the text they belong to, and headers, footers and master-page text come once. meta.xml gives
 *  title, author and dates. Text documents get page spans where LibreOffice recorded its soft
 *  page breaks. */

import { DaleelError } from '../../../domain/index.js'
import type { Metadata, PageSpan, Warning } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { decodeText } from '../text/decode-text.js'
import { limitText } from '../text/limit-text.js'
import { isoDate } from './iso-date.js'
import { cellText, joinCells } from './join-cells.js'
import { OfficeZip } from './office-zip.js'
import { PagedText } from './paged-text.js'
import { attributeOf, createXmlStream, localName, parseXml, parseXmlBytes } from './parse-xml.js'
import type { XmlHandlers } from './parse-xml.js'

type DocumentKind = 'text' | 'spreadsheet' | 'presentation' | 'drawing'
type Region = 'body' | 'master-styles'

// Subtrees whose text is not document text: deleted tracked changes, note numbers, forms,
// scripts, the templates of generated indexes.
const SKIPPED = new Set([
  'text:tracked-changes',
  'text:note-citation',
  'office:forms',
  'office:scripts',
  'office:event-listeners',
  'text:table-of-content-source',
  'text:alphabetical-index-source',
  'text:illustration-index-source',
  'text:bibliography-source',
  'text:sequence-decls',
  'text:variable-decls',
  'text:user-field-decls',
  'svg:title',
  'svg:desc',
  // Images embedded in flat files as base64.
  'office:binary-data',
])
// Fields on master pages whose text is a layout placeholder ("???", "1").
const MASTER_FIELDS = new Set([
  'text:sheet-name',
  'text:page-number',
  'text:page-count',
  'text:file-name',
])
// Master-page frames that hold real text; the rest (title, outline, …) hold "Click to edit".
const MASTER_CLASSES_KEPT = new Set(['footer', 'header', 'date-time'])
const MAX_REPEATED_SPACES = 100
const MAX_REPEATED_CELLS = 32
const PROGRESS_EVERY_BYTES = 1024 * 1024

/** One page's worth of text: a sheet, a slide, or the whole of a text document. */
interface Section {
  readonly heading: string | null
  readonly lines: string[]
  readonly notes: string[]
  readonly comments: string[]
  /** Line indexes before which a page starts (text documents only). */
  readonly breaks: number[]
}

interface TableState {
  row: [number, string][] | null
  column: number
  cell: string[] | null
  cellRepeat: number
  cellValue: string | null
}

function newSection(heading: string | null): Section {
  return { heading, lines: [], notes: [], comments: [], breaks: [] }
}

/** Reads the body (or the master pages) of an OpenDocument part into sections. */
class OdfText implements XmlHandlers {
  kind: DocumentKind = 'text'
  readonly sections: Section[] = []
  private inRegion = 0
  private skipping = 0
  private readonly paragraphs: string[] = []
  private readonly sinks: ('note' | 'comment' | 'notes')[] = []
  private readonly tables: TableState[] = []
  private slides = 0
  private kept = 0

  /** `maxChars`: past this many characters of text, the rest of the part is passed over. */
  constructor(
    private readonly region: Region,
    private readonly maxChars: number,
  ) {}

  /** True once the text limit was reached while reading. */
  get full(): boolean {
    return this.kept > this.maxChars
  }

  private section(): Section {
    let section = this.sections[this.sections.length - 1]
    if (section === undefined) {
      section = newSection(null)
      this.sections.push(section)
    }
    return section
  }

  private append(text: string): void {
    const last = this.paragraphs.length - 1
    if (last >= 0) this.paragraphs[last] += text
  }

  /** Puts a finished paragraph or row where it belongs: a table cell, notes, or the text. */
  private emit(line: string): void {
    if (this.full) return
    this.kept += line.length + 1
    const section = this.section()
    // A comment or note inside a table cell is not part of the cell's value.
    const sink = this.sinks[this.sinks.length - 1]
    if (sink === 'comment') return void section.comments.push(line)
    if (sink === 'note' || sink === 'notes') return void section.notes.push(line)
    const table = this.tables[this.tables.length - 1]
    if (table?.cell != null) table.cell.push(line)
    else section.lines.push(line)
  }

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (this.skipping > 0) {
      this.skipping += 1
      return
    }
    const regionName = this.region === 'body' ? 'office:body' : 'office:master-styles'
    if (name === regionName) this.inRegion += 1
    if (this.inRegion === 0) return
    if (
      SKIPPED.has(name) ||
      (this.region === 'master-styles' && this.skipsMaster(name, attributes))
    ) {
      this.skipping = 1
      return
    }
    switch (name) {
      case 'office:text':
      case 'office:spreadsheet':
      case 'office:presentation':
      case 'office:drawing':
        this.kind = localName(name) as DocumentKind
        break
      case 'table:table':
        // Each top-level sheet of a spreadsheet is a page.
        if (this.region === 'body' && this.kind === 'spreadsheet' && this.tables.length === 0) {
          this.sections.push(
            newSection(attributeOf(attributes, 'name') ?? `Sheet${this.sections.length + 1}`),
          )
        }
        this.tables.push({ row: null, column: 0, cell: null, cellRepeat: 1, cellValue: null })
        break
      case 'draw:page':
        if (this.region === 'body') {
          this.slides += 1
          this.sections.push(
            newSection(`${this.kind === 'drawing' ? 'Page' : 'Slide'} ${this.slides}`),
          )
        }
        break
      case 'table:table-row': {
        const table = this.tables[this.tables.length - 1]
        if (table !== undefined && table.cell === null) {
          table.row = []
          table.column = 0
        }
        break
      }
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        const table = this.tables[this.tables.length - 1]
        if (table === undefined || table.row === null || table.cell !== null) break
        table.cell = []
        table.cellRepeat = Math.max(
          1,
          Number(attributeOf(attributes, 'number-columns-repeated') ?? 1) || 1,
        )
        table.cellValue = this.typedValue(attributes)
        break
      }
      case 'text:p':
      case 'text:h':
        this.paragraphs.push('')
        break
      case 'text:s':
        this.append(
          ' '.repeat(
            Math.min(
              MAX_REPEATED_SPACES,
              Math.max(1, Number(attributeOf(attributes, 'c') ?? 1) || 1),
            ),
          ),
        )
        break
      case 'text:tab':
        this.append('\t')
        break
      case 'text:line-break':
        this.append('\n')
        break
      case 'text:soft-page-break':
        if (this.kind === 'text' && this.tables.length === 0 && this.sinks.length === 0) {
          const section = this.section()
          section.breaks.push(section.lines.length)
        }
        break
      case 'text:note-body':
        this.sinks.push('note')
        break
      case 'office:annotation':
        this.sinks.push('comment')
        break
      case 'presentation:notes':
        this.sinks.push('notes')
        break
    }
  }

  /** Master pages: layout fields and placeholder frames ("Click to edit …") are left out. */
  private skipsMaster(name: string, attributes: Readonly<Record<string, string>>): boolean {
    if (MASTER_FIELDS.has(name)) return true
    if (name === 'presentation:notes') return true
    if (name !== 'draw:frame') return false
    const presentationClass = attributes['presentation:class']
    return presentationClass !== undefined && !MASTER_CLASSES_KEPT.has(presentationClass)
  }

  /** Spreadsheet dates and times as ISO text; other cells keep the text they show. */
  private typedValue(attributes: Readonly<Record<string, string>>): string | null {
    const type = attributes['office:value-type'] ?? attributes['table:value-type']
    if (type === 'date') return attributes['office:date-value'] ?? null
    if (type === 'time') {
      const match = /^PT(\d+)H(\d+)M(\d+)(?:[.,]\d+)?S$/u.exec(
        attributes['office:time-value'] ?? '',
      )
      return match === null ? null : `${match[1]?.padStart(2, '0')}:${match[2]}:${match[3]}`
    }
    return null
  }

  text(text: string): void {
    if (this.skipping > 0 || this.inRegion === 0 || this.paragraphs.length === 0) return
    // ODF collapses runs of white space in text content (ODF 1.2, 6.1.2); text:s holds real spaces.
    this.append(text.replace(/[ \t\r\n]+/gu, ' '))
  }

  close(name: string): void {
    if (this.skipping > 0) {
      this.skipping -= 1
      return
    }
    if (this.inRegion === 0) return
    const regionName = this.region === 'body' ? 'office:body' : 'office:master-styles'
    if (name === regionName) {
      this.inRegion -= 1
      return
    }
    switch (name) {
      case 'text:p':
      case 'text:h': {
        const paragraph = (this.paragraphs.pop() ?? '').replace(/ +\n/gu, '\n').trim()
        if (paragraph !== '') this.emit(paragraph)
        break
      }
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        const table = this.tables[this.tables.length - 1]
        if (table?.row == null || table.cell === null) break
        const value = cellText(table.cellValue ?? table.cell.join(' '))
        table.cell = null
        if (value !== '') {
          for (let copy = 0; copy < Math.min(table.cellRepeat, MAX_REPEATED_CELLS); copy++) {
            table.row.push([table.column + copy, value])
          }
        }
        // Sheets end in a cell repeated to column 1024 (or 16384): only the count matters.
        table.column += table.cellRepeat
        break
      }
      case 'table:table-row': {
        const table = this.tables[this.tables.length - 1]
        if (table?.row == null || table.cell !== null) break
        const row = table.row
        table.row = null
        // A repeated row (`number-rows-repeated`) is kept once: repeats are nearly always empty.
        if (row.length > 0) this.emit(joinCells(row))
        break
      }
      case 'table:table':
        this.tables.pop()
        break
      case 'text:note-body':
      case 'office:annotation':
      case 'presentation:notes':
        this.sinks.pop()
        break
    }
  }
}

/** Properties from meta.xml (or the `office:meta` of a flat file). */
class OdfMeta implements XmlHandlers {
  readonly metadata: Metadata = {}
  private readonly keywords: string[] = []
  private current: string | null = null
  private value = ''

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    this.current = name
    this.value = ''
    if (name === 'meta:document-statistic') {
      const pages = Number(attributes['meta:page-count'])
      const words = Number(attributes['meta:word-count'])
      if (Number.isFinite(pages) && attributes['meta:page-count'] !== undefined)
        this.metadata.pages = pages
      if (Number.isFinite(words) && attributes['meta:word-count'] !== undefined)
        this.metadata.words = words
    }
  }

  text(text: string): void {
    if (this.current !== null) this.value += text
  }

  close(name: string): void {
    const value = this.value.trim()
    this.current = null
    this.value = ''
    if (value === '') return
    const set = (key: string, text: string | null): void => {
      if (text !== null && !(key in this.metadata)) this.metadata[key] = text
    }
    switch (name) {
      case 'dc:title':
        return set('title', value)
      case 'dc:subject':
        return set('subject', value)
      case 'dc:description':
        return set('description', value)
      case 'dc:language':
        return set('language', value)
      case 'meta:initial-creator':
        return set('author', value)
      case 'dc:creator':
        return set('lastModifiedBy', value)
      case 'meta:creation-date':
        return set('created', isoDate(value))
      case 'dc:date':
        return set('modified', isoDate(value))
      case 'meta:print-date':
        return set('lastPrinted', isoDate(value))
      case 'meta:generator':
        return set('application', value)
      case 'meta:keyword':
        this.keywords.push(value)
        this.metadata.keywords = this.keywords.join(', ')
        return
    }
  }

  result(): Metadata {
    // ODF names the first author `initial-creator` and the last editor `creator`; a file
    // without the former is still someone's.
    if (this.metadata.author === undefined && typeof this.metadata.lastModifiedBy === 'string') {
      this.metadata.author = this.metadata.lastModifiedBy
    }
    return this.metadata
  }
}

/** Sends each event to several readers: a flat file holds meta, styles and body in one. */
function all(...handlers: XmlHandlers[]): XmlHandlers {
  return {
    open: (name, attributes) => handlers.forEach((handler) => handler.open?.(name, attributes)),
    text: (text) => handlers.forEach((handler) => handler.text?.(text)),
    close: (name) => handlers.forEach((handler) => handler.close?.(name)),
  }
}

function sectionText(section: Section, withHeading: boolean): string {
  const parts: string[] = []
  if (withHeading && section.heading !== null) parts.push(section.heading)
  if (section.lines.length > 0) parts.push(section.lines.join('\n'))
  if (section.notes.length > 0) parts.push(`Notes\n${section.notes.join('\n')}`)
  if (section.comments.length > 0) parts.push(`Comments\n${section.comments.join('\n')}`)
  return parts.join('\n\n')
}

/** A text document: one text, with page spans when soft page breaks were recorded. */
function textResult(
  section: Section,
  masterText: string,
  maxTextChars: number,
): { text: string; pages?: PageSpan[]; warnings: Warning[] } {
  let text = section.lines.join('\n')
  const starts: number[] = []
  let offset = 0
  let next = 0
  for (const [index, line] of section.lines.entries()) {
    while (section.breaks[next] !== undefined && (section.breaks[next] ?? 0) <= index) {
      if (index > 0 && starts[starts.length - 1] !== offset) starts.push(offset)
      next += 1
    }
    offset += line.length + 1
  }
  const rest = sectionText({ ...section, heading: null, lines: [] }, false)
  text = [text, rest, masterText].filter((part) => part !== '').join('\n\n')
  const limited = limitText(text, { maxTextChars })
  if (starts.length === 0) return limited
  const bounds = [0, ...starts.filter((start) => start < limited.text.length), limited.text.length]
  const pages = bounds
    .slice(0, -1)
    .map((start, index) => ({ page: index + 1, start, end: bounds[index + 1] ?? start }))
  return { ...limited, pages }
}

function isEncrypted(manifest: Buffer | null): boolean {
  if (manifest === null) return false
  let encrypted = false
  parseXmlBytes(manifest, {
    open(name) {
      if (localName(name) === 'encryption-data') encrypted = true
    },
  })
  return encrypted
}

interface OdfParts {
  readonly body: OdfText
  readonly master: OdfText
  readonly meta: OdfMeta
}

function newParts(maxChars: number): OdfParts {
  return {
    body: new OdfText('body', maxChars),
    master: new OdfText('master-styles', maxChars),
    meta: new OdfMeta(),
  }
}

async function readPackage(input: ExtractionInput, onProgress?: () => void): Promise<OdfParts> {
  const zip = await OfficeZip.open(input.bytes, input.limits, input.passwords)
  try {
    // Password-protected files keep their manifest readable and encrypt content.xml.
    if (isEncrypted(await zip.readOptional('META-INF/manifest.xml')))
      throw new DaleelError('FILE_ENCRYPTED')
    const parts = newParts(input.limits.maxTextChars)
    // content.xml is streamed: a large spreadsheet never sits in memory as one string.
    const content = createXmlStream(parts.body)
    let sinceProgress = 0
    const found = await zip.stream('content.xml', (chunk) => {
      content.write(chunk)
      sinceProgress += chunk.length
      if (sinceProgress >= PROGRESS_EVERY_BYTES) {
        sinceProgress = 0
        onProgress?.()
      }
      return !parts.body.full
    })
    if (!found) throw new DaleelError('FILE_CORRUPT')
    if (!parts.body.full) content.end()
    const styles = await zip.readOptional('styles.xml', input.limits.maxMemberBytes)
    if (styles !== null) parseXmlBytes(styles, parts.master)
    const meta = await zip.readOptional('meta.xml')
    if (meta !== null) parseXmlBytes(meta, parts.meta)
    return parts
  } finally {
    zip.close()
  }
}

function readFlat(input: ExtractionInput): OdfParts {
  const { bytes, limits } = input
  if (bytes.length === 0) throw new DaleelError('FILE_EMPTY')
  if (bytes.length > limits.maxMemberBytes)
    throw new DaleelError('FILE_TOO_LARGE', { limit: limits.maxMemberBytes })
  const xml = decodeText(bytes).text
  if (!/<office:document[\s>]/u.test(xml.slice(0, 64 * 1024))) throw new DaleelError('FILE_CORRUPT')
  const parts = newParts(limits.maxTextChars)
  let inMeta = 0
  parseXml(
    xml,
    all(parts.body, parts.master, {
      open: (name, attributes) => {
        if (name === 'office:meta') inMeta += 1
        else if (inMeta > 0) parts.meta.open(name, attributes)
      },
      text: (text) => {
        if (inMeta > 0) parts.meta.text(text)
      },
      close: (name) => {
        if (name === 'office:meta') inMeta -= 1
        else if (inMeta > 0) parts.meta.close(name)
      },
    }),
  )
  return parts
}

async function readOdf(input: ExtractionInput, options: ExtractOptions): Promise<ExtractionResult> {
  options.signal?.throwIfAborted()
  const flat =
    input.mediaType.endsWith('-flat-xml') || (input.bytes[0] !== 0x50 && input.bytes.length > 0)
  const parts = flat ? readFlat(input) : await readPackage(input, options.onProgress)
  options.onProgress?.()
  const metadata = parts.meta.result()
  const masterText = parts.master.sections
    .map((section) => sectionText(section, false))
    .filter((text) => text !== '')
    .join('\n')
  const title = typeof metadata.title === 'string' ? metadata.title : null
  const base = { title, metadata, method: 'markup' as const, children: [] }
  if (parts.body.kind === 'text') {
    const section = parts.body.sections[0] ?? newSection(null)
    return { ...base, ...textResult(section, masterText, input.limits.maxTextChars) }
  }
  const paged = new PagedText(input.limits.maxTextChars)
  for (const [index, section] of parts.body.sections.entries()) {
    const text = sectionText(section, true)
    // Master-page text (footers, logos' captions) is shown on every page; it is kept once.
    if (!paged.add(index === 0 && masterText !== '' ? `${text}\n\n${masterText}` : text)) break
  }
  return { ...base, ...paged.result() }
}

/** Turns OpenDocument text, spreadsheets, presentations and drawings into documents. */
export class OdfExtractor implements Extractor {
  readonly name = 'odf'

  extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    return readOdf(input, options)
  }
}

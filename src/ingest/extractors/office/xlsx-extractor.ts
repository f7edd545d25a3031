/** Reads Excel workbooks (.xlsx, .xlsm and Strict OOXML): each sheet becomes one page headed by
 *  its name, each row a tab-separated line; formulas give their cached values, date cells ISO
 *  dates, cell comments and text boxes follow their sheet. Sheets are streamed part by part, so
 *  memory stays small and a cell cap can stop a huge sheet. Legacy .xls is converted by the
 *  legacy extractor and comes back here. */

import { DaleelError } from '../../../domain/index.js'
import type { Metadata, Warning } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { toWarning } from '../text/to-warning.js'
import { DrawingText } from './drawing-text.js'
import { cellText, joinCells } from './join-cells.js'
import { OfficeZip } from './office-zip.js'
import type { Relationship } from './office-zip.js'
import { PagedText } from './paged-text.js'
import {
  attributeOf,
  createXmlStream,
  localName,
  parseXmlBytes,
  relationshipIdOf,
} from './parse-xml.js'
import type { XmlHandlers } from './parse-xml.js'
import { columnIndexOf, formatNumber, valueKindOf } from './xlsx-values.js'
import type { ValueKind } from './xlsx-values.js'

/** More non-empty cells than this in one workbook are not read (TEXT_TRUNCATED). */
export const DEFAULT_MAX_CELLS = 10_000_000
const PROGRESS_EVERY_BYTES = 1024 * 1024

/** Options of the XLSX reader. */
export interface XlsxExtractorOptions {
  /** Most non-empty cells read from one workbook. */
  readonly maxCells?: number
}

interface SheetEntry {
  readonly name: string
  readonly part: string | null
  readonly hidden: boolean
}

interface Workbook {
  readonly sheets: SheetEntry[]
  readonly date1904: boolean
  readonly sharedStrings: readonly string[]
  /** The value kind of each cell format (`s` attribute), by index. */
  readonly formats: readonly ValueKind[]
}

const NUMBER: ValueKind = { kind: 'number' }

function workbookSheets(xml: Buffer): {
  sheets: { name: string; id: string; hidden: boolean }[]
  date1904: boolean
} {
  const sheets: { name: string; id: string; hidden: boolean }[] = []
  let date1904 = false
  parseXmlBytes(xml, {
    open(name, attributes) {
      const local = localName(name)
      if (local === 'sheet') {
        const state = attributeOf(attributes, 'state')
        sheets.push({
          name: attributeOf(attributes, 'name') ?? `Sheet${sheets.length + 1}`,
          id: relationshipIdOf(attributes) ?? '',
          hidden: state === 'hidden' || state === 'veryHidden',
        })
      } else if (local === 'workbookPr') {
        const value = attributeOf(attributes, 'date1904')
        date1904 = value === '1' || value === 'true'
      }
    },
  })
  return { sheets, date1904 }
}

/** The shared string table: rich-text runs joined, phonetic guides (`rPh`) left out. */
async function readSharedStrings(
  zip: OfficeZip,
  part: string,
  maxChars: number,
  warnings: Warning[],
): Promise<string[]> {
  const strings: string[] = []
  let current = ''
  let inText = false
  let phonetic = 0
  let total = 0
  const xml = createXmlStream({
    open(name) {
      const local = localName(name)
      if (local === 'si') current = ''
      else if (local === 'rPh') phonetic += 1
      else if (local === 't') inText = phonetic === 0
    },
    text(text) {
      if (inText) current += text
    },
    close(name) {
      const local = localName(name)
      if (local === 't') inText = false
      else if (local === 'rPh') phonetic -= 1
      else if (local === 'si') {
        // Strings past the text limit could never be shown; their places are kept.
        strings.push(total < maxChars ? current : '')
        total += current.length
      }
    },
  })
  await zip.stream(part, (chunk) => xml.write(chunk))
  xml.end()
  if (total > maxChars) warnings.push(toWarning('TEXT_TRUNCATED'))
  return strings
}

/** The value kind of each cell format in styles.xml (`cellXfs`), by index. */
async function readFormats(zip: OfficeZip, part: string): Promise<ValueKind[]> {
  const xml = await zip.readOptional(part, 64 * 1024 * 1024)
  if (xml === null) return []
  const codes = new Map<number, string>()
  const formatIds: number[] = []
  let inCellFormats = false
  parseXmlBytes(xml, {
    open(name, attributes) {
      const local = localName(name)
      if (local === 'numFmt') {
        const id = Number(attributeOf(attributes, 'numFmtId'))
        const code = attributeOf(attributes, 'formatCode')
        if (Number.isInteger(id) && code !== undefined) codes.set(id, code)
      } else if (local === 'cellXfs') inCellFormats = true
      else if (local === 'xf' && inCellFormats) {
        formatIds.push(Number(attributeOf(attributes, 'numFmtId') ?? 0))
      }
    },
    close(name) {
      if (localName(name) === 'cellXfs') inCellFormats = false
    },
  })
  return formatIds.map((id) => valueKindOf(id, codes.get(id)))
}

/** The sheets in workbook order with their parts, the date system, strings and formats. */
async function readWorkbook(
  zip: OfficeZip,
  maxChars: number,
  warnings: Warning[],
): Promise<Workbook> {
  const workbookPart = await zip.mainPart('xl/workbook.xml')
  const xml = await zip.read(workbookPart)
  if (xml === null) throw new DaleelError('FILE_CORRUPT')
  const { sheets, date1904 } = workbookSheets(xml)
  const relationships = await zip.relationships(workbookPart)
  const byId = new Map(relationships.map((rel) => [rel.id, rel]))
  const partOf = (type: string, fallback: string): string =>
    relationships.find((rel) => rel.type === type)?.target ?? fallback
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1)
  return {
    sheets: sheets.map((sheet, index) => {
      // Without relationships (a damaged or hand-made file), Excel's own naming is the guess.
      const fallback = `${folder}worksheets/sheet${index + 1}.xml`
      return {
        name: sheet.name,
        hidden: sheet.hidden,
        part: byId.get(sheet.id)?.target ?? (zip.has(fallback) ? fallback : null),
      }
    }),
    date1904,
    sharedStrings: await readSharedStrings(
      zip,
      partOf('sharedStrings', `${folder}sharedStrings.xml`),
      maxChars,
      warnings,
    ),
    formats: await readFormats(zip, partOf('styles', `${folder}styles.xml`)),
  }
}

/** Reads the rows of one worksheet as tab-separated lines, within the cell and text budgets. */
class SheetRows implements XmlHandlers {
  readonly lines: string[] = []
  stopped = false
  private length = 0
  /** The row's non-empty cells as [column, text], in the order they came. */
  private row: [number, string][] = []
  private nextColumn = 0
  private reference: string | undefined
  private type = 'n'
  private style = 0
  private value = ''
  private inline = ''
  private inValue = false
  private inInline = false
  private inText = false
  private phonetic = 0

  constructor(
    private readonly book: Workbook,
    private readonly budget: { cells: number },
    private readonly maxChars: number,
  ) {}

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (this.stopped) return
    switch (localName(name)) {
      case 'row':
        this.row = []
        this.nextColumn = 0
        break
      case 'c':
        this.reference = attributeOf(attributes, 'r')
        this.type = attributeOf(attributes, 't') ?? 'n'
        this.style = Number(attributeOf(attributes, 's') ?? 0)
        this.value = ''
        this.inline = ''
        break
      case 'v':
        this.inValue = true
        break
      case 'is':
        this.inInline = true
        break
      case 'rPh':
        this.phonetic += 1
        break
      case 't':
        this.inText = this.inInline && this.phonetic === 0
        break
    }
  }

  text(text: string): void {
    if (this.inValue) this.value += text
    else if (this.inText) this.inline += text
  }

  close(name: string): void {
    if (this.stopped) return
    switch (localName(name)) {
      case 'v':
        this.inValue = false
        break
      case 't':
        this.inText = false
        break
      case 'is':
        this.inInline = false
        break
      case 'rPh':
        this.phonetic -= 1
        break
      case 'c':
        this.endCell()
        break
      case 'row':
        this.endRow()
        break
    }
  }

  private cellValue(): string {
    switch (this.type) {
      case 's':
        return this.book.sharedStrings[Number(this.value)] ?? ''
      case 'inlineStr':
        return this.inline
      case 'b':
        return this.value === '1' || this.value === 'true' ? 'TRUE' : 'FALSE'
      // Formula strings (`str`), errors (`e`, e.g. #N/A) and ISO dates (`d`) are stored as shown.
      case 'str':
      case 'e':
      case 'd':
        return this.value
      default:
        return formatNumber(this.value, this.book.formats[this.style] ?? NUMBER, this.book.date1904)
    }
  }

  private endCell(): void {
    const column = this.reference === undefined ? this.nextColumn : columnIndexOf(this.reference)
    const index = column < 0 ? this.nextColumn : column
    this.nextColumn = index + 1
    const text = cellText(this.cellValue())
    if (text === '') return
    if (this.budget.cells <= 0) {
      this.stopped = true
      return
    }
    this.budget.cells -= 1
    this.row.push([index, text])
  }

  private endRow(): void {
    if (this.row.length === 0) return
    const line = joinCells(this.row)
    this.row = []
    this.lines.push(line)
    this.length += line.length + 1
    if (this.length > this.maxChars) this.stopped = true
  }
}

/** The text of comments (`[B2] Author: text`) and of text boxes drawn on a sheet. */
async function readSheetExtras(
  zip: OfficeZip,
  relationships: readonly Relationship[],
): Promise<string[]> {
  const lines: string[] = []
  for (const rel of relationships) {
    if (rel.type !== 'comments' && rel.type !== 'drawing') continue
    const xml = await zip.readOptional(rel.target, 64 * 1024 * 1024)
    if (xml === null) continue
    if (rel.type === 'comments') {
      const authors: string[] = []
      let author = ''
      let inAuthor = false
      let reference = ''
      let authorId = -1
      let text = ''
      let inText = false
      let phonetic = 0
      parseXmlBytes(xml, {
        open(name, attributes) {
          const local = localName(name)
          if (local === 'author') {
            inAuthor = true
            author = ''
          } else if (local === 'comment') {
            reference = attributeOf(attributes, 'ref') ?? ''
            authorId = Number(attributeOf(attributes, 'authorId') ?? -1)
            text = ''
          } else if (local === 'rPh') phonetic += 1
          else if (local === 't') inText = phonetic === 0
        },
        text(data) {
          if (inAuthor) author += data
          else if (inText) text += data
        },
        close(name) {
          const local = localName(name)
          if (local === 'author') {
            inAuthor = false
            authors.push(author)
          } else if (local === 't') inText = false
          else if (local === 'rPh') phonetic -= 1
          else if (local === 'comment') {
            const by = authors[authorId]?.trim()
            const body = text.replace(/\s+/gu, ' ').trim()
            if (body !== '') lines.push(`[${reference}]${by ? ` ${by}:` : ''} ${body}`)
          }
        },
      })
    } else {
      const drawing = new DrawingText('all-but-slide-number')
      parseXmlBytes(xml, drawing)
      lines.push(...drawing.lines)
    }
  }
  return lines
}

async function readXlsx(
  input: ExtractionInput,
  maxCells: number,
  options: ExtractOptions,
): Promise<ExtractionResult> {
  const { limits } = input
  const zip = await OfficeZip.open(input.bytes, limits, input.passwords)
  try {
    const warnings: Warning[] = []
    const book = await readWorkbook(zip, limits.maxTextChars, warnings)
    const paged = new PagedText(limits.maxTextChars)
    const budget = { cells: maxCells }
    for (const [index, sheet] of book.sheets.entries()) {
      options.signal?.throwIfAborted()
      options.onProgress?.()
      const heading = sheet.name
      if (sheet.part === null) {
        if (!paged.add(heading)) break
        continue
      }
      const rows = new SheetRows(book, budget, paged.remaining())
      const xml = createXmlStream(rows)
      let sinceProgress = 0
      try {
        await zip.stream(sheet.part, (chunk) => {
          xml.write(chunk)
          sinceProgress += chunk.length
          if (sinceProgress >= PROGRESS_EVERY_BYTES) {
            sinceProgress = 0
            options.onProgress?.()
          }
          return !rows.stopped
        })
        if (!rows.stopped) xml.end()
      } catch (error) {
        if (!(error instanceof DaleelError) || error.code !== 'FILE_CORRUPT') throw error
        // A damaged sheet keeps the rows read before the damage; the others are still read.
        warnings.push({ ...toWarning('PAGE_UNREADABLE', { page: index + 1 }), page: index + 1 })
      }
      const extras = rows.stopped
        ? []
        : await readSheetExtras(zip, await zip.relationships(sheet.part))
      const body = [rows.lines.join('\n'), extras.join('\n')].filter((part) => part !== '')
      paged.add([heading, ...body].join('\n\n'))
      if (rows.stopped) {
        paged.markTruncated(index + 1)
        break
      }
    }
    const metadata: Metadata = await zip.officeProperties()
    const hidden = book.sheets.filter((sheet) => sheet.hidden).map((sheet) => sheet.name)
    if (hidden.length > 0) metadata.hiddenSheets = hidden
    const children = await zip.embeddedFiles('xl/embeddings/', warnings)
    return paged.officeResult({ metadata, children, warnings })
  } finally {
    zip.close()
  }
}

/** Turns an .xlsx workbook into a document: one page per sheet, rows as tab-separated lines. */
export class XlsxExtractor implements Extractor {
  readonly name = 'xlsx'
  private readonly maxCells: number

  constructor(options: XlsxExtractorOptions = {}) {
    this.maxCells = options.maxCells ?? DEFAULT_MAX_CELLS
  }

  extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    return readXlsx(input, this.maxCells, options)
  }
}

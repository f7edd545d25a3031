/** A small, safe RTF reader: turns the bytes of an RTF file into plain text and its \info
 *  group into metadata. It honours \ansicpg and each font's \fcharset (or \cpg), decodes \'hh
 *  bytes in the code page of the font in force (so Hebrew in windows-1255 and Arabic in
 *  windows-1256 come out as letters), reads \uN with its \ucN fallback skip, and leaves out
 *  the destinations that are not text (font and colour tables, stylesheets, pictures, object
 *  data, field instructions). It walks the bytes once, keeps no tree and stops at the depth and
 *  size limits it is given. Paragraphs, line breaks, tabs and table cells become \n and \t;
 *  headers, footnotes and comments follow the body. */

import iconv from 'iconv-lite'
import type { Metadata } from '../../../domain/index.js'

/** What `rtfToText` read. */
export interface RtfText {
  readonly text: string
  readonly metadata: Metadata
  /** The document's default code page, e.g. `windows-1255`. */
  readonly encoding: string
  /** True when a limit (characters or group depth) stopped the reading or the file ended early. */
  readonly truncated: boolean
}

/** Limits for `rtfToText`. */
export interface RtfOptions {
  readonly maxChars: number
  /** Most nested groups; deeper files are read up to that point. Default 512. */
  readonly maxDepth?: number
  readonly onProgress?: () => void
}

type Sink = 'body' | 'headers' | 'notes' | 'comments' | 'info'
type Destination = Sink | 'skip' | 'fonttbl' | 'upr'

interface GroupState {
  destination: Destination
  /** The sink `\ud` inside `\upr` writes to. */
  outer: Sink
  font: number | null
  associatedFont: number | null
  /** Whether \af came after \f: the font set last decides the code page (see `codePage`). */
  associatedLast: boolean
  /** \ucN: how many fallback characters follow each \uN. */
  uc: number
  skipCount: number
  inTable: boolean
  /** The metadata key an \info field group fills, and whether it holds text or a date. */
  infoKey: string | null
  infoKind: 'text' | 'date' | null
  atStart: boolean
  starred: boolean
}

// \fcharset → Windows code page (RTF 1.9.1, "Font table"); 1 is "default" (the document's).
const CHARSET_CODE_PAGES: Readonly<Record<number, number>> = {
  0: 1252,
  2: 1252,
  77: 10000,
  128: 932,
  129: 949,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  179: 1256,
  180: 1256,
  181: 1255,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
  254: 437,
  255: 850,
}

// Destinations whose content is not text; \* marks more, unknown ones, which are skipped too.
const SKIPPED = new Set(
  `
    colortbl stylesheet listtable listoverridetable revtbl rsidtbl generator xmlnstbl themedata
    colorschememapping datastore latentstyles pgdsctbl filetbl docvar userprops pict objdata
    objclass objname fldinst datafield bkmkstart bkmkend sp sn sv shppict nonshppict shprslt
    template fontemb fontfile falt panose xe tc tcn atnid atnauthor atrfstart atrfend atntime
    atnparent atndate protusertbl mmathPr wgrffmtfilter pnseclvl listpicture ftnsep ftnsepc
    ftncn aftnsep aftnsepc aftncn fchars lchars private passwordhash
  `
    .trim()
    .split(/\s+/u),
)
const SINKS: Readonly<Record<string, Sink>> = {
  header: 'headers',
  headerl: 'headers',
  headerr: 'headers',
  headerf: 'headers',
  footer: 'headers',
  footerl: 'headers',
  footerr: 'headers',
  footerf: 'headers',
  footnote: 'notes',
  annotation: 'comments',
}
const INFO_FIELDS: Readonly<Record<string, string>> = {
  title: 'title',
  subject: 'subject',
  author: 'author',
  operator: 'lastModifiedBy',
  manager: 'manager',
  company: 'company',
  category: 'category',
  keywords: 'keywords',
  doccomm: 'description',
  comment: 'comment',
}
const INFO_DATES: Readonly<Record<string, string>> = {
  creatim: 'created',
  revtim: 'modified',
  printim: 'lastPrinted',
}
// Control words that stand for one character.
const SYMBOLS: Readonly<Record<string, string>> = {
  par: '\n',
  line: '\n',
  sect: '\n',
  page: '\n',
  softline: '\n',
  tab: '\t',
  emdash: '\u2014',
  endash: '\u2013',
  emspace: '\u2003',
  enspace: '\u2002',
  qmspace: '\u2005',
  bullet: '\u2022',
  lquote: '\u2018',
  rquote: '\u2019',
  ldblquote: '\u201c',
  rdblquote: '\u201d',
  zwj: '\u200d',
  zwnj: '\u200c',
  ltrmark: '\u200e',
  rtlmark: '\u200f',
}
const PROGRESS_EVERY_BYTES = 1024 * 1024

function isLetter(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a)
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1
  if (isDigit(byte)) return byte - 0x30
  const lower = byte | 0x20
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1
}

/** The iconv-lite name of a Windows code page number, or null when it has none. */
function encodingName(codePage: number): string | null {
  const name =
    codePage === 10000
      ? 'macintosh'
      : codePage >= 1250 && codePage <= 1258
        ? `windows-${codePage}`
        : `cp${codePage}`
  return iconv.encodingExists(name) ? name : null
}

function isoFromParts(parts: Readonly<Record<string, number>>): string | null {
  const { yr, mo = 1, dy = 1, hr = 0, min = 0, sec = 0 } = parts
  if (yr === undefined || yr < 1900 || mo < 1 || mo > 12 || dy < 1 || dy > 31) return null
  const date = new Date(Date.UTC(yr, mo - 1, dy, hr, min, sec))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** Reads RTF bytes in one pass; see the module comment for what is kept. */
class RtfReader {
  private readonly fonts = new Map<number, string>()
  private documentEncoding = 'windows-1252'
  private defaultFont: number | null = null
  private readonly stack: GroupState[] = []
  private state: GroupState = {
    destination: 'body',
    outer: 'body',
    font: null,
    associatedFont: null,
    associatedLast: false,
    uc: 1,
    skipCount: 0,
    inTable: false,
    infoKey: null,
    infoKind: null,
    atStart: false,
    starred: false,
  }
  private readonly sinks: Record<Sink, string[]> = {
    body: [],
    headers: [],
    notes: [],
    comments: [],
    info: [],
  }
  private pending: number[] = []
  private pendingSink: Sink = 'body'
  private pendingEncoding = 'windows-1252'
  private length = 0
  private readonly metadata: Metadata = {}
  private dateParts: Record<string, number> = {}
  // Font table parsing: the entry being read.
  private fontNumber: number | null = null
  private fontCharset: number | null = null
  private fontCodePage: number | null = null
  truncated = false

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: RtfOptions,
  ) {}

  read(): RtfText {
    const { bytes } = this
    const maxDepth = this.options.maxDepth ?? 512
    let nextProgress = PROGRESS_EVERY_BYTES
    let index = 0
    while (index < bytes.length && !this.truncated) {
      if (index >= nextProgress) {
        nextProgress += PROGRESS_EVERY_BYTES
        this.options.onProgress?.()
      }
      const byte = bytes[index] ?? 0
      if (byte === 0x7b) {
        if (this.stack.length >= maxDepth) {
          this.truncated = true
          break
        }
        this.flush()
        this.stack.push(this.state)
        this.state = { ...this.state, skipCount: 0, atStart: true, starred: false }
        index += 1
      } else if (byte === 0x7d) {
        this.endGroup()
        index += 1
      } else if (byte === 0x5c) {
        index = this.control(index)
      } else {
        if (byte !== 0x0d && byte !== 0x0a) this.literal(byte)
        index += 1
      }
    }
    this.flush()
    // The input ended inside the \rtf group: the file was cut off (fixture: memo-truncated.rtf).
    // A missing final brace alone is common and harmless (corpus: tika/test_list_override.rtf).
    if (this.stack.length > 1) this.truncated = true
    return {
      text: this.result(),
      metadata: this.metadata,
      encoding: this.documentEncoding,
      truncated: this.truncated,
    }
  }

  private result(): string {
    const tidy = (parts: string[]): string =>
      parts
        .join('')
        .replace(/[ \t]+\n/gu, '\n')
        .replace(/\n{3,}/gu, '\n\n')
        .trim()
    const text = [
      tidy(this.sinks.body),
      tidy(this.sinks.headers),
      tidy(this.sinks.notes),
      tidy(this.sinks.comments),
    ]
      .filter((part) => part !== '')
      .join('\n\n')
    const kept = text.length > this.options.maxChars ? text.slice(0, this.options.maxChars) : text
    // \uN can name half a surrogate pair (corpus: tika/testRTFInvalidUnicode.rtf); the stored
    // text must stay well-formed.
    return kept.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu,
      '\ufffd',
    )
  }

  private endGroup(): void {
    this.flush()
    const ending = this.state
    const outer = this.stack.pop()
    // A stray closing brace (damaged file) does not end the reading.
    if (outer === undefined) return
    if (ending.destination === 'fonttbl') this.endFont()
    if (ending.infoKey !== null && ending.infoKey !== outer.infoKey) this.endInfoField(ending)
    this.state = outer
  }

  /** Reads one control word or symbol starting at the backslash; returns the next index. */
  private control(start: number): number {
    const { bytes } = this
    const first = bytes[start + 1]
    if (first === undefined) return start + 1
    if (isLetter(first)) {
      let end = start + 1
      while (end < bytes.length && end - start <= 32 && isLetter(bytes[end] ?? 0)) end += 1
      const word = Buffer.from(bytes.subarray(start + 1, end)).toString('latin1')
      let parameter: number | null = null
      let numberEnd = end
      if (bytes[numberEnd] === 0x2d) numberEnd += 1
      while (numberEnd < bytes.length && numberEnd - end < 11 && isDigit(bytes[numberEnd] ?? 0))
        numberEnd += 1
      if (numberEnd > end && !(numberEnd === end + 1 && bytes[end] === 0x2d)) {
        parameter = Number(Buffer.from(bytes.subarray(end, numberEnd)).toString('latin1'))
        end = numberEnd
      }
      // One space after a control word is its delimiter, not text.
      if (bytes[end] === 0x20) end += 1
      if (word === 'bin') {
        // \binN is followed by N raw bytes, which may contain braces.
        return Math.min(bytes.length, end + Math.max(0, parameter ?? 0))
      }
      this.word(word, parameter)
      return end
    }
    if (first === 0x27) {
      const value = hexValue(bytes[start + 2]) * 16 + hexValue(bytes[start + 3])
      if (value >= 0 && hexValue(bytes[start + 2]) >= 0 && hexValue(bytes[start + 3]) >= 0) {
        this.state.atStart = false
        this.byte(value)
        return start + 4
      }
      return start + 2
    }
    this.state.atStart = this.state.atStart && first === 0x2a
    if (this.state.skipCount > 0 && first !== 0x2a) {
      this.state.skipCount -= 1
      return start + 2
    }
    switch (first) {
      // \* marks a destination only at the start of a group; elsewhere it means nothing
      // (corpus: tika/testRTFIgnoredControlWord.rtf has one before \cs7 mid-group).
      case 0x2a:
        if (this.state.atStart) this.state.starred = true
        break
      case 0x5c:
      case 0x7b:
      case 0x7d:
        this.literal(first)
        break
      case 0x7e: // \~
        this.character('\u00a0')
        break
      case 0x5f: // \_
        this.character('\u2011')
        break
      case 0x0a:
      case 0x0d:
        this.character('\n')
        break
      // \- (optional hyphen) is not shown.
    }
    return start + 2
  }

  private word(word: string, parameter: number | null): void {
    const state = this.state
    // "Any RTF control word or symbol is considered a single character for the purposes of
    // counting skippable characters" (RTF 1.9.1, \ucN).
    if (state.skipCount > 0) {
      state.skipCount -= 1
      return
    }
    const atStart = state.atStart
    state.atStart = false
    if (atStart) {
      if (this.destination(word, state.starred)) return
    }
    if (state.destination === 'fonttbl') return this.fontWord(word, parameter)
    if (state.infoKind === 'date') {
      if (['yr', 'mo', 'dy', 'hr', 'min', 'sec'].includes(word))
        this.dateParts[word] = parameter ?? 0
      return
    }
    if (state.destination === 'info') {
      if (word === 'nofpages' && parameter !== null) this.metadata.pages = parameter
      if (word === 'nofwords' && parameter !== null) this.metadata.words = parameter
    }
    const symbol = SYMBOLS[word]
    if (symbol !== undefined) {
      if (word === 'par' && state.inTable) return this.character(' ')
      return this.character(symbol)
    }
    switch (word) {
      case 'ansicpg': {
        const name = parameter === null ? null : encodingName(parameter)
        if (name !== null) this.documentEncoding = name
        return
      }
      case 'mac':
        this.documentEncoding = 'macintosh'
        return
      case 'pc':
        this.documentEncoding = 'cp437'
        return
      case 'pca':
        this.documentEncoding = 'cp850'
        return
      case 'deff':
        this.defaultFont = parameter
        if (state.font === null) state.font = parameter
        return
      case 'f':
        state.font = parameter
        state.associatedLast = false
        return
      case 'af':
        state.associatedFont = parameter
        state.associatedLast = true
        return
      case 'plain':
        state.font = this.defaultFont
        state.associatedFont = null
        state.associatedLast = false
        return
      case 'uc':
        state.uc = Math.max(0, Math.min(parameter ?? 1, 8))
        return
      case 'u': {
        if (parameter === null) return
        this.character(String.fromCharCode(parameter < 0 ? parameter + 65536 : parameter & 0xffff))
        state.skipCount = state.uc
        return
      }
      case 'cell':
      case 'nestcell':
        return this.character('\t')
      case 'row':
      case 'nestrow':
        this.flush()
        this.trimTrailingTab()
        return this.character('\n')
      case 'intbl':
        state.inTable = true
        return
      case 'pard':
        state.inTable = false
        return
    }
  }

  /** Handles a control word at the start of a group; true when it named a destination. */
  private destination(word: string, starred: boolean): boolean {
    const state = this.state
    if (state.destination === 'skip') return true
    if (word === 'fonttbl') {
      state.destination = 'fonttbl'
      return true
    }
    if (state.destination === 'fonttbl') return false
    if (word === 'info') {
      state.destination = 'info'
      return true
    }
    if (state.destination === 'info') {
      const field = INFO_FIELDS[word]
      const date = INFO_DATES[word]
      if (field !== undefined || date !== undefined) {
        this.flush()
        this.sinks.info = []
        this.dateParts = {}
        state.infoKey = field ?? date ?? null
        state.infoKind = field !== undefined ? 'text' : 'date'
        return true
      }
      if (!starred) return false
    }
    if (word === 'ud' && state.destination === 'upr') {
      state.destination = state.outer
      return true
    }
    if (word === 'upr') {
      state.outer = this.sinkOf(state.destination)
      state.destination = 'upr'
      return true
    }
    const sink = SINKS[word]
    if (sink !== undefined) {
      state.destination = sink
      return true
    }
    if (SKIPPED.has(word) || starred) {
      state.destination = 'skip'
      return true
    }
    return false
  }

  private sinkOf(destination: Destination): Sink {
    return destination === 'headers' || destination === 'notes' || destination === 'comments'
      ? destination
      : 'body'
  }

  private endInfoField(group: GroupState): void {
    const key = group.infoKey ?? ''
    const value =
      group.infoKind === 'date'
        ? isoFromParts(this.dateParts)
        : this.sinks.info.join('').replace(/\s+/gu, ' ').trim()
    this.sinks.info = []
    this.dateParts = {}
    if (value !== null && value !== '' && !(key in this.metadata)) this.metadata[key] = value
  }

  private fontWord(word: string, parameter: number | null): void {
    if (word === 'f') {
      this.endFont()
      this.fontNumber = parameter
    } else if (word === 'fcharset') this.fontCharset = parameter
    else if (word === 'cpg') this.fontCodePage = parameter
  }

  /** Records the code page of the font entry just read: \cpg if given, else its \fcharset;
   *  charset 1 (DEFAULT_CHARSET) means the document's code page. */
  private endFont(): void {
    if (this.fontNumber !== null && !this.fonts.has(this.fontNumber)) {
      const codePage =
        this.fontCodePage ??
        (this.fontCharset === null ? undefined : CHARSET_CODE_PAGES[this.fontCharset])
      const name = codePage === undefined ? null : encodingName(codePage)
      if (name !== null) this.fonts.set(this.fontNumber, name)
    }
    this.fontNumber = null
    this.fontCharset = null
    this.fontCodePage = null
  }

  /** Where text goes now, or null when it is dropped. */
  private currentSink(): Sink | null {
    const destination = this.state.destination
    switch (destination) {
      case 'skip':
      case 'fonttbl':
      case 'upr':
        return null
      case 'info':
        return this.state.infoKind === 'text' ? 'info' : null
      default:
        return destination
    }
  }

  /**
   * The code page of the font in force. Word writes both \f (Latin runs) and \af (the
   * associated font of right-to-left runs) on every run; whichever came last is the one the
   * run's text is in (corpus: hebrew-knesset/2007-12-27.rtf writes `\rtlch \f28`, Word writes
   * `\rtlch\af28 \ltrch\f28`).
   */
  private encoding(): string {
    const { font, associatedFont, associatedLast } = this.state
    const chosen = associatedLast ? (associatedFont ?? font) : (font ?? associatedFont)
    return (chosen === null ? undefined : this.fonts.get(chosen)) ?? this.documentEncoding
  }

  private literal(byte: number): void {
    this.state.atStart = false
    if (this.state.destination === 'fonttbl') {
      if (byte === 0x3b) this.endFont()
      return
    }
    this.byte(byte)
  }

  /** A byte of text in the current code page (literal or \'hh). */
  private byte(value: number): void {
    if (this.state.skipCount > 0) {
      this.state.skipCount -= 1
      return
    }
    const sink = this.currentSink()
    if (sink === null) return
    // \info strings have no font: they are in the document's code page.
    const encoding = sink === 'info' ? this.documentEncoding : this.encoding()
    if (this.pending.length > 0 && (sink !== this.pendingSink || encoding !== this.pendingEncoding))
      this.flush()
    this.pendingSink = sink
    this.pendingEncoding = encoding
    this.pending.push(value)
    if (this.pending.length >= 4096) this.flush()
  }

  /** Decodes the bytes collected so far in their code page. */
  private flush(): void {
    if (this.pending.length === 0) return
    this.add(this.pendingSink, iconv.decode(Buffer.from(this.pending), this.pendingEncoding))
    this.pending = []
  }

  private character(text: string): void {
    this.state.atStart = false
    const sink = this.currentSink()
    if (sink === null) return
    this.flush()
    this.add(sink, text)
  }

  private add(sink: Sink, text: string): void {
    this.sinks[sink].push(text)
    if (sink === 'info') return
    this.length += text.length
    if (this.length > this.options.maxChars) this.truncated = true
  }

  private trimTrailingTab(): void {
    const body = this.sinks[this.currentSink() ?? 'body']
    const last = body.length - 1
    if (last >= 0 && body[last] === '\t') body.pop()
  }
}

/**
 * The text and \info metadata of an RTF file.
 *
 * @example rtfToText(Buffer.from('{\\rtf1\\ansi\\ansicpg1255 \\\'f9\\\'ec\\\'e5\\\'ed}'), { maxChars: 1e6 }).text // → 'שלום'
 */
export function rtfToText(bytes: Uint8Array, options: RtfOptions): RtfText {
  return new RtfReader(bytes, options).read()
}

/** Reads the RTF bodies Outlook stores in .msg and .pst files: undoes their LZFu compression
 *  (MS-OXRTFCP) and turns the RTF into plain text, or back into the HTML it encapsulates
 *  (`\fromhtml1`, MS-OXRTFEX). Only what a message body needs: no tables, no pictures. */

import iconv from 'iconv-lite'
import { htmlToText } from '../html/html-to-text.js'

const COMPRESSED = 0x75465a4c // 'LZFu'
const UNCOMPRESSED = 0x414c454d // 'MELA'
// The dictionary every LZFu stream starts from (MS-OXRTFCP 2.1.3.1.1).
const PRELOAD =
  '{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern ' +
  '\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0' +
  '\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx'

/**
 * Undoes LZFu compression; null when the bytes are not a compressed RTF stream or would
 * expand beyond `maxBytes` (the declared size is the file's claim, so it is capped first).
 */
export function decompressRtf(bytes: Uint8Array, maxBytes: number): Buffer | null {
  if (bytes.length < 16) return null
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const rawSize = view.readUInt32LE(4)
  const kind = view.readUInt32LE(8)
  if (kind === UNCOMPRESSED) return Buffer.from(view.subarray(16, 16 + Math.min(rawSize, maxBytes)))
  if (kind !== COMPRESSED || rawSize > maxBytes) return null
  const dictionary = Buffer.alloc(4096)
  dictionary.write(PRELOAD, 'latin1')
  let write = PRELOAD.length
  const out = Buffer.alloc(rawSize)
  let produced = 0
  let position = 16
  while (position < view.length && produced < rawSize) {
    const flags = view[position++] ?? 0
    for (let bit = 0; bit < 8 && position < view.length && produced < rawSize; bit += 1) {
      if ((flags & (1 << bit)) === 0) {
        const byte = view[position++] ?? 0
        out[produced++] = byte
        dictionary[write] = byte
        write = (write + 1) % 4096
        continue
      }
      if (position + 1 >= view.length) break
      const reference = ((view[position] ?? 0) << 8) | (view[position + 1] ?? 0)
      position += 2
      let offset = reference >> 4
      const length = (reference & 0x0f) + 2
      // A reference to the write position itself marks the end of the stream.
      if (offset === write) return out.subarray(0, produced)
      for (let index = 0; index < length && produced < rawSize; index += 1) {
        const byte = dictionary[offset] ?? 0
        out[produced++] = byte
        dictionary[write] = byte
        write = (write + 1) % 4096
        offset = (offset + 1) % 4096
      }
    }
  }
  return out.subarray(0, produced)
}

// Destinations whose content is never body text.
const SKIPPED = new Set(
  `
    fonttbl colortbl stylesheet info pict object themedata colorschememapping latentstyles
    datastore xmlnstbl listtable listoverridetable rsidtbl generator header footer headerl
    headerr footerl footerr fldinst filetbl revtbl pgdsctbl mmathPr
  `
    .trim()
    .split(/\s+/u),
)

interface GroupState {
  skip: boolean
  /** Inside `\htmlrtf` … `\htmlrtf0`: RTF-only formatting that is not part of the HTML. */
  htmlRtf: boolean
  /** Characters to skip after a `\uN` (from `\ucN`). */
  unicodeSkip: number
  /** Inside `{\*\htmltag …}`: the group's text is HTML markup. */
  htmlTag: boolean
}

/** The code page named by `\ansicpg`, as an iconv-lite encoding; Windows-1252 by default. */
function codePageOf(rtf: string): string {
  const match = /\\ansicpg(\d+)/u.exec(rtf.slice(0, 4096))
  const page = match?.[1] ?? '1252'
  return iconv.encodingExists(`cp${page}`) ? `cp${page}` : 'cp1252'
}

/**
 * The text of an RTF body, and whether it was HTML encapsulated in RTF (then `text` is that
 * HTML's text).
 *
 * @example rtfToText('{\\rtf1\\ansi Hello\\par world}') // → { text: 'Hello\nworld', fromHtml: false }
 */
export function rtfToText(rtf: string): { text: string; fromHtml: boolean } {
  const fromHtml = /\\fromhtml1/u.test(rtf.slice(0, 1024))
  const encoding = codePageOf(rtf)
  const out: string[] = []
  let pendingBytes: number[] = []
  const flushBytes = (): void => {
    if (pendingBytes.length === 0) return
    out.push(iconv.decode(Buffer.from(pendingBytes), encoding))
    pendingBytes = []
  }
  const stack: GroupState[] = []
  let state: GroupState = { skip: false, htmlRtf: false, unicodeSkip: 1, htmlTag: false }
  let toSkip = 0
  const visible = (): boolean => !state.skip && (!fromHtml || state.htmlTag || !state.htmlRtf)
  const emit = (text: string): void => {
    if (toSkip > 0) {
      toSkip -= 1
      return
    }
    if (!visible()) return
    flushBytes()
    out.push(text)
  }
  let index = 0
  while (index < rtf.length) {
    const char = rtf[index] ?? ''
    if (char === '{') {
      flushBytes()
      stack.push(state)
      state = { ...state }
      index += 1
      continue
    }
    if (char === '}') {
      flushBytes()
      state = stack.pop() ?? state
      index += 1
      continue
    }
    if (char === '\r' || char === '\n') {
      index += 1
      continue
    }
    if (char !== '\\') {
      emit(char)
      index += 1
      continue
    }
    const next = rtf[index + 1] ?? ''
    if (next === "'") {
      const byte = Number.parseInt(rtf.slice(index + 2, index + 4), 16)
      index += 4
      if (toSkip > 0) {
        toSkip -= 1
        continue
      }
      if (visible() && !Number.isNaN(byte)) pendingBytes.push(byte)
      continue
    }
    if (!/[a-zA-Z]/u.test(next)) {
      index += 2
      if (next === '*') {
        // `{\*\htmltag…}` carries the encapsulated HTML; other `\*` destinations are skipped.
        const word = /^\\([a-zA-Z]+)/u.exec(rtf.slice(index, index + 40))?.[1] ?? ''
        if (fromHtml && (word === 'htmltag' || word === 'mhtmltag')) state.htmlTag = true
        else state.skip = true
      } else if (next === '~') emit('\u00a0')
      else if (next === '_') emit('-')
      else if (next === '{' || next === '}' || next === '\\') emit(next)
      else if (next === '\r' || next === '\n') emit('\n')
      continue
    }
    const match = /^\\([a-zA-Z]+)(-?\d+)? ?/u.exec(rtf.slice(index, index + 64))
    if (match === null) {
      index += 1
      continue
    }
    index += match[0].length
    const word = match[1] ?? ''
    const parameter = match[2] === undefined ? null : Number(match[2])
    switch (word) {
      case 'par':
      case 'line':
      case 'sect':
      case 'page':
        emit('\n')
        break
      case 'tab':
      case 'cell':
        emit('\t')
        break
      case 'row':
        emit('\n')
        break
      case 'u': {
        if (parameter === null) break
        emit(String.fromCharCode(parameter < 0 ? parameter + 65536 : parameter))
        toSkip = state.unicodeSkip
        break
      }
      case 'uc':
        state.unicodeSkip = parameter ?? 1
        break
      case 'htmlrtf':
        state.htmlRtf = parameter !== 0
        break
      case 'emdash':
        emit('—')
        break
      case 'endash':
        emit('–')
        break
      case 'lquote':
        emit('‘')
        break
      case 'rquote':
        emit('’')
        break
      case 'ldblquote':
        emit('“')
        break
      case 'rdblquote':
        emit('”')
        break
      case 'bullet':
        emit('•')
        break
      default:
        if (SKIPPED.has(word)) state.skip = true
    }
  }
  flushBytes()
  const text = out.join('').replace(/\u0000/gu, '')
  if (fromHtml) return { text: htmlToText(text).text, fromHtml: true }
  return {
    text: text
      .replace(/[ \t]+\n/gu, '\n')
      .replace(/\n{3,}/gu, '\n\n')
      .trim(),
    fromHtml: false,
  }
}

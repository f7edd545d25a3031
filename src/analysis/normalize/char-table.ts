/** Character tables: how every normaliser here maps or drops single characters in one pass over
 *  a string. A table covers U+0000–U+08FF (Latin, Hebrew, Arabic); above that, only the
 *  invisible format characters are dropped and everything else is kept. */

/** Table value: keep the character as it is. Any other value ≥ 0 is the replacement's code. */
export const KEEP = -1
/** Table value: drop the character. */
export const DROP = -2
/** Code units below this are looked up in the table. */
export const TABLE_SIZE = 0x900

/** One entry per UTF-16 code unit below TABLE_SIZE: KEEP, DROP or a replacement code. */
export type CharTable = Int32Array

/** A table that keeps every character except the invisible ones (soft hyphen, Arabic letter mark). */
export function createCharTable(): CharTable {
  const table = new Int32Array(TABLE_SIZE).fill(KEEP)
  table[0x00ad] = DROP
  table[0x061c] = DROP
  return table
}

/** Sets `table` to `value` for every code from `first` to `last` (inclusive). */
export function setRange(table: CharTable, first: number, last: number, value: number): void {
  table.fill(value, first, last + 1)
}

// Zero-width space/joiners, LRM/RLM, bidi embeddings, word joiner and invisible operators,
// bidi isolates, BOM: copy-paste from PDFs and web pages scatters them inside words.
function isInvisible(code: number): boolean {
  return (
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  )
}

function lookup(table: CharTable, code: number): number {
  if (code < TABLE_SIZE) return table[code]!
  return isInvisible(code) ? DROP : KEEP
}

// Words longer than this are built in a typed array, not by joining slices: a pathological
// "word" of a million vocalised letters would otherwise become a rope of a million pieces.
const LONG_WORD = 256
let buffer = new Uint16Array(LONG_WORD)
const CHUNK = 4096 // String.fromCharCode takes its codes as arguments: keep the count small

function mapLongWord(text: string, table: CharTable, firstChange: number): string {
  if (buffer.length < text.length) buffer = new Uint16Array(text.length * 2)
  for (let j = 0; j < firstChange; j += 1) buffer[j] = text.charCodeAt(j)
  let size = firstChange
  for (let i = firstChange; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    const mapped = lookup(table, code)
    if (mapped === KEEP) buffer[size++] = code
    else if (mapped !== DROP) buffer[size++] = mapped
  }
  const parts: string[] = []
  for (let i = 0; i < size; i += CHUNK) {
    parts.push(String.fromCharCode(...buffer.subarray(i, Math.min(i + CHUNK, size))))
  }
  return parts.join('')
}

/**
 * `text` with each character replaced or dropped as `table` says; `text` itself when nothing
 * changes (the common case, which allocates nothing).
 */
export function mapChars(text: string, table: CharTable): string {
  const length = text.length
  let i = 0
  while (i < length && lookup(table, text.charCodeAt(i)) === KEEP) i += 1
  if (i === length) return text
  if (length > LONG_WORD) return mapLongWord(text, table, i)
  // Joining the unchanged runs measured faster than filling a code buffer, even on fully
  // vocalised Hebrew (≈30 against ≈19 MB/s): V8 concatenates short strings cheaply.
  let result = ''
  let from = 0
  for (; i < length; i += 1) {
    const mapped = lookup(table, text.charCodeAt(i))
    if (mapped === KEEP) continue
    result += text.slice(from, i)
    if (mapped !== DROP) result += String.fromCharCode(mapped)
    from = i + 1
  }
  return result + text.slice(from)
}

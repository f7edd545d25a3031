/** Splits query text into tokens, one at a time as the parser asks, so the first problem in
 *  the text is the one reported. Words, phrases and filters leave here as finished nodes; how
 *  they combine (AND, OR, NOT, parentheses) is the parser's job. */
import { DaleelError } from '../../domain/index.js'
import type { QueryNode } from './query-node.js'
import {
  isDigit,
  isGershayimAt,
  isSpace,
  isWordBreakAt,
  toLatinDigits,
} from './query-characters.js'
import { readFieldValue } from './read-field-value.js'

/** One token; `at` is where it starts in the text, for error messages. */
export type Token =
  | { type: 'open' | 'close' | 'and' | 'or' | 'not' | 'plus' | 'end'; at: number }
  // `node` is null for something that asks for nothing, such as an empty phrase "".
  | { type: 'operand'; node: QueryNode | null; at: number }

// Upper case only: a lower-case 'and' or 'or' is a word the user is looking for.
const OPERATORS = new Map<string, 'and' | 'or' | 'not'>([
  ['AND', 'and'],
  ['&&', 'and'],
  ['OR', 'or'],
  ['||', 'or'],
  ['NOT', 'not'],
  ['!', 'not'],
])

const NEAR_LENGTH = 20

/** QUERY_SYNTAX quoting a short excerpt of `text` from `at` (its last words when `at` is past it). */
export function querySyntaxError(text: string, at: number): DaleelError {
  const start = at < text.length ? at : Math.max(0, text.length - NEAR_LENGTH)
  const chars = Array.from(text.slice(start, start + 2 * NEAR_LENGTH))
  const near = chars.slice(0, NEAR_LENGTH).join('').trim()
  const cut = chars.length > NEAR_LENGTH || start + 2 * NEAR_LENGTH < text.length
  return new DaleelError('QUERY_SYNTAX', { near: cut ? `${near}…` : near })
}

/** Reads tokens from query text that has already lost its invisible characters. */
export class QueryLexer {
  private pos = 0
  private ahead: Token | undefined

  constructor(
    private readonly text: string,
    private readonly fields: ReadonlySet<string>,
  ) {}

  /** The next token, without moving past it. */
  peek(): Token {
    this.ahead ??= this.read()
    return this.ahead
  }

  /** The next token, moving past it. */
  next(): Token {
    const token = this.peek()
    this.ahead = undefined
    return token
  }

  private read(): Token {
    const { text } = this
    while (isSpace(text[this.pos])) this.pos++
    const at = this.pos
    const char = text[at]
    if (char === undefined) return { type: 'end', at }
    if (char === '(' || char === ')') {
      this.pos++
      return { type: char === '(' ? 'open' : 'close', at }
    }
    if (char === '"') return this.readPhrase()
    // -x, !x and +x are operators only when glued to what follows; a lone '-' is text.
    if ((char === '-' || char === '+' || char === '!') && !isLoneSign(text, at)) {
      this.pos++
      return { type: char === '+' ? 'plus' : 'not', at }
    }
    return this.readWord()
  }

  private readWord(): Token {
    const { text } = this
    const at = this.pos
    while (!isWordBreakAt(text, this.pos)) this.pos++
    const word = text.slice(at, this.pos)
    const operator = OPERATORS.get(word)
    if (operator !== undefined) return { type: operator, at }

    // Only known fields make a filter: 'http://x.org' and 'Note:' are words.
    const colon = word.indexOf(':')
    const field = word.slice(0, Math.max(colon, 0)).toLowerCase()
    if (colon > 0 && this.fields.has(field)) return this.readField(field, word.slice(colon + 1), at)

    // 'word~2' looks like fuzzy search, which Daleel does not have; say so rather than guess.
    if (word.includes('~')) throw querySyntaxError(text, at)
    if (!word.endsWith('*')) return operand({ kind: 'term', text: word, prefix: false }, at)
    const stem = word.slice(0, -1)
    return operand(stem === '' ? { kind: 'all' } : { kind: 'term', text: stem, prefix: true }, at)
  }

  /** `rest` is what followed 'field:' in the same word; empty when a quoted value may follow. */
  private readField(field: string, rest: string, at: number): Token {
    let value = rest
    let prefix = false
    if (rest === '' && this.text[this.pos] === '"') {
      value = this.readQuoted()
      prefix = this.text[this.pos] === '*'
      if (prefix) this.pos++
    } else if (value.endsWith('*')) {
      value = value.slice(0, -1)
      prefix = true
    }
    if (value.trim() === '') throw querySyntaxError(this.text, at)
    return operand(readFieldValue(field, value, prefix), at)
  }

  private readPhrase(): Token {
    const at = this.pos
    const words = this.readQuoted().replace(/\s+/gu, ' ').trim()
    const slop = this.text[this.pos] === '~' ? this.readSlop() : null
    return operand(words === '' ? null : { kind: 'phrase', text: words, slop }, at)
  }

  /**
   * Reads from an opening quote to its closing quote and returns what is between. A quote
   * never closed takes the rest of the text: users paste half-quoted text, and guessing is
   * kinder than an error.
   */
  private readQuoted(): string {
    const { text } = this
    const start = this.pos + 1
    let end = start
    while (end < text.length && (text[end] !== '"' || isGershayimAt(text, end))) end++
    this.pos = Math.min(end + 1, text.length)
    return text.slice(start, end)
  }

  /** Reads `~N` right after a phrase's closing quote; N is digits in any of our scripts. */
  private readSlop(): number {
    const at = this.pos
    this.pos++
    while (isDigit(this.text[this.pos])) this.pos++
    const slop = Number(toLatinDigits(this.text.slice(at + 1, this.pos)))
    const valid = this.pos > at + 1 && Number.isSafeInteger(slop)
    if (!valid || !isWordBreakAt(this.text, this.pos)) throw querySyntaxError(this.text, at)
    return slop
  }
}

function operand(node: QueryNode | null, at: number): Token {
  return { type: 'operand', node, at }
}

/** True when the sign at `at` stands alone: at the end, before a space or before ')'. */
function isLoneSign(text: string, at: number): boolean {
  const char = text[at + 1]
  return char === undefined || isSpace(char) || char === ')'
}

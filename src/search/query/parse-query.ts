/** Reads what a user typed into the search box (CLI, API and UI alike) into a QueryNode tree:
 *  words, phrases, prefixes, field filters and AND/OR/NOT. Words keep their typed form; the
 *  search service analyses them with the same analyser as the documents. */
import { DaleelError } from '../../domain/index.js'
import { defaultFields, type ParseQueryOptions, type QueryNode } from './query-node.js'
import { removeInvisible } from './query-characters.js'
import { QueryLexer, querySyntaxError, type Token } from './query-lexer.js'

// Parentheses and NOTs nest at most this deep. Each level costs a few stack frames, so a pasted
// '((((…' of any length ends in QUERY_SYNTAX, never in a stack overflow.
const MAX_DEPTH = 100

/**
 * Parses a query; throws DaleelError QUERY_EMPTY, QUERY_SYNTAX or QUERY_FIELD_VALUE.
 * @example parseQuery('"وزارة المالية" OR الوزير -تقرير')
 *   // { kind: 'or', children: [phrase, { kind: 'and', children: [term, { kind: 'not', … }] }] }
 */
export function parseQuery(input: string, options: ParseQueryOptions = {}): QueryNode {
  const text = removeInvisible(input)
  if (text.trim() === '') throw new DaleelError('QUERY_EMPTY')
  const fields = new Set((options.fields ?? defaultFields).map((field) => field.toLowerCase()))
  const node = new QueryParser(text, fields).parse()
  // Only ignorable parts, such as '""' or '()': nothing was asked.
  if (node === null) throw new DaleelError('QUERY_EMPTY')
  return node
}

// Null stands for a part that asks for nothing (an empty phrase, '()'): it is left out.
type Parsed = QueryNode | null

/**
 * Recursive descent over this grammar, loosest binding first:
 *   query   := or END
 *   or      := and ( ('OR' | '||') and )*
 *   and     := unary ( ('AND' | '&&')? unary )*        adjacent items are ANDed
 *   unary   := ('NOT' | '!' | '-' | '+') unary | primary
 *   primary := word | "phrase" | field:value | '(' or? ')'
 */
class QueryParser {
  private readonly tokens: QueryLexer

  constructor(
    private readonly text: string,
    fields: ReadonlySet<string>,
  ) {
    this.tokens = new QueryLexer(text, fields)
  }

  parse(): Parsed {
    const node = this.parseOr(0)
    // parseOr stops only at the end or at a ')' that no '(' opened.
    const rest = this.tokens.next()
    if (rest.type !== 'end') throw querySyntaxError(this.text, rest.at)
    return node
  }

  private parseOr(depth: number): Parsed {
    const children = [this.parseAnd(depth)]
    while (this.tokens.peek().type === 'or') {
      this.expectOperandAfter(this.tokens.next())
      children.push(this.parseAnd(depth))
    }
    return combine('or', children)
  }

  private parseAnd(depth: number): Parsed {
    const children = [this.parseUnary(depth)]
    for (;;) {
      const token = this.tokens.peek()
      if (token.type === 'and') this.expectOperandAfter(this.tokens.next())
      else if (!startsOperand(token)) break
      children.push(this.parseUnary(depth))
    }
    return combine('and', children)
  }

  private parseUnary(depth: number): Parsed {
    const token = this.tokens.peek()
    if (token.type !== 'not' && token.type !== 'plus') return this.parsePrimary(depth)
    this.tokens.next()
    this.checkDepth(depth + 1, token)
    this.expectOperandAfter(token)
    const child = this.parseUnary(depth + 1)
    if (token.type === 'plus') return child
    // NOT of nothing asks for nothing; '-*' would be "no document", which no one means.
    return child === null || child.kind === 'all' ? null : { kind: 'not', child }
  }

  private parsePrimary(depth: number): Parsed {
    const token = this.tokens.next()
    if (token.type === 'operand') return token.node
    // A ')' with no '(' before it, or an operator where a word belongs.
    if (token.type !== 'open') throw querySyntaxError(this.text, token.at)
    this.checkDepth(depth + 1, token)
    if (this.tokens.peek().type === 'close') {
      this.tokens.next()
      return null
    }
    this.expectOperandAfter(token)
    const inner = this.parseOr(depth + 1)
    if (this.tokens.next().type !== 'close') throw querySyntaxError(this.text, token.at)
    return inner
  }

  /** After an operator or '(' there must be something to apply it to. */
  private expectOperandAfter(token: Token): void {
    if (!startsOperand(this.tokens.peek())) throw querySyntaxError(this.text, token.at)
  }

  private checkDepth(depth: number, token: Token): void {
    if (depth > MAX_DEPTH) throw querySyntaxError(this.text, token.at)
  }
}

function startsOperand(token: Token): boolean {
  return (
    token.type === 'operand' ||
    token.type === 'open' ||
    token.type === 'not' ||
    token.type === 'plus'
  )
}

/**
 * Joins parsed children under AND or OR: ignorable children are left out, children of the same
 * kind are flattened into this one, and a single child stands for itself. A `*` beside other
 * items adds nothing; only a query that is all `*` stays `{ kind: 'all' }`.
 */
function combine(kind: 'and' | 'or', children: readonly Parsed[]): Parsed {
  const kept: QueryNode[] = []
  for (const child of children) {
    if (child === null || child.kind === 'all') continue
    // A loop, not push(...): a spread of 100,000 children would overflow the call stack.
    if (child.kind === kind) for (const grandchild of child.children) kept.push(grandchild)
    else kept.push(child)
  }
  if (kept.length > 1) return { kind, children: kept }
  if (kept.length === 1) return kept[0] ?? null
  return children.some((child) => child?.kind === 'all') ? { kind: 'all' } : null
}

/** Writes a QueryNode back as query text, for showing a query in its normal form or storing it.
 *  For every tree parseQuery returns, parseQuery(formatQuery(tree)) gives the same tree. */
import type { QueryNode } from './query-node.js'
import type { FieldNode } from './read-field-value.js'

/**
 * Formats a query tree as query text: AND as a space, NOT as '-', parentheses only where needed.
 * @example formatQuery({ kind: 'not', child: { kind: 'field', field: 'lang', value: 'ar' } }) // '-lang:ar'
 */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'all':
      return '*'
    case 'term':
      return node.prefix ? `${node.text}*` : node.text
    case 'phrase':
      return node.slop === null ? `"${node.text}"` : `"${node.text}"~${node.slop}`
    case 'field':
      return `${node.field}:${formatFieldValue(node)}`
    case 'not':
      return `-${formatOperand(node.child)}`
    case 'and':
      // AND binds tighter than OR, so an OR inside an AND needs its parentheses.
      return node.children
        .map((child) => (child.kind === 'or' ? group(child) : formatQuery(child)))
        .join(' ')
    case 'or':
      // Not needed by the parser, but '(a b) OR c' is easier to read than 'a b OR c'.
      return node.children.map(formatOperand).join(' OR ')
  }
}

function formatOperand(node: QueryNode): string {
  return node.kind === 'and' || node.kind === 'or' ? group(node) : formatQuery(node)
}

function group(node: QueryNode): string {
  return `(${formatQuery(node)})`
}

function formatFieldValue(node: FieldNode): string {
  if (node.range !== undefined) return `${node.range.from ?? ''}..${node.range.to ?? ''}`
  const star = node.prefix === true ? '*' : ''
  // Quotes keep spaces and parentheses inside the value, and a final '*' in it literal.
  const quote = /[\s()]/u.test(node.value) || node.value.endsWith('*')
  return quote ? `"${node.value}"${star}` : `${node.value}${star}`
}

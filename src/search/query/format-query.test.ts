import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultFields, formatQuery, parseQuery, type QueryNode } from './index.js'

// Pieces of words as users type them, in the three scripts and more; none may start a word
// with a sign or contain a quote outside Hebrew (צה"ל).
const letters = [
  'a',
  'z',
  'É',
  'ب',
  'ة',
  'ال',
  'ש',
  'צה"ל',
  "ג'",
  '東京',
  '٣',
  '7',
  'ß',
  'می\u200Cخ',
]
const wordPieces = [...letters, '.', ',', '-', "'", ':', '/', '@', '*', '!', '&', '#']
const fieldNames: readonly string[] = defaultFields

const word = fc
  .tuple(fc.constantFrom(...letters), fc.array(fc.constantFrom(...wordPieces), { maxLength: 5 }))
  .map(([first, rest]) => first + rest.join(''))
  // A final '*' is the prefix mark and 'lang:x' a filter, so no term is typed that way.
  .filter((text) => !text.endsWith('*') && !fieldNames.includes(text.split(':')[0] ?? ''))

const term = fc
  .tuple(word, fc.boolean())
  .map(([text, prefix]): QueryNode => ({ kind: 'term', text, prefix }))

const phraseWords = fc
  .array(fc.oneof(word, fc.constantFrom('(', ')', '*', '~2', 'AND', 'OR', '-x', 'lang:ar')), {
    minLength: 1,
    maxLength: 4,
  })
  .map((words) => words.join(' '))
const phrase = fc
  .tuple(phraseWords, fc.option(fc.nat(1000), { nil: null }))
  .map(([text, slop]): QueryNode => ({ kind: 'phrase', text, slop }))

const valuePieces = [...letters, ' ', '  ', '/', '.', '!', ':', '(', ')', '~', '*', '-', '..']
const plainField = fc
  .record({
    field: fc.constantFrom(...fieldNames.filter((name) => name !== 'lang' && name !== 'date')),
    value: fc
      .array(fc.constantFrom(...valuePieces), { minLength: 1, maxLength: 6 })
      .map((pieces) => pieces.join(''))
      .filter((value) => value.trim() !== ''),
    prefix: fc.boolean(),
  })
  .map(
    ({ field, value, prefix }): QueryNode =>
      prefix ? { kind: 'field', field, value, prefix } : { kind: 'field', field, value },
  )

const langField = fc
  .constantFrom('ar', 'he', 'en', 'fa', 'zh-hant')
  .map((value): QueryNode => ({ kind: 'field', field: 'lang', value }))

const dates = ['1999-12-31', '2024', '2024-01', '2024-02-29', '2024-06-15', '2025']
const singleDate = fc
  .tuple(fc.constantFrom(...dates), fc.boolean())
  .map(
    ([value, prefix]): QueryNode =>
      prefix
        ? { kind: 'field', field: 'date', value, prefix }
        : { kind: 'field', field: 'date', value },
  )
const dateRange = fc
  .tuple(
    fc.option(fc.constantFrom(...dates.slice(0, 3)), { nil: null }),
    fc.constantFrom(...dates.slice(3), null),
  )
  .filter(([from, to]) => from !== null || to !== null)
  .map(
    ([from, to]): QueryNode => ({
      kind: 'field',
      field: 'date',
      value: `${from ?? ''}..${to ?? ''}`,
      range: { from, to },
    }),
  )

const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
  term,
  phrase,
  plainField,
  langField,
  singleDate,
  dateRange,
)

const { tree } = fc.letrec<{ tree: QueryNode; and: QueryNode; or: QueryNode; not: QueryNode }>(
  (tie) => ({
    tree: fc.oneof({ maxDepth: 4 }, leaf, tie('and'), tie('or'), tie('not')),
    and: fc
      .array(tie('tree'), { minLength: 2, maxLength: 4 })
      .map((children) => ({ kind: 'and', children })),
    or: fc
      .array(tie('tree'), { minLength: 2, maxLength: 4 })
      .map((children) => ({ kind: 'or', children })),
    not: tie('tree').map((child) => ({ kind: 'not', child })),
  }),
)

/** Flattens AND in AND and OR in OR, the one normal form the parser returns. */
function flatten(node: QueryNode): QueryNode {
  if (node.kind === 'not') return { kind: 'not', child: flatten(node.child) }
  if (node.kind !== 'and' && node.kind !== 'or') return node
  const children = node.children
    .map(flatten)
    .flatMap((child) => (child.kind === node.kind ? child.children : [child]))
  return { kind: node.kind, children }
}

const query = fc.oneof(
  { weight: 1, arbitrary: fc.constant<QueryNode>({ kind: 'all' }) },
  { weight: 20, arbitrary: tree.map(flatten) },
)

describe('formatQuery', () => {
  it.each([
    ['word another', 'word another'],
    ['a && b || !c', '(a b) OR -c'],
    ['a OR b c', 'a OR (b c)'],
    ['NOT (a OR b) c', '-(a OR b) c'],
    ['(a b) (c)', 'a b c'],
    ['"exact   phrase"~٥', '"exact phrase"~5'],
    ['pref* *x', 'pref* *x'],
    ['*', '*'],
    ['LANG:AR type:pdf', 'lang:ar type:pdf'],
    ['path:"my folder/a b.pdf" path:"x"*', 'path:"my folder/a b.pdf" path:x*'],
    ['date:2024-01..2024-06 -date:..2023', 'date:2024-01..2024-06 -date:..2023'],
    ['"وزارة المالية" OR الوزير -تقرير', '"وزارة المالية" OR (الوزير -تقرير)'],
    ['צה"ל "ראש צה"ל"', 'צה"ל "ראש צה"ל"'],
  ])('writes %s as %s', (input, output) => {
    expect(formatQuery(parseQuery(input))).toBe(output)
  })

  it('quotes a value whose last * is part of it', () => {
    const node: QueryNode = { kind: 'field', field: 'path', value: 'a*' }
    expect(formatQuery(node)).toBe('path:"a*"')
    expect(parseQuery(formatQuery(node))).toStrictEqual(node)
  })

  it('writes text that parses back to the same tree', () => {
    fc.assert(
      fc.property(query, (node) => {
        expect(parseQuery(formatQuery(node))).toStrictEqual(node)
      }),
      { numRuns: 2000 },
    )
  })
})

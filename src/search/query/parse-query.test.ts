import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DaleelError } from '../../domain/index.js'
import { defaultFields, formatQuery, parseQuery, type QueryNode } from './index.js'

const term = (text: string, prefix = false): QueryNode => ({ kind: 'term', text, prefix })
const phrase = (text: string, slop: number | null = null): QueryNode => ({
  kind: 'phrase',
  text,
  slop,
})
const field = (name: string, value: string, prefix = false): QueryNode =>
  prefix ? { kind: 'field', field: name, value, prefix } : { kind: 'field', field: name, value }
const dateRange = (from: string | null, to: string | null): QueryNode => ({
  kind: 'field',
  field: 'date',
  value: `${from ?? ''}..${to ?? ''}`,
  range: { from, to },
})
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children })
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children })
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child })

/** The DaleelError that parsing `input` throws (fails the test when it throws nothing). */
function errorOf(input: string): DaleelError {
  try {
    parseQuery(input)
  } catch (error) {
    if (error instanceof DaleelError) return error
    throw error
  }
  throw new Error(`parseQuery accepted ${JSON.stringify(input)}`)
}

/** Throws unless `node` keeps the promises of QueryNode that the search service relies on. */
function checkTree(node: QueryNode, isRoot = true): void {
  const fail = (why: string) => {
    throw new Error(`${why}: ${JSON.stringify(node)}`)
  }
  switch (node.kind) {
    case 'all':
      if (!isRoot) fail('"all" below the root')
      return
    case 'term':
      if (node.text === '' || /[\s()]/u.test(node.text)) fail('bad term text')
      return
    case 'phrase':
      if (node.text === '' || node.text !== node.text.replace(/\s+/gu, ' ').trim())
        fail('bad phrase')
      if (node.slop !== null && !(Number.isSafeInteger(node.slop) && node.slop >= 0))
        fail('bad slop')
      return
    case 'field':
      if (!(defaultFields as readonly string[]).includes(node.field)) fail('unknown field')
      if (node.value.trim() === '') fail('empty field value')
      return
    case 'not':
      if (node.child.kind === 'all') fail('NOT of all')
      checkTree(node.child, false)
      return
    case 'and':
    case 'or':
      if (node.children.length < 2) fail('fewer than two children')
      for (const child of node.children) {
        if (child.kind === node.kind) fail('unflattened child')
        checkTree(child, false)
      }
  }
}

describe('parseQuery', () => {
  describe('words and boolean logic', () => {
    it('finds documents with all the words when words stand side by side', () => {
      expect(parseQuery('word another')).toStrictEqual(and(term('word'), term('another')))
    })

    it('reads a single word as a term', () => {
      expect(parseQuery('  leak ')).toStrictEqual(term('leak'))
    })

    it('reads AND, OR and NOT in upper case as operators', () => {
      expect(parseQuery('a AND b')).toStrictEqual(and(term('a'), term('b')))
      expect(parseQuery('a OR b')).toStrictEqual(or(term('a'), term('b')))
      expect(parseQuery('NOT a')).toStrictEqual(not(term('a')))
      expect(parseQuery('a NOT b')).toStrictEqual(and(term('a'), not(term('b'))))
      expect(parseQuery('a AND NOT b')).toStrictEqual(and(term('a'), not(term('b'))))
    })

    it('searches for lower-case and, or and not as words', () => {
      expect(parseQuery('salt and pepper or not')).toStrictEqual(
        and(term('salt'), term('and'), term('pepper'), term('or'), term('not')),
      )
    })

    it('accepts && || and ! for AND OR and NOT', () => {
      expect(parseQuery('a && b || !c')).toStrictEqual(
        or(and(term('a'), term('b')), not(term('c'))),
      )
      expect(parseQuery('a || ! b')).toStrictEqual(or(term('a'), not(term('b'))))
      expect(parseQuery('(a)||(b)')).toStrictEqual(or(term('a'), term('b')))
    })

    it('binds NOT tighter than AND, and AND tighter than OR', () => {
      expect(parseQuery('a OR b c')).toStrictEqual(or(term('a'), and(term('b'), term('c'))))
      expect(parseQuery('a b OR c AND d')).toStrictEqual(
        or(and(term('a'), term('b')), and(term('c'), term('d'))),
      )
      expect(parseQuery('NOT a b')).toStrictEqual(and(not(term('a')), term('b')))
    })

    it('excludes a word with - and requires it with +', () => {
      expect(parseQuery('-a')).toStrictEqual(not(term('a')))
      expect(parseQuery('+a -b')).toStrictEqual(and(term('a'), not(term('b'))))
      expect(parseQuery('-"a b"')).toStrictEqual(not(phrase('a b')))
      expect(parseQuery('-(a OR b)')).toStrictEqual(not(or(term('a'), term('b'))))
      expect(parseQuery('--a')).toStrictEqual(not(not(term('a'))))
    })

    it('keeps a lone - or + as text rather than an operator', () => {
      expect(parseQuery('a - b')).toStrictEqual(and(term('a'), term('-'), term('b')))
      expect(parseQuery('(a +)')).toStrictEqual(and(term('a'), term('+')))
    })

    it('groups with parentheses', () => {
      expect(parseQuery('(a OR b) c')).toStrictEqual(and(or(term('a'), term('b')), term('c')))
      expect(parseQuery('a (b OR (c -d))')).toStrictEqual(
        and(term('a'), or(term('b'), and(term('c'), not(term('d'))))),
      )
    })

    it('flattens nested groups of the same kind and unwraps a group of one', () => {
      expect(parseQuery('(a b) (c AND d)')).toStrictEqual(
        and(term('a'), term('b'), term('c'), term('d')),
      )
      expect(parseQuery('a OR (b OR (c || d))')).toStrictEqual(
        or(term('a'), term('b'), term('c'), term('d')),
      )
      expect(parseQuery('(((a)))')).toStrictEqual(term('a'))
    })

    it('ignores empty parentheses', () => {
      expect(parseQuery('a () b')).toStrictEqual(and(term('a'), term('b')))
      expect(parseQuery('a OR ()')).toStrictEqual(term('a'))
    })

    it('keeps punctuation glued to a word for the analyser to split', () => {
      expect(parseQuery('U.S.A. 1,200.50 e-mail wow! a&&b')).toStrictEqual(
        and(term('U.S.A.'), term('1,200.50'), term('e-mail'), term('wow!'), term('a&&b')),
      )
    })

    it('splits words at parentheses and quotes', () => {
      expect(parseQuery('a(b)c"d e"')).toStrictEqual(
        and(term('a'), term('b'), term('c'), phrase('d e')),
      )
    })

    it('treats any Unicode space as a separator', () => {
      expect(parseQuery('a\u00A0b\u3000c\tOR\nd')).toStrictEqual(
        or(and(term('a'), term('b'), term('c')), term('d')),
      )
    })
  })

  describe('phrases', () => {
    it('reads an exact phrase', () => {
      expect(parseQuery('"exact phrase"')).toStrictEqual(phrase('exact phrase'))
    })

    it('reads a phrase with a distance after ~', () => {
      expect(parseQuery('"a b"~5')).toStrictEqual(phrase('a b', 5))
      expect(parseQuery('"a b"~0 c')).toStrictEqual(and(phrase('a b', 0), term('c')))
    })

    it('reads the distance in Arabic-Indic and Persian digits', () => {
      expect(parseQuery('"وزارة المالية"~٥')).toStrictEqual(phrase('وزارة المالية', 5))
      expect(parseQuery('"a b"~۱۲')).toStrictEqual(phrase('a b', 12))
    })

    it('keeps operators, parentheses and stars inside a phrase as text', () => {
      expect(parseQuery('"(a OR b*) lang:ar ~2"')).toStrictEqual(phrase('(a OR b*) lang:ar ~2'))
    })

    it('reads everything after a quote that is never closed as the phrase', () => {
      expect(parseQuery('a "b c')).toStrictEqual(and(term('a'), phrase('b c')))
      expect(parseQuery('"b c) OR')).toStrictEqual(phrase('b c) OR'))
    })

    it('ignores an empty phrase', () => {
      expect(parseQuery('a "" b')).toStrictEqual(and(term('a'), term('b')))
      expect(parseQuery('a OR "  "~3')).toStrictEqual(term('a'))
    })

    it('collapses spaces inside a phrase', () => {
      expect(parseQuery('"  a \t b  "')).toStrictEqual(phrase('a b'))
    })
  })

  describe('prefixes and *', () => {
    it('reads a word ending in * as a prefix', () => {
      expect(parseQuery('pref*')).toStrictEqual(term('pref', true))
      expect(parseQuery('وزار*')).toStrictEqual(term('وزار', true))
    })

    it('reads * alone as every document', () => {
      expect(parseQuery('*')).toStrictEqual({ kind: 'all' })
      expect(parseQuery(' (*) ')).toStrictEqual({ kind: 'all' })
    })

    it('ignores * beside other items', () => {
      expect(parseQuery('a *')).toStrictEqual(term('a'))
      expect(parseQuery('a OR * b')).toStrictEqual(or(term('a'), term('b')))
      expect(parseQuery('a -*')).toStrictEqual(term('a'))
    })

    it('keeps a * inside a word as text', () => {
      expect(parseQuery('a*b')).toStrictEqual(term('a*b'))
      expect(parseQuery('a**')).toStrictEqual(term('a*', true))
    })
  })

  describe('field filters', () => {
    it('reads the filters of the contract', () => {
      expect(parseQuery('lang:ar')).toStrictEqual(field('lang', 'ar'))
      expect(parseQuery('type:pdf')).toStrictEqual(field('type', 'pdf'))
      expect(parseQuery('entity:"وزارة المالية"')).toStrictEqual(field('entity', 'وزارة المالية'))
      expect(parseQuery('date:2024-01..2024-06')).toStrictEqual(dateRange('2024-01', '2024-06'))
    })

    it('combines filters with words', () => {
      expect(parseQuery('الوزير lang:ar -type:pdf')).toStrictEqual(
        and(term('الوزير'), field('lang', 'ar'), not(field('type', 'pdf'))),
      )
      expect(parseQuery('(lang:ar OR lang:he) تقرير')).toStrictEqual(
        and(or(field('lang', 'ar'), field('lang', 'he')), term('تقرير')),
      )
    })

    it('reads a quoted value with spaces', () => {
      expect(parseQuery('path:"my folder/a b.pdf"')).toStrictEqual(
        field('path', 'my folder/a b.pdf'),
      )
    })

    it('keeps : / . - ! and ~ inside a value', () => {
      expect(parseQuery('path:leak.zip!/inner/a.txt')).toStrictEqual(
        field('path', 'leak.zip!/inner/a.txt'),
      )
      expect(parseQuery('path:C:/Users/~$report.docx')).toStrictEqual(
        field('path', 'C:/Users/~$report.docx'),
      )
    })

    it('reads a value ending in * as a prefix', () => {
      expect(parseQuery('path:leak.zip!/*')).toStrictEqual(field('path', 'leak.zip!/', true))
      expect(parseQuery('path:"my folder/"*')).toStrictEqual(field('path', 'my folder/', true))
      expect(parseQuery('path:"a*"')).toStrictEqual(field('path', 'a*'))
    })

    it('reads field names in any case and lower-cases language codes', () => {
      expect(parseQuery('LANG:AR Type:PDF')).toStrictEqual(
        and(field('lang', 'ar'), field('type', 'PDF')),
      )
    })

    it('reads a word whose name is not a field as text', () => {
      expect(parseQuery('http://x.org')).toStrictEqual(term('http://x.org'))
      expect(parseQuery('Summary: x')).toStrictEqual(and(term('Summary:'), term('x')))
    })

    it('uses the fields the caller names', () => {
      const options = { fields: ['Author'] }
      expect(parseQuery('author:levi lang:he', options)).toStrictEqual(
        and(field('author', 'levi'), term('lang:he')),
      )
    })

    it('reads a single date, a range and an open-ended range', () => {
      expect(parseQuery('date:2024-03')).toStrictEqual(field('date', '2024-03'))
      expect(parseQuery('date:2024-02-29')).toStrictEqual(field('date', '2024-02-29'))
      expect(parseQuery('date:2024..')).toStrictEqual(dateRange('2024', null))
      expect(parseQuery('date:..2024-06')).toStrictEqual(dateRange(null, '2024-06'))
      expect(parseQuery('date:2024-06..2024')).toStrictEqual(dateRange('2024-06', '2024'))
    })

    it('reads dates written in Arabic-Indic digits', () => {
      expect(parseQuery('date:٢٠٢٤-٠١..٢٠٢٤-٠٦')).toStrictEqual(dateRange('2024-01', '2024-06'))
    })

    it.each([
      'date:2024-13',
      'date:2023-02-29',
      'date:24',
      'date:2024/01',
      'date:..',
      'date:2024-06..2024-01',
      'date:2024..2025*',
      'date:yesterday',
    ])('refuses the date in %s', (input) => {
      const error = errorOf(input)
      expect(error.code).toBe('QUERY_FIELD_VALUE')
      expect(error.params).toMatchObject({ field: 'date' })
    })
  })

  describe('Arabic, Hebrew and other scripts', () => {
    it('reads an Arabic query with a phrase, OR and an excluded word', () => {
      expect(parseQuery('"وزارة المالية" OR الوزير -تقرير')).toStrictEqual(
        or(phrase('وزارة المالية'), and(term('الوزير'), not(term('تقرير')))),
      )
    })

    it('reads Hebrew words side by side as AND', () => {
      expect(parseQuery('משרד האוצר')).toStrictEqual(and(term('משרד'), term('האוצר')))
    })

    it('keeps a gershayim or geresh between Hebrew letters inside the word', () => {
      expect(parseQuery('צה"ל')).toStrictEqual(term('צה"ל'))
      expect(parseQuery("ג'ורג'")).toStrictEqual(term("ג'ורג'"))
      expect(parseQuery('צה״ל OR ג׳ורג׳')).toStrictEqual(or(term('צה״ל'), term('ג׳ורג׳')))
      expect(parseQuery('צָהַ"ל')).toStrictEqual(term('צָהַ"ל'))
    })

    it('still reads quotes around Hebrew words as a phrase', () => {
      expect(parseQuery('"בית המשפט"')).toStrictEqual(phrase('בית המשפט'))
      expect(parseQuery('"ראש צה"ל" לשעבר')).toStrictEqual(and(phrase('ראש צה"ל'), term('לשעבר')))
      expect(parseQuery('entity:צה"ל')).toStrictEqual(field('entity', 'צה"ל'))
    })

    it('reads Persian, CJK and digits of any script as words', () => {
      expect(parseQuery('وزارت 東京 ٢٠٢٤ ۱۴۰۳')).toStrictEqual(
        and(term('وزارت'), term('東京'), term('٢٠٢٤'), term('۱۴۰۳')),
      )
    })

    it('ignores bidi controls and zero-width characters', () => {
      expect(parseQuery('\u200Flang:ar\u200F \u202Bالوزير\u202C')).toStrictEqual(
        and(field('lang', 'ar'), term('الوزير')),
      )
      expect(parseQuery('a \u2067OR\u2069 b\u200B')).toStrictEqual(or(term('a'), term('b')))
      expect(parseQuery('\uFEFF"בית\u200E המשפט"')).toStrictEqual(phrase('בית המשפט'))
    })

    it('keeps a zero-width non-joiner inside a Persian word for the analyser', () => {
      expect(parseQuery('می\u200Cخواهم \u200C')).toStrictEqual(term('می\u200Cخواهم'))
    })
  })

  describe('errors', () => {
    it.each([
      ['a)', ')'],
      ['(a b', '(a b'],
      ['a AND', 'AND'],
      ['OR b', 'OR b'],
      ['NOT', 'NOT'],
      ['a OR OR b', 'OR OR b'],
      ['(AND a)', '(AND a)'],
      ['a !', '!'],
      ['"a b" ~2', '~2'],
      ['"a b"~', '~'],
      ['"a b"~2x', '~2x'],
      ['roam~2', 'roam~2'],
      ['lang:', 'lang:'],
      ['lang:"" x', 'lang:"" x'],
      ['to: someone', 'to: someone'],
    ])('reports %s as a syntax error near “%s”', (input, near) => {
      const error = errorOf(input)
      expect(error.code).toBe('QUERY_SYNTAX')
      expect(error.message).toBe(`The query could not be read near “${near}”.`)
    })

    it('quotes only a short excerpt of a long query', () => {
      const error = errorOf(`a AND ${'word '.repeat(50)})`)
      expect(error.message).toBe('The query could not be read near “)”.')
      expect(errorOf(`(${'word '.repeat(50)}`).message).toBe(
        'The query could not be read near “(word word word word…”.',
      )
    })

    it.each(['', '   ', '\u200F\u200B', '""', '()', '-*'])(
      'reports %j as an empty query',
      (input) => {
        expect(errorOf(input).code).toBe('QUERY_EMPTY')
      },
    )

    it('refuses 10,000 nested parentheses without overflowing the stack', () => {
      expect(errorOf('('.repeat(10_000)).code).toBe('QUERY_SYNTAX')
      expect(errorOf(`${'('.repeat(10_000)}a${')'.repeat(10_000)}`).code).toBe('QUERY_SYNTAX')
      expect(errorOf(`${'-'.repeat(10_000)}a`).code).toBe('QUERY_SYNTAX')
      expect(errorOf(`${'NOT '.repeat(10_000)}a`).code).toBe('QUERY_SYNTAX')
    })

    it('accepts nesting up to a hundred levels', () => {
      expect(parseQuery(`${'('.repeat(100)}a${')'.repeat(100)}`)).toStrictEqual(term('a'))
    })

    it('reads a very long flat query', () => {
      const words = Array.from({ length: 200_000 }, (_, i) => `w${i}`)
      const tree = parseQuery(`(${words.join(' ')}) x OR y`)
      expect(
        tree.kind === 'or' && tree.children[0]?.kind === 'and' && tree.children[0].children.length,
      ).toBe(200_001)
    })
  })

  it('reads every example query in docs/query-language.md', () => {
    const doc = readFileSync(new URL('../../../docs/query-language.md', import.meta.url), 'utf8')
    const lines = [...doc.matchAll(/```text\n([^`]*)```/gu)].flatMap((block) =>
      (block[1] ?? '').split('\n').filter((line) => line !== ''),
    )
    const queries = lines.map((line) => line.replace(/^daleel search '(.*)'$/u, '$1'))
    expect(queries.length).toBeGreaterThan(10)
    for (const query of queries) checkTree(parseQuery(query))
  })

  describe('on any input', () => {
    const allowed = ['QUERY_SYNTAX', 'QUERY_EMPTY', 'QUERY_FIELD_VALUE']

    /** Parses; a tree must be well formed and survive formatQuery, an error must be ours. */
    function parsesOrExplains(input: string): void {
      let tree: QueryNode
      try {
        tree = parseQuery(input)
      } catch (error) {
        if (!(error instanceof DaleelError) || !allowed.includes(error.code)) throw error
        return
      }
      checkTree(tree)
      expect(parseQuery(formatQuery(tree))).toStrictEqual(tree)
    }

    // The query language's own characters and words, glued or spaced in any order.
    const syntaxPieces = [
      ...'( ) " * : ~ - + ! && || AND OR NOT and .. / \' 5 ٣ 2024 -01 a b word'.split(' '),
      ...'lang: date: path: to Note الوزير وزارة צה ל ש "ל ג\' 東京'.split(' '),
      ...[' ', ' ', ' ', '  ', '\u200F', '\u200C'],
    ]
    const syntax = fc
      .array(fc.constantFrom(...syntaxPieces), { maxLength: 30 })
      .map((parts) => parts.join(''))

    it('returns a well-formed tree or a query error for strings of query syntax', () => {
      fc.assert(fc.property(syntax, parsesOrExplains), { numRuns: 3000 })
    })

    it('returns a well-formed tree or a query error for any Unicode string', () => {
      const anyCodeUnit = fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      })
      fc.assert(fc.property(fc.string({ unit: 'binary' }), parsesOrExplains), { numRuns: 1000 })
      fc.assert(fc.property(fc.string({ unit: 'grapheme' }), parsesOrExplains), { numRuns: 1000 })
      fc.assert(fc.property(anyCodeUnit, parsesOrExplains), { numRuns: 1000 })
    })
  })
})

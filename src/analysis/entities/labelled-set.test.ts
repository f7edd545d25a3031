/** Measures findEntities on the labelled set (test/fixtures/entities/labelled.jsonl; method in
 *  docs/entities.md): precision, recall and F1 per type and per language, on the development
 *  part and on the held-back part (every 4th passage), strict (same type, span and normalised
 *  value) and relaxed (same type, overlapping spans). Each passage is read as ingest reads a
 *  passage; "in its document" adds the countries its whole article names (findCountries), as
 *  ingest can; the figures without them are printed too. Asserts the thresholds and
 *  prints the tables for docs/entities.md; writes nothing. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findCountries, findEntities } from './find-entities.js'

interface Mention {
  type: string
  start: number
  end: number
  normalized: string
}

interface Passage {
  id: string
  split: 'dev' | 'heldback'
  lang: string
  source: string
  text: string
  mentions: Mention[]
}

interface Counts {
  tp: number
  fp: number
  fn: number
}

const folder = new URL('../../../test/fixtures/entities/', import.meta.url)
const passages = readFileSync(new URL('labelled.jsonl', folder), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Passage)
const contexts = JSON.parse(readFileSync(new URL('contexts.json', folder), 'utf8')) as Record<
  string,
  string
>

function predict(passage: Passage, inDocument: boolean): Mention[] {
  const context = contexts[passage.source]
  // In its document: the passage is read as ingest reads a passage, given the countries that
  // its whole document names (findCountries), which settle a currency such as دينار.
  const countries = inDocument && context !== undefined ? findCountries(context) : []
  return findEntities(passage.text, { lang: passage.lang, countries })
}

type Table = Map<string, { strict: Counts; relaxed: Counts }>

function score(split: Passage['split'] | 'all', inDocument: boolean): Table {
  const table: Table = new Map()
  const add = (key: string, kind: 'strict' | 'relaxed', field: keyof Counts) => {
    const row = table.get(key) ?? {
      strict: { tp: 0, fp: 0, fn: 0 },
      relaxed: { tp: 0, fp: 0, fn: 0 },
    }
    row[kind][field] += 1
    table.set(key, row)
  }
  const both = (lang: string, type: string, kind: 'strict' | 'relaxed', field: keyof Counts) => {
    add(`${type}|all`, kind, field)
    add(`${type}|${lang}`, kind, field)
  }
  for (const passage of passages) {
    if (split !== 'all' && passage.split !== split) continue
    const predicted = predict(passage, inDocument)
    const gold = passage.mentions
    const same = (a: Mention, b: Mention) =>
      a.type === b.type && a.start === b.start && a.end === b.end && a.normalized === b.normalized
    const overlap = (a: Mention, b: Mention) =>
      a.type === b.type && a.start < b.end && b.start < a.end
    for (const mention of predicted) {
      both(passage.lang, mention.type, 'strict', gold.some((g) => same(g, mention)) ? 'tp' : 'fp')
      both(
        passage.lang,
        mention.type,
        'relaxed',
        gold.some((g) => overlap(g, mention)) ? 'tp' : 'fp',
      )
    }
    for (const mention of gold) {
      if (!predicted.some((p) => same(p, mention))) both(passage.lang, mention.type, 'strict', 'fn')
      if (!predicted.some((p) => overlap(p, mention)))
        both(passage.lang, mention.type, 'relaxed', 'fn')
    }
  }
  return table
}

function f1(counts: Counts): { p: number; r: number; f: number } {
  const p = counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp)
  const r = counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn)
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) }
}

const TYPES = [
  'money',
  'date',
  'email',
  'url',
  'iban',
  'phone',
  'identifier',
  'person',
  'organization',
  'location',
]
const LANGS = ['all', 'ar', 'en', 'he']

function markdown(title: string, table: Table): string {
  const lines = [
    `#### ${title}`,
    '',
    '| type | lang | gold | P | R | F1 | relaxed F1 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const type of TYPES) {
    for (const lang of LANGS) {
      const row = table.get(`${type}|${lang}`)
      if (!row) continue
      const gold = row.strict.tp + row.strict.fn
      if (gold === 0 && row.strict.fp === 0) continue
      const strict = f1(row.strict)
      const relaxed = f1(row.relaxed)
      lines.push(
        `| ${type} | ${lang} | ${gold} | ${strict.p.toFixed(3)} | ${strict.r.toFixed(3)} | ${strict.f.toFixed(3)} | ${relaxed.f.toFixed(3)} |`,
      )
    }
  }
  return lines.join('\n')
}

function f1Of(table: Table, type: string, lang: string): number {
  const row = table.get(`${type}|${lang}`)
  return row ? f1(row.strict).f : 1
}

describe('the labelled set', () => {
  const all = score('all', true)

  it('is measured per type and language (tables printed for docs/entities.md)', () => {
    const report = [
      markdown('Development passages, in their documents', score('dev', true)),
      markdown('Held-back passages, in their documents', score('heldback', true)),
      markdown('All passages, in their documents', all),
      markdown('All passages, each on its own', score('all', false)),
    ].join('\n\n')
    console.log(report)
    expect(passages.length).toBeGreaterThanOrEqual(150)
  })

  it('finds money and dates in Arabic and English with an F1 above 0.9', () => {
    for (const type of ['money', 'date']) {
      for (const lang of ['ar', 'en']) {
        expect(f1Of(all, type, lang), `${type} in ${lang}`).toBeGreaterThan(0.9)
      }
    }
  })

  it('finds e-mail addresses, IBANs and links with an F1 above 0.98', () => {
    for (const type of ['email', 'iban', 'url']) {
      expect(f1Of(all, type, 'all'), type).toBeGreaterThan(0.98)
    }
  })
})

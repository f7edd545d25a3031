/** How fast findEntities reads Arabic news and English mail, against the analyser's analyze()
 *  on the same text (the baseline: every indexed text goes through it anyway). Reads the shared
 *  corpus (../shared/corpus) when it is there; otherwise generated text of the same kind, so
 *  the bench always runs. MB/s = the reported hz × the size in the group's name. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bench, describe } from 'vitest'
import { findEntities } from '../src/analysis/entities/index.js'
import { analyze } from '../src/analysis/index.js'

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url))
const arabicFolder = join(corpus, 'arabic-news/ant')
const englishFile = join(corpus, 'hoover/data/mbox/shapelib.mbox')

function textFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return textFiles(path)
    return entry.name.endsWith('.txt') ? [path] : []
  })
}

function generated(sentence: string, count: number): string {
  return Array.from({ length: count }, (_, i) => sentence.replace('{n}', String(i))).join('\n')
}

const arabic = existsSync(arabicFolder)
  ? textFiles(arabicFolder)
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n')
  : generated(
      'وقع وزير المالية يوم 8 جانفي 2017 بتونس اتفاقية بقيمة {n} مليون دينار مع شركة النور.',
      8000,
    )
const english = existsSync(englishFile)
  ? readFileSync(englishFile, 'utf8')
  : generated(
      'From: John Smith <john.smith@example.com>\nDate: Mon, 11 Nov 2013\nWe paid $1,{n}00.00 to Acme Ltd in London.',
      3000,
    )

const options = { time: 2000, iterations: 3 }

describe(`entities in ${(Buffer.byteLength(arabic) / 1e6).toFixed(2)} MB of Arabic news`, () => {
  bench(
    'baseline: analyze()',
    () => {
      analyze(arabic)
    },
    options,
  )
  bench(
    'findEntities()',
    () => {
      findEntities(arabic, { lang: 'ar' })
    },
    options,
  )
})

describe(`entities in ${(Buffer.byteLength(english) / 1e6).toFixed(2)} MB of English mail`, () => {
  bench(
    'baseline: analyze()',
    () => {
      analyze(english)
    },
    options,
  )
  bench(
    'findEntities()',
    () => {
      findEntities(english, { lang: 'en' })
    },
    options,
  )
})

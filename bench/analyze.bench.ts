/** How fast the analyser reads Arabic news, against splitting on whitespace, which does no
 *  normalising or stemming at all. Reads the shared corpus (../shared/corpus/arabic-news) when it
 *  is there; otherwise generated text of the same kind, so the bench always runs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bench, describe } from 'vitest'
import { analyze } from '../src/analysis/index.js'

const corpus = fileURLToPath(new URL('../../shared/corpus/arabic-news/ant', import.meta.url))

function textFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return textFiles(path)
    return entry.name.endsWith('.txt') ? [path] : []
  })
}

function generatedNews(): string {
  const words = 'قال وزير المالية إن الحكومة ستحول الأموال إلى حساب الشركة في البنك المركزي'.split(
    ' ',
  )
  const parts: string[] = []
  for (let i = 0; parts.length < 100_000; i += 7) parts.push(words[i % words.length]!)
  return parts.join(' ')
}

const text = existsSync(corpus)
  ? textFiles(corpus)
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n')
  : generatedNews()
const megabytes = Buffer.byteLength(text) / 1e6
const source = existsSync(corpus) ? 'Arabic news (ANT corpus)' : 'generated Arabic text'

// MB/s = the reported hz × the size in the group's name.
describe(`analyze ${megabytes.toFixed(2)} MB of ${source}`, () => {
  bench('baseline: split on whitespace', () => {
    text.split(/\s+/u)
  })
  bench('analyze()', () => {
    analyze(text)
  })
})

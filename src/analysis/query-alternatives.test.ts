import { describe, expect, it } from 'vitest'
import { analyze } from './analyze.js'
import { queryAlternatives } from './query-alternatives.js'
import { stemWord } from './stem/stem-word.js'

const termOf = (word: string): string => analyze(word)[0]?.term ?? ''

describe('queryAlternatives', () => {
  it('lets a query word reach the word with ب ل ك attached, and back', () => {
    const query = analyze('وزارة')[0]?.form ?? ''
    const reached = queryAlternatives(query).map(stemWord)
    for (const written of ['لوزارة', 'بوزارة', 'كوزارة', 'ولوزارة'])
      expect(reached).toContain(termOf(written))
    const back = analyze('لوزارة')[0]?.form ?? ''
    expect(queryAlternatives(back).map(stemWord)).toContain(termOf('وزارة'))
  })

  it('asks nothing more of words in other scripts', () => {
    expect(queryAlternatives('ministry')).toEqual([])
    expect(queryAlternatives('משרד')).toEqual([])
  })
})

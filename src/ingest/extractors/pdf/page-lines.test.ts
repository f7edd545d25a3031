import { describe, expect, it } from 'vitest'

import { applyActualText, buildVisualLines } from './page-lines.js'
import type { MarkedContent, PositionedText } from './page-lines.js'

/** A text item as the patched pdf.js worker reports it: visual order, 12 pt unless told. */
function anItem(
  str: string,
  x: number,
  width: number,
  options: { y?: number; size?: number; dir?: string; angle?: number } = {},
): PositionedText {
  const { y = 700, size = 12, dir = 'visual', angle = 0 } = options
  const cos = Math.cos((angle * Math.PI) / 180)
  const sin = Math.sin((angle * Math.PI) / 180)
  return {
    str,
    dir,
    transform: [size * cos, size * sin, -size * sin, size * cos, x, y],
    width,
    height: size,
  }
}

const texts = (items: readonly (PositionedText | MarkedContent)[]): string[] =>
  buildVisualLines(items).map((line) => line.text)

describe('buildVisualLines', () => {
  it('puts runs drawn right to left back in left-to-right order', () => {
    // LibreOffice draws the right-hand run of an Arabic line first.
    const items = [anItem('ابحرم', 100, 30), anItem('123', 60, 20)]
    expect(texts(items)).toEqual(['123 ابحرم'])
  })

  it('adds a space where the gap between items is wider than 0.15 em', () => {
    expect(texts([anItem('ab', 0, 10), anItem('cd', 12.5, 10)])).toEqual(['ab cd'])
    expect(texts([anItem('ab', 0, 10), anItem('cd', 11, 10)])).toEqual(['abcd'])
  })

  it('does not double a space the item already holds', () => {
    expect(texts([anItem('ab ', 0, 10), anItem(' ', 10, 3), anItem('cd', 14, 10)])).toEqual([
      'ab cd',
    ])
  })

  it('glues a zero-width glyph to the glyph drawn after it, wherever its origin lies', () => {
    // Chromium draws a mark before its letter, with the origin past the next letter's start.
    const items = [anItem('ب', 10, 5), anItem('\u064e', 16, 0), anItem('ت', 15, 5)]
    expect(texts(items)).toEqual(['ب\u064eت'])
  })

  it('does not let a space item take a pending mark', () => {
    const items = [anItem('ا', 0, 3), anItem('\u064e', 9, 0), anItem(' ', 3, 3), anItem('ب', 6, 5)]
    expect(texts(items)).toEqual(['ا \u064eب'])
  })

  it('keeps a line raised by a font anchor on its baseline', () => {
    const items = [anItem('ה', 0, 7), anItem('\u05b8', 8, 0, { y: 701.7 }), anItem('כ', 7, 6)]
    expect(texts(items)).toEqual(['ה\u05b8כ'])
  })

  it('starts a new line when the baseline moves', () => {
    const items = [anItem('first', 0, 30), anItem('second', 0, 36, { y: 686 })]
    expect(texts(items)).toEqual(['first', 'second'])
  })

  it('marks a paragraph where the line distance is much larger than usual', () => {
    const items = [
      anItem('one', 0, 20, { y: 700 }),
      anItem('two', 0, 20, { y: 686 }),
      anItem('three', 0, 30, { y: 672 }),
      anItem('four', 0, 24, { y: 640 }),
    ]
    expect(buildVisualLines(items).map((line) => line.paragraphBefore)).toEqual([
      false,
      false,
      false,
      true,
    ])
  })

  it('marks a paragraph when the next line starts higher up, as a new column does', () => {
    const items = [anItem('left', 0, 20, { y: 100 }), anItem('right', 300, 25, { y: 700 })]
    expect(buildVisualLines(items).map((line) => line.paragraphBefore)).toEqual([false, true])
  })

  it('reads rotated text along its own direction and after the main text', () => {
    const items = [
      anItem('up', 20, 12, { angle: 90, y: 100 }),
      anItem('the main body', 100, 78),
      anItem('wards', 20, 30, { angle: 90, y: 112 }),
    ]
    expect(texts(items)).toEqual(['the main body', 'upwards'])
  })

  it('places a glyph drawn inside a run at the nearest space of the run', () => {
    // LibreOffice draws a Latin full stop into a gap left in an Arabic run.
    const run = anItem('بيبحلا حضوأو اهتاسسؤمو', 0, 220)
    const stop = anItem('.', 122, 3)
    expect(texts([run, stop])).toEqual(['بيبحلا حضوأو . اهتاسسؤمو'])
  })

  it('turns items pdf.js has already reordered back into visual order', () => {
    // Without the patched worker an item arrives in logical order with dir 'rtl'.
    expect(texts([anItem('مبلغ 250000 دولار', 0, 100, { dir: 'rtl' })])).toEqual([
      'رالود 250000 غلبم',
    ])
  })

  it('builds a line of 50,000 glyphs drawn one by one quickly', () => {
    const items = Array.from({ length: 50_000 }, (_, i) =>
      anItem(i % 7 === 0 ? ' ' : 'ب', i * 5, 5),
    )
    const started = performance.now()
    const [line] = texts(items)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(line?.length).toBeGreaterThan(40_000)
  })

  it('skips empty items and whitespace without width', () => {
    expect(texts([anItem('', 0, 0), anItem(' ', 5, 0), anItem('x', 5, 6)])).toEqual(['x'])
  })
})

describe('applyActualText', () => {
  const begin = (actualText: string | null): MarkedContent => ({
    type: 'beginMarkedContentProps',
    actualText,
  })
  const end: MarkedContent = { type: 'endMarkedContent' }

  it('replaces the glyphs of a span by its ActualText, placed where they were', () => {
    const items = applyActualText([begin('a'), anItem('A', 10, 8), end, anItem('B', 18, 8)])
    expect(items.map((item) => [item.str, item.transform[4], item.width])).toEqual([
      ['a', 10, 8],
      ['B', 18, 8],
    ])
  })

  it('turns a right-to-left ActualText into visual order', () => {
    const items = applyActualText([begin('لأ'), anItem('ﻸ', 10, 6), end])
    expect(items.map((item) => item.str)).toEqual(['أل'])
  })

  it('lets the outermost span win and removes glyphs whose ActualText is empty', () => {
    const items = applyActualText([
      begin('word'),
      begin('w'),
      anItem('W', 0, 8),
      end,
      anItem('ORD', 8, 20),
      end,
      begin(''),
      anItem('-', 30, 3),
      end,
    ])
    expect(items.map((item) => [item.str, item.width])).toEqual([['word', 28]])
  })

  it('keeps glyphs of spans without ActualText', () => {
    const items = applyActualText([
      begin(null),
      anItem('x', 0, 6),
      end,
      { type: 'beginMarkedContent' },
    ])
    expect(items.map((item) => item.str)).toEqual(['x'])
  })
})

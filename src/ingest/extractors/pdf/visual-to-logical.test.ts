import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  bracketErrors,
  cleanLine,
  lineDirection,
  reorder,
  reorderVisualLine,
  repairSwappedLamAlef,
  VisualLineReader,
} from './visual-to-logical.js'

// Visual strings are written here as a PDF draws them, left to right.
const reverse = (text: string): string => Array.from(text).reverse().join('')

describe('reorderVisualLine', () => {
  it('reads an Arabic line with a number in logical order', () => {
    const visual = `${reverse('دولار')} 250000 ${reverse('مبلغ')}`
    expect(reorderVisualLine(visual).plain).toBe('مبلغ 250000 دولار')
  })

  it('keeps a Latin word inside an Arabic line left to right', () => {
    const visual = `${reverse('لعام')} Daleel ${reverse('في تقرير')}`
    expect(reorderVisualLine(visual).plain).toBe('في تقرير Daleel لعام')
  })

  it('reads an Arabic phrase inside an English line in logical order', () => {
    const visual = `paid to ${reverse('مكتب الأمل')} in Haifa.`
    expect(reorderVisualLine(visual).plain).toBe('paid to مكتب الأمل in Haifa.')
  })

  it('keeps the full stop of a right-to-left sentence at its end', () => {
    expect(reorderVisualLine(`.${reverse('الآن')}`).plain).toBe('الآن.')
  })

  it('reads Hebrew with a number and a hyphen in logical order', () => {
    const visual = `${reverse('במרץ')} 12-${reverse('ב')}`
    expect(reorderVisualLine(visual).plain).toBe('ב-12 במרץ')
  })

  it('leaves a line without right-to-left letters untouched', () => {
    expect(reorderVisualLine('The quick (brown) fox')).toEqual({
      plain: 'The quick (brown) fox',
      mirrored: 'The quick (brown) fox',
      mirrorVote: 0,
    })
  })

  it('mirrors brackets drawn by shape, as Chromium writes them', () => {
    const line = reorderVisualLine(`(${reverse('فرع دبي')})`)
    expect(line.mirrorVote).toBe(1)
    expect(line.mirrored).toBe('(فرع دبي)')
  })

  it('keeps brackets mapped to the typed character, as LibreOffice writes them', () => {
    const line = reorderVisualLine(`)${reverse('فرع دبي')}(`)
    expect(line.mirrorVote).toBe(-1)
    expect(line.plain).toBe('(فرع دبي)')
  })
})

describe('reorder', () => {
  // Arabic and Hebrew letters, both kinds of digits and spaces: the runs of a right-to-left
  // line, for which the reordering is its own inverse.
  const rtlLine = fc
    .array(fc.constantFrom(...'ابتثجحخدلامنهوي אבגדהוזחטיכלמנ0123456789٠١٢٣٤٥٦٧٨٩'.split('')), {
      maxLength: 40,
    })
    .map((chars) => chars.join(''))

  it('turns a right-to-left line back into itself when applied twice', () => {
    fc.assert(
      fc.property(rtlLine, (line) => {
        expect(reorder(reorder(line, 'rtl', false), 'rtl', false)).toBe(line)
      }),
    )
  })

  it('reorders a line of 200,000 characters', () => {
    const line = 'مرحبا 123 '.repeat(20_000)
    expect(reorder(reorder(line, 'rtl', false), 'rtl', false)).toBe(line)
  })

  it('keeps surrogate pairs whole', () => {
    expect(reorder('مرحبا 😀', 'rtl', false)).toBe('😀 ابحرم')
  })
})

describe('lineDirection', () => {
  it('gives a line the direction of the script with more letters', () => {
    expect(lineDirection('Daleel تقرير التحويلات')).toBe('rtl')
    expect(lineDirection('The report of مكتب')).toBe('ltr')
    expect(lineDirection('2023 - 12')).toBe('ltr')
  })
})

describe('bracketErrors', () => {
  it('counts brackets that close first or never close', () => {
    expect(bracketErrors('(a) [b]')).toBe(0)
    expect(bracketErrors(')a(')).toBe(2)
    expect(bracketErrors('«a')).toBe(1)
  })
})

describe('cleanLine', () => {
  it('turns Arabic presentation forms into the letters users type', () => {
    expect(cleanLine('ﺍﻟﺘﺤﻮﻳﻼﺕ')).toBe('التحويلات')
    expect(cleanLine('ﻻ')).toBe('لا')
  })

  it('removes bidi controls', () => {
    expect(cleanLine('\u202bمرحبا\u202c \u200eDaleel\u200f')).toBe('مرحبا Daleel')
  })

  it('keeps a mark on its letter when pdf.js put a space between them', () => {
    expect(cleanLine('كَتَب َ المدير')).toBe('كَتَبَ المدير')
  })

  it('drops a Hebrew mark repeated by the next glyph and orders marks canonically', () => {
    expect(cleanLine('ש\u05c1\u05b8\u05b8לוֹם')).toBe('שָׁלוֹם')
  })

  it('keeps other characters as they are', () => {
    expect(cleanLine('x² ½ …')).toBe('x² ½ …')
  })

  it('gives the same result when applied twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(cleanLine(cleanLine(text))).toBe(cleanLine(text))
      }),
    )
  })
})

describe('VisualLineReader', () => {
  it('applies the bracket convention of a document to lines that do not show it', () => {
    const reader = new VisualLineReader()
    // A list label “أ)” on its own says nothing; the bracket pair on the next line says the
    // producer draws brackets by shape.
    const lines = reader.readLines([`(${reverse('أ')}`, `(${reverse('فرع دبي')})`])
    expect(lines).toEqual(['أ)', '(فرع دبي)'])
  })
})

describe('repairSwappedLamAlef', () => {
  it('repairs the swaps pdf.js makes in a hamza lam-alef after the article', () => {
    expect(repairSwappedLamAlef('األمل اإلمارات اآلن')).toBe('الأمل الإمارات الآن')
  })

  it('leaves words with a real alef-lam alone', () => {
    expect(repairSwappedLamAlef('أعمال الأمل')).toBe('أعمال الأمل')
  })
})

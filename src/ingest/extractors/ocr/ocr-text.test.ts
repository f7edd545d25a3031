import { describe, expect, it } from 'vitest'

import { cleanOcrLine, countScripts, scriptOf } from './ocr-text.js'

const LRM = '\u200e'
const RLM = '\u200f'

describe('cleanOcrLine', () => {
  it('keeps a right-to-left line that tesseract already gives in logical order', () => {
    expect(cleanOcrLine('قال المدير إن الشركة تملك 40 فرعا.', 'rtl')).toBe(
      'قال المدير إن الشركة تملك 40 فرعا.',
    )
  })

  it('removes the marks tesseract wraps around a Latin run', () => {
    expect(cleanOcrLine(`شركة ${LRM}Blue Harbor Holdings${RLM} تملك 40 فرعا.`, 'rtl')).toBe(
      'شركة Blue Harbor Holdings تملك 40 فرعا.',
    )
  })

  it('puts a number back after the Latin word it follows on the printed line', () => {
    expect(cleanOcrLine(`الاسم 2023 ${LRM}Daleel${RLM} هو المشروع الجديد.`, 'rtl')).toBe(
      'الاسم Daleel 2023 هو المشروع الجديد.',
    )
    expect(cleanOcrLine(`השם 2023 ${LRM}Daleel${RLM} הוא הפרויקט החדש.`, 'rtl')).toBe(
      'השם Daleel 2023 הוא הפרויקט החדש.',
    )
  })

  it('leaves numbers after an Arabic word in their order', () => {
    expect(cleanOcrLine('في عامي 2023 و2024 ارتفعت الأسعار', 'rtl')).toBe(
      'في عامي 2023 و2024 ارتفعت الأسعار',
    )
  })

  it('turns round brackets read as drawn around a number in a right-to-left line', () => {
    expect(cleanOcrLine('انظر الصفحة )12( من التقرير', 'rtl')).toBe('انظر الصفحة (12) من التقرير')
  })

  it('leaves brackets around right-to-left words alone', () => {
    expect(cleanOcrLine('[الملحق ب] و(الجدول)', 'rtl')).toBe('[الملحق ب] و(الجدول)')
  })

  it('removes other bidi controls, joins a line and normalises to NFC', () => {
    expect(cleanOcrLine('\u202bשָׁלוֹם\u202c  עולם\n', 'rtl')).toBe('שָׁלוֹם עולם'.normalize('NFC'))
    expect(cleanOcrLine('caf\u0065\u0301 au lait', 'ltr')).toBe('café au lait')
  })
})

describe('countScripts and scriptOf', () => {
  it('counts letters, not digits or marks', () => {
    expect(countScripts('شركة ABC 123 שלום')).toEqual({ arabic: 4, hebrew: 4, latin: 3 })
  })

  it('calls a text mixed when a second script has a tenth of the letters', () => {
    expect(scriptOf(countScripts('مرحبا بكم في الشركة'))).toBe('arabic')
    expect(scriptOf(countScripts('שלום לכולם'))).toBe('hebrew')
    expect(scriptOf(countScripts('Hello world'))).toBe('latin')
    expect(scriptOf(countScripts('شركة Blue Harbor تملك'))).toBe('mixed')
    expect(scriptOf(countScripts('2023 - 15%'))).toBeNull()
  })
})

describe('cleanOcrLine on runs tesseract cannot order', () => {
  it('moves a group of numbers behind the Latin word that starts it, in reading order', () => {
    expect(cleanOcrLine(`رقم الحساب 7519 1016 8000 ${LRM}SA03${RLM} للمستفيد`, 'rtl')).toBe(
      'رقم الحساب SA03 8000 1016 7519 للمستفيد',
    )
  })

  it('keeps the order of a number between two Latin runs', () => {
    expect(cleanOcrLine(`חברת ${LRM}Blue Harbor${RLM} 2322 ${LRM}HSBC${RLM} בתאריך`, 'rtl')).toBe(
      'חברת Blue Harbor 2322 HSBC בתאריך',
    )
  })

  it('keeps the space after a marked run', () => {
    expect(cleanOcrLine(`לכתוב אל ${LRM}david.levy@example.com${RLM} או לבקר`, 'rtl')).toBe(
      'לכתוב אל david.levy@example.com או לבקר',
    )
  })
})

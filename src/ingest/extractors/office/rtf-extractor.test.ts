import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { RtfExtractor } from './rtf-extractor.js'
import { rtfToText } from './rtf-to-text.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/office/', import.meta.url))

function extract(name: string, limits = defaultLimits) {
  const bytes = readFileSync(join(fixtures, name))
  return new RtfExtractor().extract({ bytes, name, mediaType: 'application/rtf', limits })
}

function text(rtf: string): string {
  return rtfToText(Buffer.from(rtf, 'latin1'), { maxChars: 1_000_000 }).text
}

describe('RtfExtractor', () => {
  it("decodes \\'hh bytes in the code page of each font: Hebrew, Arabic, Cyrillic, Latin", async () => {
    const result = await extract('memo-hebrew-1255.rtf')
    expect(result.text).toMatch(/^דוח פנימי על ישיבת ההנהלה\nיו"ר הוועדה:\u00a0Minutes—draft\n/u)
    expect(result.text).toContain('\nتقرير سري عن اجتماع مجلس الإدارة\n')
    expect(result.text).toContain('\nПротокол\n')
    expect(result.text).toContain('\nCafé crème “quoted”\n')
    expect(result.encoding).toBe('windows-1255')
  })

  it('reads \\uN characters and skips their fallback', async () => {
    const { text: body } = await extract('memo-hebrew-1255.rtf')
    expect(body).toContain(
      'وأكد رئيس المجلس أن التحويلات المالية إلى الخارج ستخضع لرقابة إضافية.\n',
    )
    expect(body).not.toContain('?')
    expect(body).toContain('\nيونيكود\n')
    expect(body).not.toContain('Fallback ANSI')
  })

  it('keeps tables, field results and object results; drops pictures, field codes and binary data', async () => {
    const { text: body } = await extract('memo-hebrew-1255.rtf')
    expect(body).toContain('\nOffshore Holdings Ltd\t250000 USD\n')
    expect(body).toContain('\nlink text\n')
    expect(body).toContain('\nembedded result text\n')
    expect(body).toContain('\nBinary follows and ends\n')
    expect(body).not.toMatch(/HYPERLINK|89504e47|Word\.Document|0105000002/u)
  })

  it('puts headers and footnotes after the body', async () => {
    const { text: body } = await extract('memo-hebrew-1255.rtf')
    expect(body).toMatch(/approved\.\n\nBoard minutes header\n\nSource: internal audit memo\.$/u)
  })

  it('reads title, author, editor and dates from \\info in the document code page', async () => {
    const result = await extract('memo-hebrew-1255.rtf')
    expect(result).toMatchObject({
      title: 'פרוטוקול ישיבת ההנהלה',
      method: 'markup',
      metadata: {
        author: 'Rana Haddad',
        lastModifiedBy: 'יוסי לוי',
        created: '2024-03-01T10:30:00.000Z',
        modified: '2024-03-02T08:15:00.000Z',
        pages: 2,
      },
      warnings: [],
    })
  })

  it('reads Arabic in windows-1256', async () => {
    const result = await extract('memo-arabic-1256.rtf')
    expect(result.text).toMatch(/^تقرير سري عن اجتماع مجلس الإدارة في مدينة عمان/u)
    expect(result.title).toBe('تقرير المجلس')
  })

  it('keeps what a cut-off file holds and says it is truncated', async () => {
    const result = await extract('memo-truncated.rtf')
    expect(result.text).toContain('דוח פנימי על ישיבת ההנהלה')
    expect(result.warnings.map((warning) => warning.code)).toEqual(['TEXT_TRUNCATED'])
  })

  it('reports bytes that are not RTF as FILE_CORRUPT', async () => {
    await expect(extract('not-rtf.rtf')).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })

  it('stops at the group depth limit instead of running out of stack', () => {
    const deep = `{\\rtf1 start${'{'.repeat(200_000)}deep${'}'.repeat(200_000)}}`
    const result = rtfToText(Buffer.from(deep), { maxChars: 1000 })
    expect(result.text).toBe('start')
    expect(result.truncated).toBe(true)
  })

  it('keeps the text within maxChars', () => {
    const result = rtfToText(Buffer.from(`{\\rtf1 ${'word '.repeat(1000)}}`), { maxChars: 100 })
    expect(result.text.length).toBeLessThanOrEqual(100)
    expect(result.truncated).toBe(true)
  })
})

describe('rtfToText', () => {
  it('applies \\ucN to the fallback of the next \\uN characters, per group', () => {
    // The space after \u1489 ends the control word; after the group \uc2 is in force again.
    expect(text("{\\rtf1\\uc2\\u1488\\'e0\\'e0 x{\\uc0\\u1489 y}\\u1490??z}")).toBe('א xבyגz')
  })

  it('counts a control word as one fallback character', () => {
    expect(text("{\\rtf1\\uc1\\u1488\\'e0 a\\u1489\\par b}")).toBe('א aבb')
  })

  it('lets the font set last decide the code page of a run', () => {
    const fonts = '{\\fonttbl{\\f0\\fcharset0 Times;}{\\f1\\fcharset177 David;}}'
    expect(
      text(`{\\rtf1\\ansi${fonts}{\\rtlch\\af1\\ltrch\\f0 \\'e0}{\\ltrch\\f0\\rtlch\\af1 \\'e0}}`),
    ).toBe('àא')
  })

  it('uses \\cpg over \\fcharset, and the document code page for DEFAULT_CHARSET', () => {
    const fonts = '{\\fonttbl{\\f0\\fcharset0\\cpg1256 A;}{\\f1\\fcharset1 B;}}'
    expect(text(`{\\rtf1\\ansi\\ansicpg1255${fonts}{\\f0 \\'c7}{\\f1 \\'e0}}`)).toBe('اא')
  })

  it('treats \\* as a destination mark only at the start of a group', () => {
    expect(text('{\\rtf1 {\\*\\unknown hidden}{\\b\\*\\cs7 shown}}')).toBe('shown')
  })

  it('turns \\par, \\line, \\tab, \\cell and \\row into line breaks and tabs', () => {
    expect(text('{\\rtf1 a\\par b\\line c\\tab d\\par\\intbl e\\cell f\\cell\\row g}')).toBe(
      'a\nb\nc\td\ne\tf\ng',
    )
  })

  it('replaces half a surrogate pair with U+FFFD', () => {
    expect(text('{\\rtf1 a\\u-10179?b\\u-10179?\\u-8704?}')).toBe('a\ufffdb\u{1f600}')
  })

  it('never throws and never exceeds maxChars, whatever the bytes', () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '\\',
      '\\par ',
      "\\'e0",
      '\\u-1488?',
      '\\uc3 ',
      '\\bin3 ',
      '\\*',
      '\\f1 ',
      'a',
      ' ',
      '\\fonttbl',
      '\\info',
    )
    fc.assert(
      fc.property(
        fc.array(fc.oneof(token, fc.string({ maxLength: 4 })), { maxLength: 200 }),
        (parts) => {
          const result = rtfToText(Buffer.from(`{\\rtf1 ${parts.join('')}`, 'utf8'), {
            maxChars: 50,
          })
          expect(result.text.length).toBeLessThanOrEqual(50)
        },
      ),
    )
  })
})

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { findHtmlCharset, HtmlExtractor } from './html-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/html/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`html-extractor corpus tests skipped: no corpus at ${corpus}`)

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
}

function extract(bytes: Uint8Array, name = 'page.html') {
  return new HtmlExtractor().extract({ bytes, name, mediaType: 'text/html', limits: defaultLimits })
}

describe('HtmlExtractor', () => {
  it('reads an Arabic page in the charset its <meta> declares', async () => {
    const result = await extract(readFileSync(join(fixtures, 'arabic-meta-windows-1256.html')))
    expect(result).toMatchObject({
      encoding: 'windows-1256',
      method: 'markup',
      title: 'محضر اجتماع مجلس الإدارة',
      metadata: {
        lang: 'ar',
        description: 'تقرير داخلي',
        author: 'أمانة المجلس',
        keywords: 'ميزانية، تدقيق',
      },
    })
    expect(result.text).toContain('مراجعة الحسابات من قبل شركة')
    expect(result.text).toContain('التدقيق\t12000')
    expect(result.text).toContain('المرفقات & الملاحق متاحة')
    expect(result.text).not.toContain('لا يجوز أن يظهر')
    expect(result.text.startsWith('محضر اجتماع مجلس الإدارة\n\n')).toBe(true)
  })

  it('finds a charset written the way Word writes it', async () => {
    const result = await extract(readFileSync(join(fixtures, 'word-noisy-meta-iso-8859-6.html')))
    expect(result.encoding).toBe('iso-8859-6')
    expect(result.text).toContain('مراجعة الحسابات من قبل شركة')
  })

  it('detects the charset of a page that declares none', async () => {
    const result = await extract(
      readFileSync(join(fixtures, 'hebrew-no-charset-windows-1255.html')),
    )
    expect(result.encoding).toBe('windows-1255')
    expect(result.text).toContain('בדיקת החשבונות על ידי משרד')
  })

  it('reads what it can of broken markup', async () => {
    const result = await extract(readFileSync(join(fixtures, 'broken-markup.html')))
    expect(result.title).toBe('Broken page')
    expect(result.text).toContain('the transfer to the offshore account was approved')
    expect(result.text).toContain('cell one\tcell two')
  })

  it('reports an empty page as FILE_EMPTY', async () => {
    await expect(extract(new Uint8Array())).rejects.toMatchObject({ code: 'FILE_EMPTY' })
  })
})

describe('findHtmlCharset', () => {
  it('ignores a charset inside a comment', () => {
    const html = '<!-- <meta charset="koi8-r"> --><meta charset="utf-8">'
    expect(findHtmlCharset(Buffer.from(html))).toBe('utf-8')
  })
})

describe.skipIf(!hasCorpus)('HtmlExtractor on the corpus', () => {
  it.each([
    ['arabic-news/derived/JA-localNews-3211-20170401.cp1256.html', 'يتبنّون الفكر التكفيري تمكنت'],
    ['tika/testHTMLNoisyMetaEncoding_1.html', 'لهذا الموقف غير المقبول'],
    // The manifest's phrase for _3 is mojibake (its checker missed `charset = …`); this is
    // the same sentence read correctly.
    ['tika/testHTMLNoisyMetaEncoding_3.html', 'لهذا الموقف غير المقبول'],
    [
      'charsets/chardet/windows-1255-hebrew/_chromium_ISO-8859-8_with_no_encoding_specified.html',
      'גורם חיצוני לא יקבע',
    ],
    ['tika/testHTML_charset_utf16le.html', 'Title This is'],
    ['tika/http-response', 'this is some content'],
    ['ingest-file/doc.html', 'Ingestors Title Ingestors Test'],
  ])('finds the expected phrase in %s', async (path, phrase) => {
    const result = await extract(readFileSync(join(corpus, path)), path)
    expect(normalize(result.text)).toContain(normalize(phrase))
  })
})

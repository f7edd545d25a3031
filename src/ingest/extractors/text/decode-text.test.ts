import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { canonicalEncoding, decodeText, detectUtf16, looksBinary } from './decode-text.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/text/', import.meta.url))
const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`decode-text corpus tests skipped: no corpus at ${corpus}`)

function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name))
}

/** The corpus README's matching rule: NFKC, no bidi controls/ZWSP/BOM/soft hyphen, one space. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
}

const arabicParagraph = iconv.decode(fixture('arabic-windows-1256.txt'), 'windows-1256')
const hebrewParagraph = iconv.decode(fixture('hebrew-windows-1255.txt'), 'windows-1255')
const arabicPhrase = 'مراجعة الحسابات من قبل شركة'
const hebrewPhrase = 'בדיקת החשבונות על ידי משרד'

describe('decodeText', () => {
  it.each([
    ['arabic-windows-1256.txt', 'windows-1256', arabicPhrase],
    ['arabic-iso-8859-6.txt', 'iso-8859-6', arabicPhrase],
    ['arabic-utf-16le-bom.txt', 'utf-16le', arabicPhrase],
    ['arabic-utf-16le-no-bom.txt', 'utf-16le', arabicPhrase],
    ['arabic-utf-32le-bom.txt', 'utf-32le', arabicPhrase],
    ['hebrew-utf-16be-no-bom.txt', 'utf-16be', hebrewPhrase],
    ['hebrew-windows-1255.txt', 'windows-1255', 'ההעברות לחו״ל ייבדקו בקפידה”'],
    ['french-windows-1252.txt', 'windows-1252', 'le conseil d’administration s’est réuni à Genève'],
    ['mixed-utf-8-bom.txt', 'utf-8', hebrewPhrase],
  ])('reads %s as %s', (name, encoding, phrase) => {
    const decoded = decodeText(fixture(name))
    expect(decoded.encoding).toBe(encoding)
    expect(decoded.text.toLowerCase()).toContain(phrase.toLowerCase())
  })

  it('reads ISO-8859-8 Hebrew as Windows-1255, which decodes every letter the same', () => {
    const decoded = decodeText(fixture('hebrew-iso-8859-8.txt'))
    expect(decoded.encoding).toBe('windows-1255')
    expect(decoded.text).toContain(hebrewPhrase)
    expect(decoded.text).toBe(iconv.decode(fixture('hebrew-iso-8859-8.txt'), 'iso-8859-8'))
  })

  it('keeps a declared ISO-8859-8 when the bytes fit it', () => {
    expect(decodeText(fixture('hebrew-iso-8859-8.txt'), 'ISO-8859-8-I').encoding).toBe('iso-8859-8')
  })

  it('removes the byte order mark from the text', () => {
    expect(decodeText(fixture('mixed-utf-8-bom.txt')).text.startsWith('Minutes')).toBe(true)
    expect(decodeText(fixture('arabic-utf-16le-bom.txt')).text.startsWith('تقرير')).toBe(true)
  })

  it('follows a declared charset', () => {
    const bytes = iconv.encode('Prix : 12 €, café compris', 'windows-1252')
    expect(decodeText(bytes, 'latin1')).toEqual({
      text: 'Prix : 12 €, café compris',
      encoding: 'windows-1252',
    })
  })

  it('reads valid UTF-8 as UTF-8 even when the declaration says otherwise', () => {
    expect(decodeText(Buffer.from('مرحبا بكم'), 'windows-1256').encoding).toBe('utf-8')
  })

  it('overrides a declaration that turns the text into mojibake', () => {
    const decoded = decodeText(fixture('arabic-windows-1256.txt'), 'iso-8859-1')
    expect(decoded.encoding).toBe('windows-1256')
    expect(decoded.text).toContain(arabicPhrase)
  })

  it('ignores NUL padding at the end of a file', () => {
    const bytes = Buffer.concat([Buffer.from('hello world\n'), Buffer.alloc(64)])
    expect(decodeText(bytes).text).toBe('hello world\n')
  })

  it('refuses binary junk instead of indexing it', () => {
    expect(() => decodeText(fixture('binary-junk.txt'), undefined, 'text/plain')).toThrow(
      expect.objectContaining({ code: 'FORMAT_UNSUPPORTED', params: { mediaType: 'text/plain' } }),
    )
  })

  it('gives back any UTF-8 text unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
        // Control characters make text look binary, and a leading U+FEFF is a BOM by design.
        fc.pre(!/[\u0000-\u0008\u000e-\u001f\ufeff]/u.test(text))
        expect(decodeText(Buffer.from(text, 'utf8')).text).toBe(text)
      }),
    )
  })

  it('reads any sentence of Arabic words in Windows-1256 or ISO-8859-6 back exactly', () => {
    // Real words: random letter soup like "ذا فز" is as good Russian in Windows-1251.
    const words = Array.from(
      new Set(arabicParagraph.split(/[\s.،]+/u).filter((word) => word !== '')),
    )
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { minLength: 4, maxLength: 40 }),
        fc.constantFrom('windows-1256', 'iso-8859-6'),
        (sentence, encoding) => {
          const text = sentence.join(' ')
          expect(decodeText(iconv.encode(text, encoding))).toEqual({ text, encoding })
        },
      ),
    )
  })

  it('reads any sentence of Hebrew words in Windows-1255 back exactly', () => {
    const words = Array.from(
      new Set(hebrewParagraph.split(/[\s.:–“”]+/u).filter((word) => word !== '')),
    )
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { minLength: 4, maxLength: 40 }),
        (sentence) => {
          const text = sentence.join(' ')
          expect(decodeText(iconv.encode(text, 'windows-1255')).text).toBe(text)
        },
      ),
    )
  })
})

describe('canonicalEncoding', () => {
  it('spells charset labels the WHATWG way', () => {
    expect(canonicalEncoding('CP1256')).toBe('windows-1256')
    expect(canonicalEncoding('"ISO_8859-6"')).toBe('iso-8859-6')
    expect(canonicalEncoding('us-ascii')).toBe('windows-1252')
    expect(canonicalEncoding('UTF8')).toBe('utf-8')
    expect(canonicalEncoding('no-such-charset')).toBeNull()
  })
})

describe('detectUtf16', () => {
  it('tells UTF-16 text without a BOM from single-byte text', () => {
    expect(detectUtf16(fixture('arabic-utf-16le-no-bom.txt'))).toBe('utf-16le')
    expect(detectUtf16(fixture('hebrew-utf-16be-no-bom.txt'))).toBe('utf-16be')
    expect(detectUtf16(fixture('arabic-windows-1256.txt'))).toBeNull()
    expect(detectUtf16(fixture('binary-junk.txt'))).toBeNull()
  })
})

describe('looksBinary', () => {
  it('tells binary bytes from text', () => {
    expect(looksBinary(fixture('binary-junk.txt'))).toBe(true)
    expect(looksBinary(fixture('arabic-windows-1256.txt'))).toBe(false)
  })
})

interface CorpusRow {
  readonly path: string
  readonly format: string
  readonly note: string
  readonly phrase: string
}

function corpusRows(filter: (row: CorpusRow) => boolean): CorpusRow[] {
  return readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([path = '', format = '', , , , note = '', phrase = '']) => ({
      path,
      format,
      note,
      phrase,
    }))
    .filter((row) => row.path !== '' && filter(row))
}

// Encodings that decode these files to identical text (checked character by character): the
// label may differ, the text may not. The Mac Cyrillic sample is not among them: it is read as
// Windows-1251, which gets its lower-case letters right and 48 capitals wrong.
const SAME_LETTERS: Readonly<Record<string, string>> = {
  'iso-8859-8': 'windows-1255',
  cp1252: 'windows-1252',
  cp1253: 'iso-8859-7',
  cp1254: 'windows-1254',
  cp1255: 'windows-1255',
  cp949: 'euc-kr',
}

describe.skipIf(!hasCorpus)('decodeText on the charsets corpus', () => {
  it('finds the expected phrase in every legacy-encoded and UTF-8 sample', () => {
    const rows = corpusRows(
      (row) => row.path.startsWith('charsets/') || row.path.includes('/derived/'),
    ).filter((row) => ['txt', 'html', 'xml'].includes(row.format))
    let labelled = 0
    let phrases = 0
    for (const row of rows) {
      const bytes = readFileSync(join(corpus, row.path))
      const declared = /<\?xml[^>]*encoding="([^"]+)"/u.exec(
        bytes.subarray(0, 200).toString('latin1'),
      )?.[1]
      const decoded = decodeText(bytes, declared)
      const expected = /encoding: (\S+)/u.exec(row.note)?.[1] ?? 'windows-1256'
      if (decoded.encoding === (SAME_LETTERS[expected] ?? canonicalEncoding(expected)))
        labelled += 1
      // Phrases in HTML run across tags; the HTML extractor's tests check those.
      if (row.phrase !== '' && row.format !== 'html') {
        expect(normalize(decoded.text), row.path).toContain(normalize(row.phrase))
        phrases += 1
      }
    }
    console.info(
      `charsets corpus: ${labelled}/${rows.length} labelled as the manifest says, ${phrases} phrases found`,
    )
    expect(labelled / rows.length).toBeGreaterThan(0.9)
  })

  it('reads every Arabic news article with its expected phrase', () => {
    const rows = corpusRows((row) => row.path.startsWith('arabic-news/ant/') && row.phrase !== '')
    for (const row of rows) {
      const decoded = decodeText(readFileSync(join(corpus, row.path)))
      expect(normalize(decoded.text), row.path).toContain(normalize(row.phrase))
    }
  })
})

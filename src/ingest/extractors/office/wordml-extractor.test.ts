import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { WordmlExtractor } from './wordml-extractor.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/office/', import.meta.url))

function extract(name: string) {
  const bytes = readFileSync(join(fixtures, name))
  return new WordmlExtractor().extract({
    bytes,
    name,
    mediaType: 'application/vnd.ms-wordml',
    limits: defaultLimits,
  })
}

describe('WordmlExtractor', () => {
  it('reads paragraphs, tabs, line breaks and tables of a Word 2003 XML document', async () => {
    const { text } = await extract('protocol-word2003.doc')
    expect(text).toMatch(/^דוח פנימי על ישיבת ההנהלה\nChair:\tדוד לוי\nsecond line\n/u)
    expect(text).toContain('\nOffshore Holdings Ltd\t250000 USD\n')
  })

  it('puts headers, footnotes and comments after the body', async () => {
    const { text } = await extract('protocol-word2003.doc')
    expect(text).toMatch(
      /approved\.\n\nBoard minutes header\n\nSource: internal audit memo\.\n\nCheck this paragraph$/u,
    )
  })

  it('leaves out deleted text, field codes and embedded image data', async () => {
    const { text } = await extract('protocol-word2003.doc')
    expect(text).toContain('link text')
    expect(text).not.toMatch(/deleted words|HYPERLINK|TWludXRlcw/u)
  })

  it('reads the document properties', async () => {
    expect(await extract('protocol-word2003.doc')).toMatchObject({
      title: 'פרוטוקול הוועדה',
      metadata: {
        author: 'Rana Haddad',
        lastModifiedBy: 'יוסי לוי',
        created: '2024-03-01T10:30:00.000Z',
        pages: 2,
      },
    })
  })

  it('reports other XML as FILE_CORRUPT', async () => {
    await expect(extract('report-ar-he-en.fodt')).rejects.toMatchObject({ code: 'FILE_CORRUPT' })
  })
})

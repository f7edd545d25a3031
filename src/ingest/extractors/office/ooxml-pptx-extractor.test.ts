import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { makeZip } from '../../../../scripts/make-fixtures.js'
import { defaultLimits } from '../../extractor.js'
import type { ExtractionLimits } from '../../extractor.js'
import { PptxExtractor } from './ooxml-pptx-extractor.js'

const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
const fixtures = fileURLToPath(new URL('../../../../test/fixtures/office/', import.meta.url))

function extract(bytes: Uint8Array, limits: ExtractionLimits = defaultLimits) {
  return new PptxExtractor().extract({ bytes, name: 'deck.pptx', mediaType: PPTX, limits })
}

function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name))
}

function slides(result: {
  text: string
  pages?: readonly { start: number; end: number }[]
}): string[] {
  return result.pages?.map((page) => result.text.slice(page.start, page.end)) ?? []
}

describe('PptxExtractor', () => {
  it('reads the slides in presentation order, one page each, under "Slide N"', async () => {
    const pages = slides(await extract(fixture('briefing-ar-he-en.pptx')))
    expect(pages).toHaveLength(2)
    expect(pages[0]).toMatch(/^Slide 1\n\nالإحاطة الأسبوعية\nדוח פנימי על ישיבת ההנהלה/u)
    expect(pages[1]).toMatch(/^Slide 2 \(hidden\)\n\nMinutes of the board meeting/u)
  })

  it('keeps tables as rows, notes and comments, and hand-placed layout text once', async () => {
    const result = await extract(fixture('briefing-ar-he-en.pptx'))
    const [first, second] = slides(result)
    expect(first).toContain('Account\tAmount\nOffshore Holdings Ltd\t250000 USD')
    expect(first).toContain('CONFIDENTIAL – internal use')
    expect(second).not.toContain('CONFIDENTIAL')
    expect(second).toContain('Notes\nSpeaker notes: call the auditor before Friday')
    expect(second).toContain('Comments\nCheck the figures with finance')
  })

  it('leaves out fallback copies, slide numbers, slide images and master prompts', async () => {
    const { text } = await extract(fixture('briefing-ar-he-en.pptx'))
    expect(text).toContain('Modern shape text')
    expect(text).not.toContain('Fallback copy')
    expect(text).not.toContain('‹#›')
    expect(text).not.toContain('slide image')
    expect(text).not.toContain('Click to edit')
  })

  it('reads the properties', async () => {
    const result = await extract(fixture('briefing-ar-he-en.pptx'))
    expect(result).toMatchObject({
      title: 'إحاطة مجلس الإدارة',
      method: 'markup',
      metadata: { author: 'Rana Haddad', created: '2024-03-01T10:30:00.000Z' },
      warnings: [],
    })
  })

  it('does not expand a billion-laughs DOCTYPE in a slide', async () => {
    const started = Date.now()
    const result = await extract(fixture('briefing-entity-bomb.pptx'))
    expect(Date.now() - started).toBeLessThan(5000)
    expect(result.text.length).toBeLessThan(5000)
    expect(result.text).toContain('&lol9;')
    expect(result.text).not.toContain('lollol')
  })

  it('reports a cut-off presentation as FILE_CORRUPT', async () => {
    await expect(extract(fixture('briefing-truncated.pptx'))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('reports a password-protected presentation as FILE_ENCRYPTED', async () => {
    await expect(extract(fixture('encrypted.xlsx'))).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('falls back to slideN.xml in numeric order without a slide list', async () => {
    const part = (name: string, text: string) => ({
      name: Buffer.from(name),
      data: Buffer.from(
        `<p:sld xmlns:p="p" xmlns:a="a"><p:sp><p:txBody><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp></p:sld>`,
      ),
    })
    const bytes = makeZip([
      {
        name: Buffer.from('ppt/presentation.xml'),
        data: Buffer.from('<p:presentation xmlns:p="p"/>'),
      },
      part('ppt/slides/slide10.xml', 'tenth'),
      part('ppt/slides/slide2.xml', 'second'),
    ])
    expect((await extract(bytes)).text).toBe('Slide 1\n\nsecond\n\f\nSlide 2\n\ntenth')
  })

  it('refuses a slide that inflates beyond the member limit', async () => {
    const bytes = makeZip([
      {
        name: Buffer.from('ppt/presentation.xml'),
        data: Buffer.from('<p:presentation xmlns:p="p"/>'),
      },
      {
        name: Buffer.from('ppt/slides/slide1.xml'),
        data: Buffer.from(`<p:sld>${' '.repeat(2_000_000)}</p:sld>`),
      },
    ])
    await expect(
      extract(bytes, { ...defaultLimits, maxMemberBytes: 1_000_000 }),
    ).rejects.toMatchObject({
      code: 'ARCHIVE_BOMB',
    })
  })
})

import { describe, expect, it } from 'vitest'
import { withPageMethods } from './process-item.js'

describe('withPageMethods', () => {
  it('records each page’s method and OCR confidence when OCR read a page', () => {
    const metadata = withPageMethods({ author: 'x' }, [
      { page: 1, method: 'text-layer' },
      { page: 2, method: 'ocr', confidence: 86.6 },
    ])
    expect(metadata).toEqual({ author: 'x', pageMethods: ['1 text-layer', '2 ocr 87'] })
  })

  it('adds nothing when every page had a text layer', () => {
    const metadata = { title: 't' }
    expect(withPageMethods(metadata, [{ page: 1, method: 'text-layer' }])).toBe(metadata)
    expect(withPageMethods(metadata, undefined)).toBe(metadata)
  })
})

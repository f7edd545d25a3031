import { describe, expect, it } from 'vitest'
import * as analysis from './index.js'

describe('analysis', () => {
  it('gives a query word the same term as the same word in a document', () => {
    const document = analysis.analyze('أعلنت وزارة المالية عن التحويلات')
    for (const word of ['المالية', 'الماليه', 'تحويل']) {
      const term = analysis.stemWord(analysis.normalizeWord(word))
      expect(document.map((token) => token.term)).toContain(term)
    }
  })
})

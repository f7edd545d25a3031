import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { EmlExtractor } from './eml-extractor.js'
import { encodeWords, formatMailbox, headerLine, writeMimeMessage } from './write-mime-message.js'

function read(bytes: Uint8Array) {
  return new EmlExtractor().extract({
    bytes,
    name: 'm.eml',
    mediaType: 'message/rfc822',
    limits: defaultLimits,
  })
}

describe('writeMimeMessage', () => {
  it('writes a message the EML extractor reads back, headers, bodies and attachments', async () => {
    const inner = writeMimeMessage({
      headerLines: [headerLine('Subject', 'רשומה פנימית')],
      text: 'גוף ההודעה',
      attachments: [],
    })
    const bytes = writeMimeMessage({
      headerLines: [
        `From: ${formatMailbox('رنا حداد', 'rana@example.com')}`,
        `To: ${formatMailbox('Board', 'board@example.com')}`,
        headerLine('Subject', 'محضر الاجتماع السري'),
        'Date: Fri, 01 Mar 2024 07:30:00 GMT',
      ],
      text: 'تقرير سري',
      html: '<p>تقرير <b>سري</b></p>',
      attachments: [
        { name: 'قائمة.txt', contentType: 'text/plain', bytes: Buffer.from('Shareholders') },
        { name: 'inner.eml', bytes: inner, isMessage: true },
      ],
    })
    expect(/^[\x00-\x7f]*$/u.test(bytes.toString('latin1'))).toBe(true)
    const result = await read(bytes)
    expect(result.metadata).toMatchObject({
      from: ['رنا حداد <rana@example.com>'],
      to: ['Board <board@example.com>'],
      subject: 'محضر الاجتماع السري',
      date: '2024-03-01T07:30:00.000Z',
    })
    expect(result.text).toContain('تقرير سري')
    expect(result.children.map((child) => child.name)).toEqual(['قائمة.txt', 'inner.eml'])
    const nested = await read(result.children[1]?.bytes ?? new Uint8Array())
    expect(nested.title).toBe('רשומה פנימית')
  })

  it('splits long non-ASCII header text into encoded words under the length limit', () => {
    const words = encodeWords('تقرير '.repeat(30)).split('\r\n ')
    expect(words.length).toBeGreaterThan(1)
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75)
  })
})

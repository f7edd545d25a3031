import { describe, expect, it } from 'vitest'
import { decompressRtf, rtfToText } from './rtf-body.js'

function uncompressedStream(rtf: string): Buffer {
  const body = Buffer.from(rtf, 'latin1')
  const header = Buffer.alloc(16)
  header.writeUInt32LE(body.length + 12, 0)
  header.writeUInt32LE(body.length, 4)
  header.writeUInt32LE(0x414c454d, 8)
  return Buffer.concat([header, body])
}

describe('decompressRtf', () => {
  it('reads an uncompressed (MELA) stream', () => {
    expect(decompressRtf(uncompressedStream('{\\rtf1 Hi}'), 1000)?.toString('latin1')).toBe(
      '{\\rtf1 Hi}',
    )
  })

  it('undoes LZFu compression, references to the preloaded dictionary included', () => {
    // MS-OXRTFCP 3.1.1's example: "{\rtf1\ansi\ansicpg1252\pard hello world}\r\n".
    const compressed = Buffer.from(
      '2d0000002b0000004c5a4675f1c5c7a703000a007263706731323542320af32068656c090020627705b06c647d0a800fa0',
      'hex',
    )
    expect(decompressRtf(compressed, 1000)?.toString('latin1')).toBe(
      '{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n',
    )
  })

  it('refuses a stream that declares more than the limit', () => {
    const compressed = Buffer.alloc(32)
    compressed.writeUInt32LE(0x7fffffff, 4)
    compressed.writeUInt32LE(0x75465a4c, 8)
    expect(decompressRtf(compressed, 1000)).toBeNull()
  })
})

describe('rtfToText', () => {
  it('turns paragraphs, code page bytes and Unicode escapes into text', () => {
    const rtf =
      "{\\rtf1\\ansi\\ansicpg1256{\\fonttbl{\\f0 Arial;}}\\pard \\'ca\\'de\\'d1\\'ed\\'d1\\par \\u1513?\\u1500?\\u1493?\\u1501?\\par}"
    expect(rtfToText(rtf)).toEqual({ text: 'تقرير\nשלום', fromHtml: false })
  })

  it('recovers the text of HTML encapsulated in RTF', () => {
    const rtf =
      '{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag19 <html>}{\\*\\htmltag50 <body>}\\htmlrtf {\\b\\htmlrtf0 Hello \\htmlrtf}\\htmlrtf0 world{\\*\\htmltag58 </body>}}'
    expect(rtfToText(rtf)).toEqual({ text: 'Hello world', fromHtml: true })
  })
})

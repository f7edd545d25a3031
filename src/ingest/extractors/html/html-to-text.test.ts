import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { htmlToText } from './html-to-text.js'

describe('htmlToText', () => {
  it('turns paragraphs into blank-line-separated blocks and <br> into line breaks', () => {
    expect(htmlToText('<p>one<br>two</p><p>three</p>').text).toBe('one\ntwo\n\nthree')
  })

  it('puts each list item and table row on its own line with cells separated by tabs', () => {
    const html =
      '<ul><li>a</li><li>b</li></ul><table><tr><th>Name</th><th>Sum</th></tr><tr><td><p>X</p></td><td>5</td></tr></table>'
    expect(htmlToText(html).text).toBe('a\nb\n\nName\tSum\nX\t5')
  })

  it('drops scripts, styles, noscript, templates and the head but keeps the title', () => {
    const html = `<html><head><title>T</title><style>p{}</style><script>alert(1)</script></head>
      <body><noscript>enable JS</noscript><template><p>hidden</p></template><p>shown</p></body></html>`
    expect(htmlToText(html)).toMatchObject({ text: 'shown', title: 'T' })
  })

  it('decodes entities and collapses runs of spaces', () => {
    expect(htmlToText('<p>  Tom&nbsp;&amp;\n\n   Jerry &#x41;&#66; </p>').text).toBe(
      'Tom & Jerry AB',
    )
  })

  it('keeps the line breaks of preformatted text', () => {
    expect(htmlToText('<pre>a  b\n  c</pre>').text).toBe('a  b\n  c')
  })

  it('takes the first <h1> as the title when there is no <title>', () => {
    expect(htmlToText('<h1>Heading <b>one</b></h1><h1>Two</h1>').title).toBe('Heading one')
  })

  it('reads description, author, keywords and language from the markup', () => {
    const html = `<html lang="he"><head><meta name="Description" content="desc">
      <meta name="author" content="Dana"><meta name="keywords" content="a, b"></head></html>`
    expect(htmlToText(html).metadata).toEqual({
      lang: 'he',
      description: 'desc',
      author: 'Dana',
      keywords: 'a, b',
    })
  })

  it('keeps the body of a page whose head is never closed', () => {
    expect(htmlToText('<head><title>x</title><p>body text').text).toBe('body text')
  })

  it('keeps the page after a <title> that is never closed', () => {
    expect(htmlToText('<title>Broken<body><p>kept</p>')).toMatchObject({
      title: 'Broken',
      text: 'kept',
    })
  })

  it('never leaves spaces or blank lines at the ends, whatever the markup', () => {
    fc.assert(
      fc.property(fc.string(), (html) => {
        const { text } = htmlToText(html)
        expect(text).toBe(text.trim())
        expect(text).not.toMatch(/\n{3,}/u)
      }),
    )
  })
})

/** The readable HTML view of an e-mail or an HTML file: the message's HTML body (re-read from the
 *  original with mailparser) or the file itself, sanitised to a page that can run nothing and
 *  load nothing. The route serves it with its own Content-Security-Policy (`sandbox`, no script,
 *  images only from data:) into a sandboxed frame, so even a sanitiser bug stays contained. */

import type { DocumentRecord } from '../domain/index.js'
import sanitizeHtml from 'sanitize-html'

/** The policy of the sanitised view: nothing but inline styles and embedded images. */
export const htmlViewPolicy =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

/** True when the workbench can show a sanitised HTML view of the document. */
export function hasHtmlView(doc: Pick<DocumentRecord, 'type' | 'mediaType'>): boolean {
  return doc.type === 'email' || doc.type === 'html' || /html/iu.test(doc.mediaType)
}

/** The sanitised page, or null when the original carries no HTML. */
export async function renderHtmlView(
  doc: Pick<DocumentRecord, 'type' | 'mediaType' | 'encoding' | 'title'>,
  original: Uint8Array,
): Promise<string | null> {
  let html: string | null
  if (doc.type === 'email') {
    const { simpleParser } = await import('mailparser')
    // Only the body is wanted: attachments are their own documents.
    const mail = await simpleParser(Buffer.from(original), { skipImageLinks: true })
    html = typeof mail.html === 'string' && mail.html ? mail.html : (mail.textAsHtml ?? null)
  } else {
    html = decode(original, doc.encoding)
  }
  if (html === null) return null
  const body = sanitizeHtml(html, sanitizeOptions)
  return (
    '<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<title>${sanitizeHtml(doc.title ?? '', { allowedTags: [], allowedAttributes: {} })}</title>` +
    '<style>body{font:15px/1.6 system-ui,sans-serif;margin:12px;color:#1d232b;overflow-wrap:anywhere}' +
    'img{max-width:100%;height:auto}table{max-width:100%}span.link{color:#1a56a8;text-decoration:underline dotted}</style>' +
    `</head><body dir="auto">${body}</body></html>`
  )
}

function decode(bytes: Uint8Array, encoding: string | null): string {
  try {
    return new TextDecoder(encoding ?? 'utf-8').decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}

// A style may only change looks: anything that could fetch or run is dropped with it.
const unsafeStyle = /url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding/iu

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'a'),
    'img',
    'span',
    'font',
    'center',
  ],
  allowedAttributes: {
    '*': ['dir', 'lang', 'style', 'align', 'title', 'width', 'height', 'colspan', 'rowspan'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color', 'size', 'face'],
    span: ['class', 'title', 'dir', 'lang', 'style'],
  },
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template'],
  transformTags: {
    // Links are shown, never followed: following one would leave the sandbox for the network.
    a: (_tag, attribs) => ({
      tagName: 'span',
      attribs: { class: 'link', ...(attribs['href'] ? { title: attribs['href'] } : {}) },
    }),
    // Only images carried inside the message itself; a remote or relative one (a tracking
    // pixel, a broken `src="x"` with an onerror) is dropped.
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs
      return { tagName, attribs: src && /^data:image\//iu.test(src) ? { src, ...rest } : rest }
    },
    '*': (tagName, attribs) => {
      const style = attribs['style']
      if (style === undefined || !unsafeStyle.test(style)) return { tagName, attribs }
      return {
        tagName,
        attribs: Object.fromEntries(Object.entries(attribs).filter(([name]) => name !== 'style')),
      }
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
}

/** A small event-based XML reader for the Office formats: start tags, text and end tags in
 *  document order, fed in one string or in chunks as a zip member inflates. Only the five XML
 *  entities and character references are decoded; a DOCTYPE and the entities it declares are
 *  never expanded, so a "billion laughs" part stays a few bytes of literal text. */

import { TextDecoder } from 'node:util'
import { Parser } from 'htmlparser2'

/** What a reader does with the events of one XML part. `name` keeps its namespace prefix. */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void
  text?(text: string): void
  close?(name: string): void
}

/** An XML reader that takes the part's bytes in pieces. */
export interface XmlStream {
  write(chunk: Uint8Array): void
  end(): void
}

/** The name without its namespace prefix: `a:t` → `t`. Prefixes vary between producers. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1)
}

/** The value of an attribute whatever its prefix (`r:id`, `ns2:id`), or undefined. */
export function attributeOf(
  attributes: Readonly<Record<string, string>>,
  local: string,
): string | undefined {
  const exact = attributes[local]
  if (exact !== undefined) return exact
  for (const [name, value] of Object.entries(attributes)) {
    if (localName(name) === local) return value
  }
  return undefined
}

function createParser(handlers: XmlHandlers): Parser {
  return new Parser(
    {
      onopentag: (name, attributes) => handlers.open?.(name, attributes),
      ontext: (text) => handlers.text?.(text),
      onclosetag: (name) => handlers.close?.(name),
    },
    // xmlMode: case kept, self-closing tags close, CDATA is text, no HTML entities or
    // implied end tags; declarations (DOCTYPE, ENTITY) are passed over as processing
    // instructions, which we ignore.
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true, recognizeSelfClosing: true },
  )
}

/** Reads a whole XML string. */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  const parser = createParser(handlers)
  parser.write(xml)
  parser.end()
}

/** The text encoding an XML part's first bytes announce: a UTF-16 byte order mark, else UTF-8. */
function encodingOf(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return 'utf-8'
}

/**
 * An XML reader fed with bytes: decodes UTF-8 (or UTF-16 with a BOM) across chunk boundaries.
 *
 * @example const xml = createXmlStream({ text: (t) => out.push(t) }); xml.write(chunk); xml.end()
 */
export function createXmlStream(handlers: XmlHandlers): XmlStream {
  const parser = createParser(handlers)
  let decoder: TextDecoder | null = null
  return {
    write(chunk) {
      if (chunk.length === 0) return
      decoder ??= new TextDecoder(encodingOf(chunk))
      parser.write(decoder.decode(chunk, { stream: true }))
    },
    end() {
      if (decoder !== null) parser.write(decoder.decode())
      parser.end()
    },
  }
}

/** Reads an XML part held as bytes. */
export function parseXmlBytes(bytes: Uint8Array, handlers: XmlHandlers): void {
  const stream = createXmlStream(handlers)
  stream.write(bytes)
  stream.end()
}

/** The relationship id of an element (`r:id`, whatever the prefix), not a plain `id`. */
export function relationshipIdOf(attributes: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.includes(':') && localName(name) === 'id') return value
  }
  return undefined
}

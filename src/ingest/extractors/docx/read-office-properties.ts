/** Reads the document properties every Office Open XML file carries: `docProps/core.xml`
 *  (Dublin Core: title, author, dates) and `docProps/app.xml` (application, company, pages).
 *  Works the same for .docx, .xlsx and .pptx; finding the parts in the zip is the caller's job. */

import { Parser } from 'htmlparser2'
import type { Metadata } from '../../../domain/index.js'

// Element (namespace prefix dropped) → metadata key. Prefixes vary between producers
// (`dc:creator`, `ns0:creator`), so only the local name is matched.
const CORE_FIELDS: Readonly<Record<string, string>> = {
  title: 'title',
  subject: 'subject',
  creator: 'author',
  keywords: 'keywords',
  description: 'description',
  lastmodifiedby: 'lastModifiedBy',
  created: 'created',
  modified: 'modified',
  lastprinted: 'lastPrinted',
  category: 'category',
  revision: 'revision',
  language: 'language',
}
const APP_FIELDS: Readonly<Record<string, string>> = {
  application: 'application',
  company: 'company',
  manager: 'manager',
  pages: 'pages',
  words: 'words',
  template: 'template',
}
const DATE_FIELDS = new Set(['created', 'modified', 'lastPrinted'])
const NUMBER_FIELDS = new Set(['pages', 'words'])

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase()
}

/** The simple text elements of an XML part, as `localName → text` for the wanted names. */
function readFields(xml: string, fields: Readonly<Record<string, string>>, into: Metadata): void {
  let current: string | null = null
  let text = ''
  const parser = new Parser(
    {
      onopentag(name) {
        current = fields[localName(name)] ?? null
        text = ''
      },
      ontext(data) {
        if (current !== null) text += data
      },
      onclosetag() {
        const value = text.trim()
        if (current !== null && value !== '' && !(current in into)) {
          if (DATE_FIELDS.has(current)) {
            const date = new Date(value)
            // Word writes 1601-01-01 (a zero FILETIME) for "never printed".
            if (!Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1900) {
              into[current] = date.toISOString()
            }
          } else if (NUMBER_FIELDS.has(current)) {
            const number = Number(value)
            if (Number.isFinite(number)) into[current] = number
          } else into[current] = value
        }
        current = null
        text = ''
      },
    },
    { xmlMode: true, decodeEntities: true },
  )
  parser.write(xml)
  parser.end()
}

/**
 * Metadata from the core and app property parts; dates become ISO 8601 strings.
 *
 * @example readOfficeProperties('<cp:coreProperties …><dc:creator>Rana</dc:creator>…', null)
 * // → { author: 'Rana', … }
 */
export function readOfficeProperties(coreXml: string | null, appXml: string | null): Metadata {
  const metadata: Metadata = {}
  if (coreXml !== null) readFields(coreXml, CORE_FIELDS, metadata)
  if (appXml !== null) readFields(appXml, APP_FIELDS, metadata)
  return metadata
}

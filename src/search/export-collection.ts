/** Exports a collection for other tools: FollowTheMoney entities as JSON lines (what Aleph,
 *  OpenAleph and OpenSanctions tooling read), or every mention as CSV. */

import { createHash } from 'node:crypto'
import type { DocumentRecord, EntityType, MentionRecord } from '../domain/index.js'
import type { Store } from '../store/index.js'

/** A FollowTheMoney entity: every property value is a list of strings. */
export interface FtmEntity {
  readonly id: string
  readonly schema: string
  readonly properties: Record<string, string[]>
}

const documentSchema: Record<string, string> = {
  pdf: 'Pages',
  docx: 'Pages',
  html: 'HyperText',
  email: 'Email',
  zip: 'Package',
  text: 'PlainText',
}

// Where each kind of mention goes on the FtM document (the "Analyzable" properties), and the
// schema of the entity made for it, if any.
const mentionProperty: Partial<Record<EntityType, string>> = {
  person: 'peopleMentioned',
  organization: 'companiesMentioned',
  location: 'locationMentioned',
  email: 'emailMentioned',
  phone: 'phoneMentioned',
  iban: 'ibanMentioned',
}
const entitySchema: Partial<Record<EntityType, { schema: string; property: string }>> = {
  person: { schema: 'Person', property: 'name' },
  organization: { schema: 'Organization', property: 'name' },
  location: { schema: 'Address', property: 'full' },
}

/** A stable FtM id for an entity: the same value gives the same id in every export. */
export function entityId(type: string, normalized: string): string {
  return `daleel-${type}-${createHash('sha1').update(`${type}\n${normalized}`).digest('hex')}`
}

type Scalar = string | number | boolean | null | undefined

function add(
  properties: Record<string, string[]>,
  key: string,
  value: Scalar | readonly Scalar[],
): void {
  if (value === null || value === undefined || value === '') return
  const values = (Array.isArray(value) ? value : [value]) as readonly Scalar[]
  const list = (properties[key] ??= [])
  for (const raw of values) {
    const item = raw === null || raw === undefined ? '' : String(raw)
    if (item && !list.includes(item)) list.push(item)
  }
}

function documentEntity(doc: DocumentRecord, mentions: readonly MentionRecord[]): FtmEntity {
  const properties: Record<string, string[]> = {}
  const fileName = doc.path.split(/!\/|[/\\]/u).at(-1) ?? doc.path
  add(properties, 'title', doc.title ?? fileName)
  add(properties, 'fileName', fileName)
  add(properties, 'fileSize', doc.size)
  add(properties, 'mimeType', doc.mediaType)
  add(properties, 'language', doc.langs)
  add(properties, 'detectedLanguage', doc.lang)
  add(properties, 'encoding', doc.encoding)
  add(properties, 'sourceUrl', doc.path)
  // FtM's contentHash is a SHA-1 in Aleph; Daleel keeps originals by SHA-256, stated here.
  add(properties, 'contentHash', `sha256:${doc.sha256}`)
  add(properties, 'parent', doc.parent)
  add(properties, 'author', doc.metadata['author'])
  add(properties, 'authoredAt', doc.metadata['created'])
  add(properties, 'modifiedAt', doc.metadata['modified'])
  if (doc.type === 'email') {
    add(properties, 'subject', doc.metadata['subject'])
    add(properties, 'messageId', doc.metadata['messageId'])
    add(properties, 'inReplyTo', doc.metadata['inReplyTo'])
    add(properties, 'date', doc.metadata['date'])
  }
  for (const mention of mentions) {
    const property = mentionProperty[mention.type]
    if (property) add(properties, property, mention.normalized)
    if (mention.type === 'person' || mention.type === 'organization')
      add(properties, 'namesMentioned', mention.value)
  }
  return { id: `daleel-doc-${doc.id}`, schema: documentSchema[doc.type] ?? 'Document', properties }
}

/** Every document, then every person, organisation and place, as FtM entities. */
export async function* exportFtm(store: Store): AsyncGenerator<FtmEntity> {
  for await (const doc of store.listDocuments()) {
    yield documentEntity(doc, await store.getMentions(doc.id))
  }
  for (const entity of await store.listEntities({})) {
    const target = entitySchema[entity.type]
    if (!target) continue
    yield {
      id: entityId(entity.type, entity.normalized),
      schema: target.schema,
      properties: { [target.property]: [entity.value] },
    }
  }
}

function csvField(value: Scalar): string {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const mentionCsvHeader = [
  'document_id',
  'path',
  'sha256',
  'page',
  'start',
  'end',
  'type',
  'value',
  'normalized',
]

/** One CSV line per mention (RFC 4180 quoting), header first. */
export async function* exportMentionsCsv(store: Store): AsyncGenerator<string> {
  yield mentionCsvHeader.join(',')
  for await (const doc of store.listDocuments()) {
    for (const m of await store.getMentions(doc.id)) {
      yield [doc.id, doc.path, doc.sha256, m.page, m.start, m.end, m.type, m.value, m.normalized]
        .map(csvField)
        .join(',')
    }
  }
}

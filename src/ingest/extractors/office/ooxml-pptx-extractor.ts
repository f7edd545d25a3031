/** Reads PowerPoint presentations (.pptx, .pptm, .ppsx): each slide becomes one page headed
 *  "Slide N", with its shapes' text, tables as tab-separated rows, chart and SmartArt labels,
 *  its speaker notes and comments; text placed on a layout or master by hand (not the "Click to
 *  edit" prompts) is added once, to the first slide that shows it. Legacy .ppt is converted by
 *  the legacy extractor and comes back here. */

import type { Metadata, Warning } from '../../../domain/index.js'
import type {
  ExtractionInput,
  ExtractionResult,
  ExtractOptions,
  Extractor,
} from '../../extractor.js'
import { DaleelError } from '../../../domain/index.js'
import { toWarning } from '../text/to-warning.js'
import { ChartText, DrawingText } from './drawing-text.js'
import type { PlaceholderRule } from './drawing-text.js'
import { OfficeZip } from './office-zip.js'
import type { Relationship } from './office-zip.js'
import { PagedText } from './paged-text.js'
import { attributeOf, localName, parseXmlBytes, relationshipIdOf } from './parse-xml.js'

const PART_MAX_BYTES = 64 * 1024 * 1024

interface SlideRef {
  readonly part: string
}

/** The slides in presentation order (`p:sldIdLst`), else `slideN.xml` in numeric order. */
async function slideParts(zip: OfficeZip, presentation: string): Promise<SlideRef[]> {
  const relationships = await zip.relationships(presentation)
  const byId = new Map(relationships.map((rel) => [rel.id, rel]))
  const ordered: SlideRef[] = []
  const xml = await zip.read(presentation)
  if (xml !== null) {
    parseXmlBytes(xml, {
      open(name, attributes) {
        if (localName(name) !== 'sldId') return
        const rel = byId.get(relationshipIdOf(attributes) ?? '')
        if (rel !== undefined && zip.has(rel.target)) ordered.push({ part: rel.target })
      },
    })
  }
  if (ordered.length > 0) return ordered
  return zip
    .partNames()
    .map((name) => ({ name, number: /^ppt\/slides\/slide(\d+)\.xml$/iu.exec(name)?.[1] }))
    .filter((entry): entry is { name: string; number: string } => entry.number !== undefined)
    .sort((a, b) => Number(a.number) - Number(b.number))
    .map((entry) => ({ part: entry.name }))
}

/** The text of one DrawingML part and whether it is a hidden slide (`show="0"`). */
async function drawingText(
  zip: OfficeZip,
  part: string,
  placeholders: PlaceholderRule,
): Promise<{ lines: readonly string[]; hidden: boolean }> {
  const xml = await zip.read(part)
  if (xml === null) return { lines: [], hidden: false }
  const reader = new DrawingText(placeholders)
  let hidden = false
  parseXmlBytes(xml, {
    open(name, attributes) {
      if (localName(name) === 'sld' && attributeOf(attributes, 'show') === '0') hidden = true
      reader.open(name, attributes)
    },
    text: (text) => reader.text(text),
    close: (name) => reader.close(name),
  })
  return { lines: reader.lines, hidden }
}

async function chartText(zip: OfficeZip, part: string): Promise<string[]> {
  const xml = await zip.readOptional(part, PART_MAX_BYTES)
  if (xml === null) return []
  const reader = new ChartText()
  parseXmlBytes(xml, reader)
  return reader.values
}

/** Comment texts: `p:cm/p:text` in the 2006 format, `a:t` runs in the modern one. */
async function commentText(zip: OfficeZip, part: string): Promise<string[]> {
  const xml = await zip.readOptional(part, PART_MAX_BYTES)
  if (xml === null) return []
  const comments: string[] = []
  let current = ''
  let capture = 0
  parseXmlBytes(xml, {
    open(name) {
      const local = localName(name)
      if (local === 'cm') current = ''
      else if (local === 'text' || local === 't') capture += 1
    },
    text(text) {
      if (capture > 0) current += text
    },
    close(name) {
      const local = localName(name)
      if (local === 'text' || local === 't') {
        capture -= 1
        current += ' '
      } else if (local === 'cm') {
        const comment = current.replace(/\s+/gu, ' ').trim()
        if (comment !== '') comments.push(comment)
      }
    },
  })
  return comments
}

/** Hand-placed text of the slide's layout and master, each part read once per file. */
async function templateText(
  zip: OfficeZip,
  relationships: readonly Relationship[],
  seen: Set<string>,
): Promise<string[]> {
  const lines: string[] = []
  const layout = relationships.find((rel) => rel.type === 'slideLayout')?.target
  if (layout === undefined) return lines
  const master = (await zip.relationships(layout)).find((rel) => rel.type === 'slideMaster')?.target
  for (const part of [master, layout]) {
    if (part === undefined || seen.has(part)) continue
    seen.add(part)
    lines.push(...(await drawingText(zip, part, 'none')).lines)
  }
  return lines
}

async function readSlide(
  zip: OfficeZip,
  part: string,
  number: number,
  seenTemplates: Set<string>,
): Promise<string> {
  const { lines, hidden } = await drawingText(zip, part, 'all-but-slide-number')
  const relationships = await zip.relationships(part)
  const body = [...lines, ...(await templateText(zip, relationships, seenTemplates))]
  const notes: string[] = []
  const comments: string[] = []
  for (const rel of relationships) {
    if (rel.type === 'chart') body.push(...(await chartText(zip, rel.target)))
    else if (rel.type === 'diagramData')
      body.push(...(await drawingText(zip, rel.target, 'all-but-slide-number')).lines)
    else if (rel.type === 'notesSlide')
      notes.push(...(await drawingText(zip, rel.target, 'notes-body')).lines)
    else if (rel.type === 'comments') comments.push(...(await commentText(zip, rel.target)))
  }
  const sections = [`Slide ${number}${hidden ? ' (hidden)' : ''}`]
  if (body.length > 0) sections.push(body.join('\n'))
  if (notes.length > 0) sections.push(`Notes\n${notes.join('\n')}`)
  if (comments.length > 0) sections.push(`Comments\n${comments.join('\n')}`)
  return sections.join('\n\n')
}

async function readPptx(
  input: ExtractionInput,
  options: ExtractOptions,
): Promise<ExtractionResult> {
  const { limits } = input
  const zip = await OfficeZip.open(input.bytes, limits, input.passwords)
  try {
    const presentation = await zip.mainPart('ppt/presentation.xml')
    if (!zip.has(presentation)) throw new DaleelError('FILE_CORRUPT')
    const slides = await slideParts(zip, presentation)
    const warnings: Warning[] = []
    const paged = new PagedText(limits.maxTextChars)
    const seenTemplates = new Set<string>()
    for (const [index, slide] of slides.entries()) {
      options.signal?.throwIfAborted()
      options.onProgress?.()
      let text: string
      try {
        text = await readSlide(zip, slide.part, index + 1, seenTemplates)
      } catch (error) {
        if (!(error instanceof DaleelError) || error.code !== 'FILE_CORRUPT') throw error
        // One damaged slide does not cost the others.
        warnings.push({ ...toWarning('PAGE_UNREADABLE', { page: index + 1 }), page: index + 1 })
        text = `Slide ${index + 1}`
      }
      if (!paged.add(text)) break
    }
    const metadata: Metadata = await zip.officeProperties()
    const children = await zip.embeddedFiles('ppt/embeddings/', warnings)
    return paged.officeResult({ metadata, children, warnings })
  } finally {
    zip.close()
  }
}

/** Turns a .pptx presentation into a document with one page per slide. */
export class PptxExtractor implements Extractor {
  readonly name = 'pptx'

  extract(input: ExtractionInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
    return readPptx(input, options)
  }
}

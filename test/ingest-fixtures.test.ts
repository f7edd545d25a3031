/** Every fixture through the whole pipeline (sandboxed workers, store): each one ends as the
 *  document or the failure its manifest entry says, so no file is ever lost silently. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDaleel, type Daleel } from '../src/daleel.js'
import { collect } from '../src/store/index.js'

interface Entry {
  file: string
  expect: {
    outcome: 'document' | 'failure'
    code?: string
    textIncludes?: string
    title?: string
    encoding?: string
    warning?: string
    children?: number
  }
}

const manifest = JSON.parse(
  readFileSync(new URL('./fixtures/manifest.json', import.meta.url), 'utf8'),
) as Entry[]
const fixtures = new URL('./fixtures/', import.meta.url).pathname

describe('ingesting every fixture', () => {
  let root: string
  let daleel: Daleel
  let summary: Awaited<ReturnType<Daleel['index']>>
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-fixtures-'))
    const input = join(root, 'in')
    for (const entry of manifest) cpSync(join(fixtures, entry.file), join(input, entry.file))
    daleel = await openDaleel({ store: join(root, 'store') })
    summary = await daleel.index([input], { workers: 2 })
  }, 300_000)
  afterAll(async () => {
    await daleel.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('records a damaged attachment as a failure under its message', async () => {
    const attachment = (await collect(daleel.store.listFailures())).find((f) =>
      f.path.endsWith('hebrew-html-only.eml!/attachment-1.pdf'),
    )
    expect(attachment?.code).toBe('FILE_CORRUPT')
  })

  it('accounts for every input file as a document or a failure', async () => {
    expect(summary.files).toBe(manifest.length)
    const failed = new Set(
      (await collect(daleel.store.listFailures())).map((failure) =>
        failure.path.replace(`${root}/in/`, ''),
      ),
    )
    const documents = new Set(
      (await collect(daleel.store.listDocuments())).map((doc) =>
        doc.path.replace(`${root}/in/`, ''),
      ),
    )
    for (const entry of manifest)
      expect(failed.has(entry.file) || documents.has(entry.file), entry.file).toBe(true)
  })

  for (const entry of manifest) {
    it(`${entry.file} → ${entry.expect.outcome}${entry.expect.code ? ` ${entry.expect.code}` : ''}`, async () => {
      const path = join(root, 'in', entry.file)
      const failure = (await collect(daleel.store.listFailures())).find((f) => f.path === path)
      if (entry.expect.outcome === 'failure') {
        expect(failure?.code).toBe(entry.expect.code)
        expect(failure?.reason.length).toBeGreaterThan(10)
        return
      }
      expect(failure, failure?.reason).toBeUndefined()
      const doc = await daleel.store.getDocument(path)
      expect(doc).not.toBeNull()
      if (!doc) return
      const text = (await daleel.store.getText(doc.id)).normalize('NFKC').replace(/\s+/gu, ' ')
      if (entry.expect.textIncludes) expect(text).toContain(entry.expect.textIncludes)
      if (entry.expect.title) expect(doc.title).toBe(entry.expect.title)
      if (entry.expect.encoding) expect(doc.encoding).toBe(entry.expect.encoding)
      if (entry.expect.warning)
        expect(doc.warnings.map((w) => w.code)).toContain(entry.expect.warning)
      if (entry.expect.children !== undefined)
        expect(await daleel.store.getChildren(doc.id)).toHaveLength(entry.expect.children)
    })
  }
})

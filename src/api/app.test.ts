import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDaleel, type Daleel } from '../daleel.js'
import { hostileMail } from '../../test/e2e/workbench-sample.js'
import { arabicText, englishHtml } from '../../test/support/sample-folder.js'
import { buildApp, workbenchPolicy } from './app.js'
import { openApiDocument } from './openapi.js'

describe('the HTTP API', () => {
  let root: string
  let daleel: Daleel
  let app: FastifyInstance
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-api-'))
    const folder = join(root, 'in')
    mkdirSync(folder)
    writeFileSync(join(folder, 'arabic.txt'), arabicText)
    writeFileSync(join(folder, 'report.html'), englishHtml)
    writeFileSync(join(folder, 'hostile.eml'), hostileMail)
    daleel = await openDaleel({ store: join(root, 'store') })
    await daleel.index([folder], { workers: 1 })
    for await (const doc of daleel.store.listDocuments())
      ids[doc.path.split('/').at(-1) ?? ''] = doc.id
    const webRoot = join(root, 'web')
    mkdirSync(webRoot)
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>workbench</title>')
    app = buildApp(daleel, { webRoot })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await daleel?.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('serves the workbench with a strict policy that allows nothing from elsewhere', async () => {
    const response = await app.inject({ url: '/' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('workbench')
    expect(response.headers['content-security-policy']).toBe(workbenchPolicy)
    expect(workbenchPolicy).toContain("default-src 'self'")
    expect(workbenchPolicy).not.toMatch(/unsafe|https?:|\*/u)
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
  })

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await app.inject({ url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('describes every route it serves in /api/openapi.json', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json<typeof openApiDocument>()
    const paths = Object.entries(document.paths)
    expect(paths.length).toBeGreaterThanOrEqual(20)
    for (const [path, methods] of paths) {
      if ('x-server-mode' in methods) continue
      for (const method of Object.keys(methods)) {
        const url = path.replace(/\{(\w+)\}/gu, ':$1')
        expect(
          app.hasRoute({ method: method.toUpperCase() as 'GET', url }),
          `${method} ${path}`,
        ).toBe(true)
      }
    }
  })

  it('exports what `daleel export` writes, as a download', async () => {
    const ftm = await app.inject({ url: '/api/export?format=ftm' })
    expect(ftm.statusCode).toBe(200)
    expect(ftm.headers['content-disposition']).toMatch(/^attachment/u)
    const entities = ftm.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; schema: string })
    expect(entities.map((e) => e.id)).toContain(`daleel-doc-${ids['arabic.txt']}`)
    const csv = await app.inject({ url: '/api/export?format=csv' })
    expect(csv.body.split('\n')[0]).toBe(
      'document_id,path,sha256,page,start,end,type,value,normalized',
    )
    expect((await app.inject({ url: '/api/export?format=pdf' })).statusCode).toBe(400)
  })

  it('serves an HTML original only as a download that cannot run', async () => {
    const response = await app.inject({ url: `/api/documents/${ids['report.html']}/original` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/octet-stream')
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="report\.html"/u)
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['content-security-policy']).toContain('sandbox')
    expect(response.body).toBe(englishHtml)
  })

  it('sanitises an e-mail body and serves it under a policy with no script and no remote load', async () => {
    const response = await app.inject({ url: `/api/documents/${ids['hostile.eml']}/html` })
    expect(response.statusCode).toBe(200)
    const policy = response.headers['content-security-policy']
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain('img-src data:')
    expect(policy).toContain('sandbox')
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(response.body).toContain('Invoice for the harbour warehouse is attached.')
    expect(response.body).not.toMatch(/<script|onerror|onload|href=|<iframe|<form|<link|url\(/iu)
    expect(response.body).not.toContain('tracker.invalid')
  })

  it('refuses the HTML view of a plain text document', async () => {
    const response = await app.inject({ url: `/api/documents/${ids['arabic.txt']}/html` })
    expect(response.statusCode).toBe(400)
  })

  it('finds every hit of a query inside a document, at the words the reader sees', async () => {
    const id = ids['arabic.txt'] ?? ''
    const response = await app.inject({
      url: `/api/documents/${id}/hits?q=${encodeURIComponent('وزاره الماليه')}`,
    })
    const body = response.json<{ hits: { start: number; end: number }[]; best: number }>()
    const text = await daleel.store.getText(id)
    expect(body.hits.map((hit) => text.slice(hit.start, hit.end))).toEqual(['وزارةُ', 'الماليّة'])
    expect(body.best).toBe(0)
  })

  it('runs a batch of queries, reporting a bad line without stopping', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/search/batch',
      payload: { queries: ['وزارة', '# comment', '', 'lang:', 'Geneva'] },
    })
    const { results } = response.json<{
      results: { query: string; total: number; error?: { code: string } }[]
    }>()
    expect(results.map((line) => [line.query, line.total, line.error?.code])).toEqual([
      ['وزارة', 1, undefined],
      ['lang:', 0, 'QUERY_SYNTAX'],
      ['Geneva', 1, undefined],
    ])
  })

  it('adds and lists notes anchored to a passage, and refuses one outside the text', async () => {
    const docId = ids['arabic.txt'] ?? ''
    const added = await app.inject({
      method: 'POST',
      url: '/api/notes',
      payload: { docId, start: 6, end: 12, text: 'the ministry' },
    })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({ quote: arabicText.slice(6, 12), text: 'the ministry' })
    const listed = (await app.inject({ url: `/api/notes?doc=${docId}` })).json<{
      notes: { text: string }[]
    }>()
    expect(listed.notes.map((note) => note.text)).toEqual(['the ministry'])
    const outside = await app.inject({
      method: 'POST',
      url: '/api/notes',
      payload: { docId, start: 0, end: 100_000, text: 'too far' },
    })
    expect(outside.statusCode).toBe(400)
  })

  it('tags a document and finds it with tag:', async () => {
    const docId = ids['report.html'] ?? ''
    const tagged = await app.inject({
      method: 'POST',
      url: `/api/documents/${docId}/tags`,
      payload: { tag: 'تحويلات' },
    })
    expect(tagged.json()).toMatchObject({ tags: ['تحويلات'] })
    const found = await app.inject({ url: `/api/search?q=${encodeURIComponent('tag:تحويلات')}` })
    expect(found.json<{ hits: { id: string }[] }>().hits.map((hit) => hit.id)).toEqual([docId])
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/documents/${docId}/tags/${encodeURIComponent('تحويلات')}`,
    })
    expect(removed.json()).toMatchObject({ tags: [] })
  })
})

/** Server mode: user A tries every route of the API, with the ids, paths and names of a
 *  collection A may not see. Everything is refused, and nothing of that collection shows in
 *  counts, facets, entity lists or error messages. The routes are taken from /api/openapi.json,
 *  so a route added later is tried too. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/api/index.js'
import { openAuth, type AuthService } from '../src/auth/auth-service.js'
import { openDaleel, type Daleel } from '../src/daleel.js'
import { openApiDocument } from '../src/api/openapi.js'

// What only the hidden collection holds: a word, a name, an address, a file name.
const secret = {
  word: 'zebracorn',
  email: 'whistle@hidden.example',
  file: 'beta-secret-ledger.txt',
  mail: 'beta-mail.eml',
}
const password = 'a long enough secret'

describe('access control in server mode', () => {
  let root: string
  let daleel: Daleel
  let auth: AuthService
  let app: FastifyInstance
  const hidden: { id: string; path: string; sha256: string }[] = []
  let visibleId = ''
  let alice: { cookie: string; csrf: string }
  let bob: { cookie: string; csrf: string }

  const login = async (name: string): Promise<{ cookie: string; csrf: string }> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { name, password },
    })
    expect(response.statusCode, response.body).toBe(200)
    const cookie = String(response.headers['set-cookie']).split(';')[0] ?? ''
    expect(String(response.headers['set-cookie'])).toMatch(/HttpOnly/iu)
    expect(String(response.headers['set-cookie'])).toMatch(/SameSite=Strict/iu)
    return { cookie, csrf: response.json<{ csrf: string }>().csrf }
  }
  const as = (user: { cookie: string; csrf: string }, options: InjectOptions) =>
    app.inject({
      ...options,
      headers: { ...options.headers, cookie: user.cookie, 'x-csrf-token': user.csrf },
    })

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-access-'))
    const alpha = join(root, 'alpha')
    const beta = join(root, 'beta')
    mkdirSync(alpha)
    mkdirSync(beta)
    writeFileSync(
      join(alpha, 'open-note.txt'),
      'The harbour report is public. Contact press@open.example',
    )
    writeFileSync(
      join(beta, secret.file),
      `The ${secret.word} ledger: 2,000,000 USD paid on 3 March 2021. Write to ${secret.email}`,
    )
    writeFileSync(
      join(beta, secret.mail),
      [
        `From: Source <${secret.email}>`,
        'To: Desk <desk@hidden.example>',
        `Subject: ${secret.word} papers`,
        'Date: Mon, 8 Jan 2024 10:00:00 +0000',
        '',
        `The ${secret.word} papers are attached.`,
      ].join('\r\n'),
    )
    daleel = await openDaleel({ store: join(root, 'store') })
    await daleel.index([alpha], { workers: 1, collection: 'alpha' })
    await daleel.index([beta], { workers: 1, collection: 'beta' })
    for await (const doc of daleel.store.listDocuments()) {
      if (doc.collection === 'beta') hidden.push({ id: doc.id, path: doc.path, sha256: doc.sha256 })
      else visibleId = doc.id
    }
    await daleel.store.addTag(hidden[0]?.id ?? '', `${secret.word}-tag`)
    await daleel.store.addNote({
      docId: hidden[0]?.id ?? '',
      start: 0,
      end: 3,
      text: `${secret.word} note`,
      author: null,
    })
    auth = await openAuth(join(root, 'store'))
    await auth.addUser('alice', password, { admin: false })
    await auth.addUser('bob', password, { admin: false })
    await auth.grant('alice', 'alpha', 'reader')
    await auth.grant('bob', 'beta', 'editor')
    app = buildApp(daleel, { auth, webRoot: null })
    await app.ready()
    alice = await login('alice')
    bob = await login('bob')
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await daleel?.close()
    await auth?.close()
    rmSync(root, { recursive: true, force: true })
  })

  /** Nothing of the hidden collection may appear in an answer. */
  const expectNoLeak = (body: string, where: string): void => {
    for (const needle of [
      secret.word,
      secret.email,
      secret.file,
      secret.mail,
      'hidden.example',
      'beta',
      ...hidden.flatMap((doc) => [doc.id, doc.sha256]),
    ]) {
      expect(body.includes(needle), `${where} shows “${needle}”: ${body.slice(0, 300)}`).toBe(false)
    }
  }

  const routes = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => ['get', 'post', 'delete'].includes(key))
      .map((method) => ({ path, method: method.toUpperCase() as 'GET' | 'POST' | 'DELETE' })),
  )

  it('asks for a sign-in on every API route but health, login and the description', async () => {
    for (const { path, method } of routes) {
      if (['/api/health', '/api/login', '/api/openapi.json'].includes(path)) continue
      const url = path.replace(/\{(\w+)\}/gu, (_whole, name: string) =>
        name === 'type' ? 'email' : 'x',
      )
      const response = await app.inject({ method, url, payload: method === 'GET' ? undefined : {} })
      expect(response.statusCode, `${method} ${path}`).toBe(401)
    }
  })

  it('refuses every route that names a document of another collection, by id and by path', async () => {
    for (const { path, method } of routes.filter((r) => r.path.includes('{id}'))) {
      for (const doc of hidden) {
        for (const id of [doc.id, doc.path]) {
          const url = `${path
            .replace('{id}', encodeURIComponent(id))
            .replace('{tag}', `${secret.word}-tag`)}?q=${secret.word}&at=0&length=10`
          const response = await as(alice, {
            method,
            url,
            ...(method === 'POST'
              ? { payload: { tag: 'mine', docId: id, start: 0, end: 3, text: 'x' } }
              : {}),
          })
          expect([403, 404], `${method} ${url} → ${response.statusCode}`).toContain(
            response.statusCode,
          )
          // The error may repeat what was asked; it must add nothing to it.
          const answer = response.body
            .replaceAll(encodeURIComponent(id), '')
            .replaceAll(JSON.stringify(id).slice(1, -1), '')
          expectNoLeak(answer, `${method} ${path}`)
        }
      }
    }
    const note = await as(alice, {
      method: 'POST',
      url: '/api/notes',
      payload: { docId: hidden[0]?.id, start: 0, end: 3, text: 'x' },
    })
    expect([403, 404]).toContain(note.statusCode)
  })

  it('leaves the other collection out of searches, counts, facets, entities and lists', async () => {
    const listings = [
      `/api/search?q=${secret.word}&facets=true`,
      '/api/search?q=*&facets=true&limit=100',
      '/api/search?q=entity:2000000%20USD',
      `/api/search?q=tag:${secret.word}-tag`,
      `/api/search?q=note:${secret.word}`,
      '/api/documents?limit=100',
      '/api/entities?limit=1000',
      `/api/timeline?limit=1000`,
      '/api/graph',
      '/api/tags',
      '/api/notes',
      `/api/notes?q=${secret.word}`,
      '/api/status',
      '/api/collections',
      '/api/failures',
      '/api/export?format=ftm',
      '/api/export?format=csv',
    ]
    for (const url of listings) {
      const response = await as(alice, { url })
      expect([200, 404], `${url} → ${response.statusCode}: ${response.body}`).toContain(
        response.statusCode,
      )
      // A search repeats its query; everything else must be free of the hidden collection.
      expectNoLeak(response.body.replace(/"query":"[^"]*"/u, ''), url)
    }
    const entity = await as(alice, {
      url: `/api/entities/email/${encodeURIComponent(secret.email)}`,
    })
    expect(entity.json()).toMatchObject({ total: 0, mentions: [], coOccurring: [] })
    // It repeats the entity asked for, and adds nothing.
    expectNoLeak(entity.body.replaceAll(secret.email, ''), 'entity page')
    const search = (await as(alice, { url: '/api/search?q=*&facets=true' })).json<{
      total: number
    }>()
    expect(search.total).toBe(1)
    const batch = await as(alice, {
      method: 'POST',
      url: '/api/search/batch',
      payload: { queries: [secret.word, 'harbour'] },
    })
    expect(batch.statusCode).toBe(200)
    expectNoLeak(batch.body.replaceAll(secret.word, ''), 'batch')
    expect(batch.body).toContain('harbour')
    expect((await as(alice, { url: '/api/progress' })).statusCode).toBe(403)
  })

  it('lets readers read and editors annotate, with the CSRF token of their session', async () => {
    expect((await as(alice, { url: `/api/documents/${visibleId}/text` })).statusCode).toBe(200)
    const readerTag = await as(alice, {
      method: 'POST',
      url: `/api/documents/${visibleId}/tags`,
      payload: { tag: 'mine' },
    })
    expect(readerTag.statusCode).toBe(403)
    expect(readerTag.json()).toMatchObject({ error: { code: 'FORBIDDEN' } })
    const target = hidden[0]?.id ?? ''
    const noToken = await app.inject({
      method: 'POST',
      url: `/api/documents/${target}/tags`,
      headers: { cookie: bob.cookie },
      payload: { tag: 'checked' },
    })
    expect(noToken.statusCode).toBe(403)
    expect(noToken.json()).toMatchObject({ error: { code: 'CSRF_INVALID' } })
    const editorTag = await as(bob, {
      method: 'POST',
      url: `/api/documents/${target}/tags`,
      payload: { tag: 'checked' },
    })
    expect(editorTag.statusCode, editorTag.body).toBe(200)
    const seen = await as(bob, { url: `/api/search?q=${secret.word}` })
    expect(seen.json<{ total: number }>().total).toBe(2)
  })

  it('takes an API token instead of a session, and no forged one', async () => {
    const token = await auth.createToken('alice', 'script')
    const ok = await app.inject({
      url: '/api/search?q=harbour',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json<{ total: number }>().total).toBe(1)
    const forged = await app.inject({
      url: '/api/search?q=harbour',
      headers: { authorization: `Bearer ${token.slice(0, -2)}xx` },
    })
    expect(forged.statusCode).toBe(401)
  })

  it('holds back a name after repeated wrong passwords', async () => {
    await auth.addUser('carol', password, { admin: false })
    const attempt = (secretTry: string) =>
      app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { name: 'carol', password: secretTry },
      })
    for (let i = 0; i < 5; i += 1) expect((await attempt(`wrong ${i}`)).statusCode).toBe(401)
    const held = await attempt(password)
    expect(held.statusCode).toBe(429)
    expect(held.json()).toMatchObject({ error: { code: 'LOGIN_THROTTLED' } })
  })

  it('writes searches, views and downloads to an audit log that verifies', async () => {
    await as(alice, { url: '/api/search?q=harbour' })
    await as(alice, { url: `/api/documents/${visibleId}` })
    await as(alice, { url: `/api/documents/${visibleId}/original` })
    await as(alice, { url: '/api/export?format=csv' })
    const entries = await auth.auditEntries()
    const mine = entries.filter((e) => e.actor === 'alice').map((e) => e.action)
    expect(mine).toEqual(
      expect.arrayContaining(['login', 'search', 'document.view', 'document.download', 'export']),
    )
    expect(entries.find((e) => e.action === 'search' && e.detail['q'] === 'harbour')).toBeDefined()
    expect(await auth.verifyAudit()).toEqual([])
  })
})

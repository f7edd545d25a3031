import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, runCli, startServer } from '../support/run-cli.js'
import { writeSampleFolder } from '../support/sample-folder.js'

interface Hit {
  id: string
  path: string
  title: string | null
  lang: string | null
  type: string
  score: number
  snippet: string
  page: number | null
  query?: string
}

describe('daleel CLI, as a user runs it', () => {
  let root: string
  let store: string
  let folder: string
  let firstRun: ReturnType<typeof runCli>

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-cli-'))
    store = join(root, 'store')
    folder = await writeSampleFolder(root)
    firstRun = runCli(['index', folder, '--json'], { store })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const search = (query: string, ...args: string[]): Hit[] => {
    const result = runCli(['search', query, '--json', ...args], { store })
    expect(result.stderr).not.toMatch(/unexpected/u)
    expect(result.code).toBe(0)
    return jsonLines<Hit>(result.stdout).filter((record) => 'id' in record)
  }

  it('indexes a mixed folder, exits 0 and ends with the JSON summary', () => {
    expect(firstRun.code, firstRun.stderr).toBe(0)
    const summary = jsonLines(firstRun.stdout).at(-1)
    expect(summary).toMatchObject({ files: 7, failed: 2, skipped: 0 })
    // 5 readable files + zip members (inner.zip, readme.txt, deep/note.txt) + the mail attachment
    expect(summary?.['documents']).toBe(9)
    expect(typeof summary?.['seconds']).toBe('number')
  })

  it('records every unreadable file as a failure with a code', () => {
    const failures = jsonLines(runCli(['failures', '--json'], { store }).stdout)
    const byName = Object.fromEntries(
      failures.map((f) => [String(f['path']).split('/').at(-1) ?? '', String(f['code'])]),
    )
    expect(byName).toEqual({ 'broken.pdf': 'FILE_CORRUPT', 'empty.txt': 'FILE_EMPTY' })
    for (const failure of failures)
      expect(Object.keys(failure).sort()).toEqual(['code', 'path', 'reason'])
  })

  it('finds Arabic written without diacritics, with other letter forms and without prefixes', () => {
    for (const query of [
      'وزارة المالية',
      'وزاره الماليه',
      'التحويلات',
      'تحويلات',
      '"وزارة المالية"',
      'المستثمرين',
      '250000',
    ]) {
      const hits = search(query)
      expect(
        hits.map((h) => h.path.split('/').at(-1)),
        query,
      ).toContain('arabic-utf8.txt')
    }
  })

  it('finds Hebrew with and without prefix letters, and geresh acronyms', () => {
    for (const query of ['משרד האוצר', 'האוצר', 'אוצר', 'צה"ל', 'בנייה']) {
      expect(
        search(query).map((h) => h.path.split('/').at(-1)),
        query,
      ).toContain('hebrew-1255.txt')
    }
  })

  it('gives each hit the contract fields with a snippet that shows the real text', () => {
    const [hit] = search('"وزارة المالية"')
    expect(hit).toBeDefined()
    expect(Object.keys(hit ?? {})).toEqual(
      expect.arrayContaining(['id', 'path', 'title', 'lang', 'type', 'score', 'snippet', 'page']),
    )
    expect(hit?.snippet).toContain('وزارةُ الماليّة')
    expect(hit?.lang).toBe('ar')
    expect(hit?.type).toBe('text')
  })

  it('reaches documents inside nested containers by their !/ path', () => {
    const [hit] = search('harbour warehouse')
    expect(hit?.path).toBe(`${folder}/bundle.zip!/inner.zip!/deep/note.txt`)
    const shown = jsonLines(runCli(['show', hit?.path ?? '', '--json'], { store }).stdout)[0]
    const parent = jsonLines(
      runCli(['show', String(shown?.['parent']), '--json'], { store }).stdout,
    )[0]
    expect(parent?.['path']).toBe(`${folder}/bundle.zip!/inner.zip`)
  })

  it('indexes mail headers as metadata and attachments as children', () => {
    const [mail] = search('shell companies')
    expect(mail?.type).toBe('email')
    expect(mail?.title).toBe('تقرير التحويلات')
    const shown = jsonLines(runCli(['show', mail?.id ?? '', '--json'], { store }).stdout)[0] as {
      metadata: Record<string, unknown>
      children: { path: string }[]
    }
    expect(String(shown.metadata['from'])).toContain('sara@example.org')
    expect(shown.children.map((c) => c.path.split('!/').at(-1))).toEqual(['ledger.txt'])
    expect(search('Cedar Holdings')[0]?.path).toMatch(/message\.eml!\/ledger\.txt$/u)
  })

  it('drops scripts from HTML and reads the title', () => {
    expect(search('evil')).toEqual([])
    expect(search('Geneva')[0]?.title).toBe('Quarterly transfers')
  })

  it('writes the original bytes unchanged with show --original', () => {
    const path = join(folder, 'hebrew-1255.txt')
    const result = runCli(['show', path, '--original'], { store })
    expect(result.code).toBe(0)
    expect(result.stdoutBytes.equals(readFileSync(path))).toBe(true)
    const shown = jsonLines(runCli(['show', path, '--json'], { store }).stdout)[0]
    expect(shown?.['encoding']).toBe('windows-1255')
  })

  it('adds nothing twice when the same folder is indexed again, and re-reads a changed file', () => {
    const again = jsonLines(runCli(['index', folder, '--json'], { store }).stdout).at(-1)
    expect(again).toMatchObject({ files: 7, documents: 0, failed: 0, skipped: 7 })
    const listed = jsonLines(runCli(['list', '--json'], { store }).stdout)
    expect(listed).toHaveLength(9)
    expect(new Set(listed.map((d) => d['path'])).size).toBe(9)
    // Touched but not changed: skipped, and its documents stay.
    const touched = join(folder, 'arabic-utf8.txt')
    utimesSync(touched, new Date(), new Date(Date.now() + 5000))
    const afterTouch = jsonLines(runCli(['index', folder, '--json'], { store }).stdout).at(-1)
    expect(afterTouch).toMatchObject({ documents: 0, skipped: 7 })
    expect(search('التحويلات').map((h) => h.path)).toContain(touched)
    writeFileSync(
      join(folder, 'report.html'),
      '<html><title>Changed</title><body>Now about Zurich.</body></html>',
    )
    const changed = jsonLines(runCli(['index', folder, '--json'], { store }).stdout).at(-1)
    expect(changed).toMatchObject({ documents: 1, skipped: 6 })
    expect(search('Geneva')).toEqual([])
    expect(search('Zurich')).toHaveLength(1)
  })

  it('lists documents with the contract fields', () => {
    const [record] = jsonLines(runCli(['list', '--json'], { store }).stdout)
    expect(Object.keys(record ?? {}).sort()).toEqual([
      'id',
      'lang',
      'parent',
      'path',
      'sha256',
      'size',
      'type',
    ])
  })

  it('pages through every hit with --offset and counts facets', () => {
    const all = search('*', '--limit', '100')
    expect(all).toHaveLength(9)
    const pages = [0, 3, 6].flatMap((offset) =>
      search('*', '--limit', '3', '--offset', String(offset)).map((h) => h.id),
    )
    expect(new Set(pages).size).toBe(9)
    const facets = jsonLines(runCli(['search', '*', '--facets', '--json'], { store }).stdout).find(
      (r) => 'facets' in r,
    )
    expect(facets?.['facets']).toMatchObject({
      type: expect.objectContaining({ text: expect.any(Number) as number, email: 1 }) as object,
    })
  })

  it('filters by language and type', () => {
    expect(search('lang:he').map((h) => h.path.split('/').at(-1))).toEqual(['hebrew-1255.txt'])
    expect(search('type:email').map((h) => h.type)).toEqual(['email'])
    expect(search('transfers OR warehouse -type:html').map((h) => h.type)).toEqual(['text'])
  })

  it('runs a batch of queries, one per line, tagging each hit with its query', () => {
    const file = join(root, 'names.txt')
    writeFileSync(file, 'Cedar Holdings\n# a comment\nמשרד האוצר\n\nnothing-matches-this\n')
    const hits = jsonLines<Hit>(runCli(['search', '--batch', file, '--json'], { store }).stdout)
    expect(hits.map((h) => h.query)).toEqual(['Cedar Holdings', 'משרד האוצר'])
  })

  it('explains a query syntax error and exits 2', () => {
    const result = runCli(['search', '(unclosed AND'], { store })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/could not be read near/u)
    expect(result.stdout).toBe('')
  })

  it('answers --help with exit 0 and a bad option with exit 2', () => {
    const help = runCli(['search', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/--offset/u)
    expect(runCli(['search', 'x', '--limit', 'many'], { store }).code).toBe(2)
    expect(runCli(['frobnicate']).code).toBe(2)
    expect(runCli(['index', join(root, 'no-such-folder')], { store }).code).toBe(2)
    expect(runCli(['show', 'no-such-id'], { store }).code).toBe(2)
  })

  it('cites a passage with its page, hash and exact quote', () => {
    const [hit] = search('"وزارة المالية"')
    const offset = (hit as unknown as { offset: number }).offset
    const citation = jsonLines(
      runCli(['cite', hit?.id ?? '', '--at', `${offset}:20`, '--json'], { store }).stdout,
    )[0]
    const text = runCli(['show', hit?.id ?? '', '--text'], { store }).stdout
    expect(citation).toMatchObject({
      path: hit?.path,
      offset,
      length: 20,
      quote: text.slice(offset, offset + 20),
    })
    expect(String(citation?.['sha256'])).toMatch(/^[0-9a-f]{64}$/u)
  })

  it('passes the integrity check, and fails it when an original is altered', () => {
    expect(runCli(['status', '--check'], { store }).code).toBe(0)
    const status = jsonLines(runCli(['status', '--json'], { store }).stdout)[0]
    expect(status).toMatchObject({ documents: 9, failed: 2 })
    const originals = join(store, 'originals')
    const first = readdirSync(originals)[0] ?? ''
    const second = readdirSync(join(originals, first))[0] ?? ''
    const file = join(
      originals,
      first,
      second,
      readdirSync(join(originals, first, second))[0] ?? '',
    )
    const saved = readFileSync(file)
    writeFileSync(file, 'tampered')
    const check = runCli(['status', '--check'], { store })
    expect(check.code).toBe(1)
    expect(check.stdout).toMatch(/original altered/u)
    writeFileSync(file, saved)
    expect(statSync(file).size).toBe(saved.length)
  })

  it('serves the same hits over HTTP as the CLI prints', async () => {
    const server = await startServer(store)
    try {
      const health: unknown = await (await fetch(`${server.url}/api/health`)).json()
      expect(health).toEqual({ ok: true })
      for (const query of ['وزارة المالية', 'משרד', 'transfers OR warehouse']) {
        const api = (await (
          await fetch(`${server.url}/api/search?q=${encodeURIComponent(query)}`)
        ).json()) as { hits: Hit[] }
        expect(api.hits.map((h) => [h.id, h.snippet, h.page])).toEqual(
          search(query).map((h) => [h.id, h.snippet, h.page]),
        )
      }
      const bad = await fetch(`${server.url}/api/search?q=${encodeURIComponent('"a" ~x (')}`)
      expect(bad.status).toBe(400)
      expect(((await bad.json()) as { error: { code: string } }).error.code).toMatch(/^QUERY_/u)
    } finally {
      await server.stop()
    }
  })
})

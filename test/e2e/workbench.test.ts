/// <reference lib="dom" />
/** The web workbench in a real browser (Debian's chromium, driven by playwright-core): what an
 *  investigator does in a day, on a small collection indexed with the CLI. One browser and one
 *  server for the whole file; the tests run in order and build on each other (a note added in
 *  one is searched in the next). Set DALEEL_SCREENSHOTS=docs/screenshots to refresh the
 *  screenshots of the main views. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli, startServer } from '../support/run-cli.js'
import { remoteHost, writeWorkbenchSample } from './workbench-sample.js'

const chromiumPath = '/usr/bin/chromium'
const screenshots = process.env['DALEEL_SCREENSHOTS']
  ? resolve(repoRoot, process.env['DALEEL_SCREENSHOTS'])
  : null

describe('the web workbench, in chromium', () => {
  let root: string
  let server: { url: string; stop: () => Promise<void> }
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const consoleErrors: string[] = []
  const remoteRequests: string[] = []
  const dialogs: string[] = []

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-e2e-'))
    const folder = await writeWorkbenchSample(root)
    const store = join(root, 'store')
    const indexed = runCli(['index', folder, '--workers', '2', '-q'], { store })
    expect(indexed.code, indexed.stderr).toBe(0)
    server = await startServer(store)
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--headless=new',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--no-first-run',
      ],
    })
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      acceptDownloads: true,
    })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    // Any message a hostile frame manages to post to the workbench is recorded here.
    await context.addInitScript(() => {
      const seen: unknown[] = []
      Object.defineProperty(window, '__messages', { value: seen })
      window.addEventListener('message', (event: MessageEvent<unknown>) => seen.push(event.data))
    })
    page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`))
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    context.on('request', (request) => {
      const url = new URL(request.url())
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http'))
        remoteRequests.push(request.url())
    })
    if (screenshots) mkdirSync(screenshots, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(root, { recursive: true, force: true })
  })

  const shoot = async (name: string): Promise<void> => {
    if (screenshots) await page.screenshot({ path: join(screenshots, `${name}.png`) })
  }

  const search = async (query: string): Promise<void> => {
    await page.goto(`${server.url}/#/search`)
    await page.fill('input[name="q"]', query)
    await page.press('input[name="q"]', 'Enter')
    await page.waitForSelector('[data-testid="total"]')
  }

  it('finds the Arabic PDF by a variant spelling and opens the hit on its page', async () => {
    // The document writes مكتب الأمل (with hamza); the query does not.
    await search('"مكتب الامل"')
    const hits = page.locator('[data-testid="hit"]')
    expect(await hits.count()).toBe(1)
    expect(await hits.first().locator('mark').allTextContents()).toEqual(['مكتب', 'الأمل'])
    expect(await hits.first().textContent()).toContain('page 3')
    await shoot('search-arabic')

    await hits.first().locator('a.hit-title').click()
    const current = page.locator('mark.doc-hit.current')
    await current.waitFor()
    expect(await current.textContent()).toBe('مكتب الأمل')
    // The highlight sits in the text of page 3, scrolled into view, and the PDF shows page 3.
    expect(
      await current.evaluate((mark) => mark.closest('section')?.getAttribute('data-page')),
    ).toBe('3')
    expect(
      await current.evaluate((mark) => {
        const box = mark.getBoundingClientRect()
        const frame = mark.closest('.doc-text')?.getBoundingClientRect()
        return Boolean(frame) && box.top >= (frame?.top ?? 0) && box.bottom <= (frame?.bottom ?? 0)
      }),
    ).toBe(true)
    await page.waitForSelector('[data-testid="pdf-page"][data-page="3"]', { timeout: 20_000 })
    expect(await page.textContent('[data-testid="hit-position"]')).toBe('hit 1 of 1')
    const drawn = await page
      .locator('.pdf-page canvas')
      .evaluate((canvas: HTMLCanvasElement) => canvas.width > 100 && canvas.height > 100)
    expect(drawn).toBe(true)
    await shoot('document-pdf')
  })

  it('gives every paragraph the direction of its own script', async () => {
    const arabic = page.locator('.document-text p', { hasText: 'التحويلات' }).first()
    expect(await arabic.getAttribute('dir')).toBe('rtl')
    const hebrew = page.locator('.document-text p', { hasText: 'שקלים' }).first()
    expect(await hebrew.getAttribute('dir')).toBe('rtl')
    // An English sentence that quotes an Arabic name stays left-to-right.
    const english = page.locator('.document-text p', { hasText: 'quick brown fox' }).first()
    expect(await english.getAttribute('dir')).toBe('ltr')
  })

  it('copies the citation of a selected passage', async () => {
    await page.locator('mark.doc-hit.current').evaluate((mark) => {
      const range = document.createRange()
      range.selectNodeContents(mark)
      const selection = document.getSelection()
      selection?.removeAllRanges()
      selection?.addRange(range)
    })
    await page.waitForSelector('[data-testid="cite"]')
    await page.click('[data-testid="cite"]')
    await page.waitForSelector('[data-testid="citation"]')
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Record<
      string,
      unknown
    >
    expect(copied).toMatchObject({ quote: 'مكتب الأمل', page: 3, length: 10 })
    expect(copied['sha256']).toMatch(/^[0-9a-f]{64}$/u)
    expect(String(copied['path'])).toMatch(/arabic-hebrew\.pdf$/u)
    expect(Object.keys(copied).sort()).toEqual(
      ['length', 'offset', 'page', 'path', 'quote', 'sha256', 'title'].sort(),
    )
  })

  it('adds a note anchored to the passage, and finds it again', async () => {
    await page.click('[data-testid="add-note"]')
    await page.fill('[data-testid="note-text"]', 'Payee of the 300 dollar transfer')
    await page.click('[data-testid="save-note"]')
    await page.click('[data-tab="notes"]')
    const note = page.locator('[data-testid="notes"] .note').first()
    await note.waitFor()
    expect(await note.textContent()).toContain('مكتب الأمل')
    // The passage is marked in the text as noted.
    expect(await page.locator('.document-text mark.noted').count()).toBeGreaterThan(0)
    // Notes are searchable, on the notes page and with note: in the query language.
    await page.goto(`${server.url}/#/notes?q=payee`)
    await page.waitForSelector('[data-testid="all-notes"] .note')
    expect(await page.textContent('[data-testid="all-notes"]')).toContain('Payee')
    await search('note:payee')
    expect(await page.locator('[data-testid="hit"]').count()).toBe(1)
  })

  it('tags a document and finds it with tag:', async () => {
    await search('"مكتب الامل"')
    await page.click('[data-testid="hit"] a.hit-title')
    await page.fill('[data-testid="tag-input"]', 'key-evidence')
    await page.press('[data-testid="tag-input"]', 'Enter')
    await page.waitForSelector('[data-testid="tags"] .tag')
    await search('tag:key-evidence')
    expect(await page.locator('[data-testid="hit"]').count()).toBe(1)
    expect(await page.textContent('[data-facet="tag"]')).toContain('key-evidence')
  })

  it('draws the graph and the timeline of an entity; a point opens its passage', async () => {
    await page.goto(`${server.url}/#/entity/email/omar@example.org`)
    await page.waitForSelector('[data-testid="mention"]')
    // Omar received mail from Sara and from Mallory: both are in his graph.
    await page.waitForSelector('[data-testid="graph"][data-rendered]')
    const nodes = Number(await page.getAttribute('[data-testid="graph"]', 'data-rendered'))
    expect(nodes).toBeGreaterThanOrEqual(3)
    expect(await page.locator('[data-testid="graph"] canvas').count()).toBeGreaterThan(0)
    await page.waitForSelector('[data-testid="timeline"] circle')
    const points = await page.locator('[data-testid="timeline"] circle').count()
    expect(points).toBeGreaterThanOrEqual(2)
    await shoot('entity')
    await page.locator('[data-testid="timeline"] a.timeline-point').first().click()
    await page.waitForSelector('[data-testid="document-text"] [data-focus]')
    expect(await page.locator('[data-focus]').first().textContent()).toMatch(/\d/u)
  })

  it('mirrors the layout when the interface switches to Arabic or Hebrew', async () => {
    await search('وزارة OR משרד OR transfers')
    const facetsLeft = async (): Promise<boolean> => {
      const facets = await page.locator('.results-facets').boundingBox()
      const results = await page.locator('.results').boundingBox()
      return (facets?.x ?? 0) < (results?.x ?? 0)
    }
    expect(await page.getAttribute('html', 'dir')).toBe('ltr')
    expect(await facetsLeft()).toBe(true)
    await page.selectOption('[data-testid="locale"]', 'ar')
    await page.waitForFunction(() => document.documentElement.lang === 'ar')
    expect(await page.getAttribute('html', 'dir')).toBe('rtl')
    expect(await page.getAttribute('html', 'lang')).toBe('ar')
    expect(await page.textContent('.app-nav')).toContain('بحث')
    expect(await facetsLeft()).toBe(false)
    await shoot('search-rtl-arabic-interface')
    await page.selectOption('[data-testid="locale"]', 'he')
    await page.waitForFunction(() => document.documentElement.lang === 'he')
    expect(await page.getAttribute('html', 'lang')).toBe('he')
    expect(await page.textContent('.app-nav')).toContain('חיפוש')
    expect(await facetsLeft()).toBe(false)
    // The choice is remembered over a reload; the browser's language is the default.
    await page.reload()
    await page.waitForSelector('[data-testid="total"]')
    expect(await page.getAttribute('html', 'dir')).toBe('rtl')
    await page.selectOption('[data-testid="locale"]', 'en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    expect(await page.getAttribute('html', 'dir')).toBe('ltr')
  })

  it('shows a hostile e-mail that runs no script and loads nothing remote', async () => {
    await search('harbour warehouse invoice')
    await page.locator('[data-testid="hit"] a.hit-title', { hasText: 'Invoice' }).click()
    const frameElement = await page.waitForSelector('[data-testid="html-view"]')
    expect(await frameElement.getAttribute('sandbox')).toBe('')
    // Only lifecycle events are watched in the frame: evaluating anything in it from the test
    // would itself be script, which the sandbox (rightly) blocks and reports.
    const frame = await frameElement.contentFrame()
    await frame?.waitForLoadState('load')
    await page.waitForTimeout(500)
    expect(
      await page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages),
    ).toEqual([])
    expect(dialogs).toEqual([])
    expect(remoteRequests).toEqual([])
    const id = page.url().split('/doc/')[1]?.split('?')[0] ?? ''
    const response = await page.request.get(`${server.url}/api/documents/${id}/html`)
    // What the sanitiser left: the text, and no script, handler, link target or remote reference.
    const html = await response.text()
    expect(html).toContain('Invoice for the harbour warehouse is attached.')
    expect(html).not.toMatch(/<script|onerror|onload|href=|<iframe|<form|<link|url\(/iu)
    expect(html).not.toContain(remoteHost)
    // The frame runs under its own policy, in a sandbox even when opened on its own.
    expect(response.headers()['content-security-policy']).toMatch(/default-src 'none'.*sandbox/u)
  })

  it('runs a batch of names and exports the counts as CSV', async () => {
    await page.goto(`${server.url}/#/batch`)
    await page.fill('[data-testid="batch-input"]', 'وزاره\nמשרד\ntransfers\n# a comment\nzzqqxx')
    await page.click('[data-testid="batch-run"]')
    const rows = page.locator('[data-testid="batch-results"] tbody tr')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(4)
    expect(await rows.nth(0).locator('td.number').textContent()).toBe('1')
    expect(await rows.nth(3).locator('td.number').textContent()).toBe('0')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="batch-export"]'),
    ])
    const csv = readFileSync((await download.path()) ?? '', 'utf8')
    expect(csv.split('\r\n')[0]).toBe('\uFEFFquery,hits,error,top_id,top_path,top_page')
    expect(csv).toContain('وزاره,1,')
    expect(csv).toContain('zzqqxx,0,')
  })

  it('keeps every view usable on a 390×844 phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    const views = [
      `#/search?q=${encodeURIComponent('"مكتب الامل"')}`,
      '#/explore',
      '#/batch',
      '#/notes',
      '#/entity/email/omar@example.org',
    ]
    for (const view of views) {
      await page.goto(`${server.url}/${view}`)
      await page.waitForLoadState('networkidle')
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, view).toBeLessThanOrEqual(0)
    }
    await page.goto(`${server.url}/#/search?q=${encodeURIComponent('"מְשׂרד האוצר"')}`)
    await page.waitForSelector('[data-testid="hit"]')
    await page.click('[data-testid="hit"] a.hit-title')
    await page.waitForSelector('mark.doc-hit.current')
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(0)
    await shoot('mobile-document-hebrew')
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  it('logged no console error on any view', () => {
    expect(consoleErrors).toEqual([])
    expect(remoteRequests).toEqual([])
  })
})

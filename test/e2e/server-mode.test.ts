/// <reference lib="dom" />
/** The workbench in server mode (`daleel serve --auth`), in a real browser (Debian's chromium,
 *  driven by playwright-core): the sign-in view, a reader who sees only their collection and is
 *  told why a change is refused, signing out, and an editor whose changes carry the session's
 *  CSRF token, also after a reload. Two collections indexed and two users added with the CLI;
 *  one server and one browser for the whole file, and the tests run in order. */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, startServer } from '../support/run-cli.js'

const chromiumPath = '/usr/bin/chromium'
const password = 'a long enough secret'
const screenshots = process.env['DALEEL_SCREENSHOTS']
  ? resolve(repoRoot, process.env['DALEEL_SCREENSHOTS'])
  : null

/** Runs `daleel ARGS… --store STORE -q` with `input` on stdin, as `echo … | daleel user add`
 *  would, and fails with its stderr unless it exits with 0. */
async function daleel(args: readonly string[], store: string, input = ''): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin/daleel'), ...args, '--store', store, '-q'],
    { cwd: repoRoot, stdio: ['pipe', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  child.stdin.end(input)
  const code = await new Promise<number | null>((done) => child.on('close', done))
  expect(code, `daleel ${args.join(' ')}: ${stderr}`).toBe(0)
}

describe('the workbench in server mode, in chromium', () => {
  let root: string
  let server: { url: string; stop: () => Promise<void> }
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []
  const csrfHeaders: (string | undefined)[] = []

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-server-mode-'))
    const alpha = join(root, 'alpha')
    const beta = join(root, 'beta')
    mkdirSync(alpha)
    mkdirSync(beta)
    writeFileSync(
      join(alpha, 'harbour-report.txt'),
      'The harbour report of the port authority is public. Shipments arrived in March.',
    )
    writeFileSync(
      join(beta, 'harbour-ledger.txt'),
      'The harbour ledger of the zebracorn company lists the transfers paid in cash.',
    )
    const store = join(root, 'store')
    // Each CLI run costs seconds on 2 cores: chromium starts meanwhile, and once the first run
    // has made the store, the second collection and the accounts (auth.db) are set up at once.
    const launched = chromium.launch({
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
    await daleel(['index', alpha, '--collection', 'alpha', '--workers', '1'], store)
    await Promise.all([
      daleel(['index', beta, '--collection', 'beta', '--workers', '1'], store),
      (async () => {
        await daleel(['user', 'add', 'rana'], store, `${password}\n`)
        await daleel(['user', 'grant', 'rana', 'alpha', 'reader'], store)
      })(),
      (async () => {
        await daleel(['user', 'add', 'eitan'], store, `${password}\n`)
        await daleel(['user', 'grant', 'eitan', 'beta', 'editor'], store)
      })(),
    ])
    server = await startServer(store, ['--auth'])
    browser = await launched
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    })
    page = await context.newPage()
    if (screenshots) mkdirSync(screenshots, { recursive: true })
    // 401s and 403s are this mode's answers and chromium logs each one; script errors are bugs.
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[13]/u.test(message.text()))
        pageErrors.push(`${page.url()}: ${message.text()}`)
    })
    page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().includes('/api/notes'))
        csrfHeaders.push(request.headers()['x-csrf-token'])
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(root, { recursive: true, force: true })
  })

  const shoot = async (name: string): Promise<void> => {
    if (screenshots) await page.screenshot({ path: join(screenshots, `${name}.png`) })
  }

  const signIn = async (name: string, secret: string): Promise<void> => {
    await page.fill('[data-testid="sign-in"] input[name="name"]', name)
    await page.fill('[data-testid="sign-in"] input[name="password"]', secret)
    await page.click('[data-testid="sign-in"] button[type="submit"]')
  }

  const search = async (query: string): Promise<void> => {
    await page.goto(`${server.url}/#/search`)
    await page.fill('input[name="q"]', query)
    await page.press('input[name="q"]', 'Enter')
    await page.waitForSelector('[data-testid="total"]')
  }

  /** Selects the current hit of the open document, as a mouse would. */
  const selectCurrentHit = async (): Promise<void> => {
    await page.locator('mark.doc-hit.current').evaluate((mark) => {
      const range = document.createRange()
      range.selectNodeContents(mark)
      document.getSelection()?.removeAllRanges()
      document.getSelection()?.addRange(range)
    })
    await page.waitForSelector('[data-testid="add-note"]')
  }

  it('asks for a sign-in, mirrored in Arabic, and shows the server’s message for a wrong password', async () => {
    await page.goto(`${server.url}/#/search?q=harbour`)
    await page.waitForSelector('[data-testid="sign-in"]')
    expect(await page.locator('.app-nav a').count()).toBe(0)
    await page.selectOption('[data-testid="locale"]', 'ar')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    expect(await page.textContent('[data-testid="sign-in"] h1')).toBe('تسجيل الدخول')
    await shoot('sign-in-arabic')
    await page.selectOption('[data-testid="locale"]', 'en')
    await page.waitForFunction(() => document.documentElement.dir === 'ltr')

    await signIn('rana', 'not the password')
    const error = page.locator('[data-testid="sign-in-error"]')
    await error.waitFor()
    expect(await error.textContent()).toBe('The name or the password is wrong.')
    expect(await page.inputValue('[data-testid="sign-in"] input[name="password"]')).toBe('')
  })

  it('signs a reader in on the view they asked for, showing only their collection', async () => {
    await signIn('rana', password)
    // The search the sign-in interrupted runs now.
    await page.waitForSelector('[data-testid="total"]')
    expect(await page.textContent('[data-testid="account"]')).toBe('rana')
    const hits = page.locator('[data-testid="hit"]')
    expect(await hits.count()).toBe(1)
    expect(await hits.first().textContent()).toContain('harbour-report.txt')
    await search('zebracorn')
    expect(await page.textContent('[data-testid="total"]')).toBe('No document matches.')
  })

  it('tells a reader that their role does not allow a tag or a note', async () => {
    await search('harbour')
    await page.click('[data-testid="hit"] a.hit-title')
    await page.waitForSelector('mark.doc-hit.current')
    await page.fill('[data-testid="tag-input"]', 'suspicious')
    await page.press('[data-testid="tag-input"]', 'Enter')
    const tagRefusal = page.locator('[data-testid="tags"] [data-testid="refused"]')
    await tagRefusal.waitFor()
    expect(await tagRefusal.textContent()).toMatch(/^Not allowed: .*editor needed/u)
    expect(await page.locator('[data-testid="tags"] .tag').count()).toBe(0)

    await selectCurrentHit()
    await page.click('[data-testid="add-note"]')
    await page.fill('[data-testid="note-text"]', 'A reader may not write this')
    await page.click('[data-testid="save-note"]')
    const noteRefusal = page.locator('[data-testid="selection"] [data-testid="refused"]')
    await noteRefusal.waitFor()
    expect(await noteRefusal.textContent()).toContain('editor needed')
    await shoot('reader-refused')
    // The refusal came from the role, not from a missing CSRF token.
    expect(csrfHeaders.at(-1)).toMatch(/\S{16,}/u)
  })

  it('signs out to the sign-in view, and the session is over on the server too', async () => {
    await page.click('[data-testid="sign-out"]')
    await page.waitForSelector('[data-testid="sign-in"]')
    expect(await page.locator('[data-testid="account"]').count()).toBe(0)
    expect((await page.request.get(`${server.url}/api/status`)).status()).toBe(401)
    await page.reload()
    await page.waitForSelector('[data-testid="sign-in"]')
    // The next user starts from the search rather than from a document of the reader's.
    await page.goto(`${server.url}/#/search`)
  })

  it('lets an editor add a note, also after a reload has dropped the token from memory', async () => {
    await signIn('eitan', password)
    await page.waitForSelector('[data-testid="account"]')
    // Another user: nothing of the reader's search is shown from a cache.
    await search('harbour')
    const hits = page.locator('[data-testid="hit"]')
    expect(await hits.count()).toBe(1)
    expect(await hits.first().textContent()).toContain('harbour-ledger.txt')
    await hits.first().locator('a.hit-title').click()
    await page.waitForSelector('mark.doc-hit.current')

    await page.reload()
    await page.waitForSelector('mark.doc-hit.current')
    expect(await page.textContent('[data-testid="account"]')).toBe('eitan')
    await selectCurrentHit()
    await page.click('[data-testid="add-note"]')
    await page.fill('[data-testid="note-text"]', 'Cash transfers: ask the port authority')
    await page.click('[data-testid="save-note"]')
    await page.click('[data-tab="notes"]')
    const note = page.locator('[data-testid="notes"] .note').first()
    await note.waitFor()
    expect(await note.textContent()).toContain('Cash transfers')
    expect(await page.locator('[data-testid="refused"]').count()).toBe(0)

    await page.fill('[data-testid="tag-input"]', 'cash')
    await page.press('[data-testid="tag-input"]', 'Enter')
    await page.waitForSelector('[data-testid="tags"] .tag')
    expect(await page.textContent('[data-testid="tags"] .tag')).toContain('cash')
  })

  it('ran no script error on any view', () => {
    expect(pageErrors).toEqual([])
  })
})

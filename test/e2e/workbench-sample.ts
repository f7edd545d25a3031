/** The collection the workbench tests read: the shared sample folder (Arabic, Hebrew, English,
 *  mail, nested archives), a five-page Arabic and Hebrew PDF, and a hostile e-mail whose HTML
 *  body tries every way to run script or call out. */
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../support/run-cli.js'
import { writeSampleFolder } from '../support/sample-folder.js'

/** The host every remote reference in the hostile message points at; no request may reach it. */
export const remoteHost = 'tracker.invalid'

export const hostileMail = [
  'From: Mallory <mallory@example.net>',
  'To: Omar Haddad <omar@example.org>',
  'Subject: Invoice for the harbour warehouse',
  'Date: Tue, 9 Jan 2024 09:00:00 +0000',
  'Message-ID: <hostile@example.net>',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><head><script>parent.postMessage("script-ran","*")</script>',
  `<link rel="stylesheet" href="http://${remoteHost}/style.css"></head>`,
  '<body><p id="greeting">Invoice for the harbour warehouse is attached.</p>',
  '<img src="x" onerror="parent.postMessage(\'onerror-ran\',\'*\')">',
  `<img src="http://${remoteHost}/pixel.png" alt="pixel">`,
  '<a id="bad-link" href="javascript:parent.postMessage(\'link-ran\',\'*\')">open the invoice</a>',
  `<div style="background-image:url(http://${remoteHost}/bg.png)">styled</div>`,
  `<iframe src="http://${remoteHost}/frame"></iframe>`,
  "<svg onload=\"parent.postMessage('svg-ran','*')\"></svg>",
  `<form action="http://${remoteHost}/steal"><input name="a"></form>`,
  '</body></html>',
  '',
].join('\r\n')

/** Creates the folder under `root` and returns its path. */
export async function writeWorkbenchSample(root: string): Promise<string> {
  const dir = await writeSampleFolder(root)
  copyFileSync(
    join(repoRoot, 'test/fixtures/pdf/libreoffice-arabic-hebrew.pdf'),
    join(dir, 'arabic-hebrew.pdf'),
  )
  writeFileSync(join(dir, 'mail', 'hostile.eml'), hostileMail)
  return dir
}

/** Finds the programs Daleel is measured against (Recoll, ripgrep, poppler, tesseract) and
 *  autocannon, with their versions. A missing peer is reported with the package that provides
 *  it; the sections that need it then say "not measured" instead of failing. */

import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

export type PeerName = 'recoll' | 'rg' | 'pdftotext' | 'tesseract' | 'autocannon'

export interface Peer {
  readonly name: PeerName
  readonly available: boolean
  /** The version line, or why the peer cannot be used. */
  readonly detail: string
  /** How to install it on Debian (or with npm). */
  readonly install: string
}

export type Peers = Readonly<Record<PeerName, Peer>>

function versionLine(command: string, args: readonly string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  if (result.error || result.status !== 0) return null
  const text = `${result.stdout}\n${result.stderr}`.trim()
  return text.split('\n')[0]?.trim() ?? ''
}

/** Recoll runs its Python filters with `python3` from PATH; Debian's own comes first. */
export const peerPath = `/usr/bin:/bin:${process.env['PATH'] ?? ''}`

function findRecoll(): Peer {
  const install =
    'apt-get install recollcmd (optionally antiword unrtf python3-lxml for more formats)'
  const version = versionLine('recollq', ['-v'])
  const indexer = spawnSync('recollindex', ['-h'], { encoding: 'utf8' })
  if (version === null || indexer.error) {
    return { name: 'recoll', available: false, detail: 'recollindex/recollq not found', install }
  }
  return { name: 'recoll', available: true, detail: version, install }
}

function findTesseract(): Peer {
  const install = 'apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-heb'
  const version = versionLine('tesseract', ['--version'])
  if (version === null) {
    return { name: 'tesseract', available: false, detail: 'tesseract not found', install }
  }
  return { name: 'tesseract', available: true, detail: version, install }
}

function findAutocannon(): Peer {
  const install = 'npm install (autocannon is a devDependency)'
  try {
    const require = createRequire(import.meta.url)
    const { version } = require('autocannon/package.json') as { version: string }
    return { name: 'autocannon', available: true, detail: `autocannon ${version}`, install }
  } catch {
    return { name: 'autocannon', available: false, detail: 'autocannon not installed', install }
  }
}

function findSimple(name: PeerName, command: string, args: string[], install: string): Peer {
  const version = versionLine(command, args)
  return version === null
    ? { name, available: false, detail: `${command} not found`, install }
    : { name, available: true, detail: version, install }
}

export function findPeers(): Peers {
  return {
    recoll: findRecoll(),
    rg: findSimple('rg', 'rg', ['--version'], 'apt-get install ripgrep'),
    pdftotext: findSimple('pdftotext', 'pdftotext', ['-v'], 'apt-get install poppler-utils'),
    tesseract: findTesseract(),
    autocannon: findAutocannon(),
  }
}

/** One line per missing peer, saying what is missing and how to install it. */
export function missingPeerLines(peers: Peers): string[] {
  return Object.values(peers)
    .filter((peer) => !peer.available)
    .map((peer) => `missing peer: ${peer.name} (${peer.detail}); install with: ${peer.install}`)
}

/** Runs LibreOffice headless to convert a legacy binary Office file (.xls, .ppt, old .doc) into
 *  its Office Open XML twin, which our own readers then take. Each run gets a private temporary
 *  folder for the input, the output, HOME and the LibreOffice profile; the profile turns macros,
 *  link updates and the network off; the process group is killed at the time limit or on
 *  abort. LibreOffice is optional: without it these formats fail with a clear message. */

import { spawn } from 'node:child_process'
import { accessSync, constants, existsSync, readdirSync, realpathSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DaleelError } from '../../../domain/index.js'

/** The LibreOffice module each conversion needs; Debian packages them apart. */
export type LibreOfficeModule = 'writer' | 'calc' | 'impress'

/** How one conversion is run. */
export interface ConvertOptions {
  readonly timeoutMs: number
  readonly signal?: AbortSignal
  readonly onProgress?: () => void
  /** Largest output file read back. */
  readonly maxOutputBytes: number
}

const MODULE_LIBRARIES: Readonly<Record<LibreOfficeModule, string>> = {
  writer: 'swlo',
  calc: 'sclo',
  impress: 'sdlo',
}
const MODULE_NAMES: Readonly<Record<LibreOfficeModule, string>> = {
  writer: 'LibreOffice Writer',
  calc: 'LibreOffice Calc',
  impress: 'LibreOffice Impress',
}
const PROGRESS_EVERY_MS = 2000
const STDERR_KEPT = 4000

// The user profile of every run: no macros (security level "very high", execution off), never
// update links to other files or the web (Calc: 1 = never, Writer: 0 = never), and any web
// request goes through a proxy on a closed local port. No thumbnails: nobody looks at them.
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The LibreOffice program to run: `DALEEL_LIBREOFFICE` when set, else `soffice` or
 * `libreoffice` on PATH; null when there is none.
 */
export function findLibreOffice(environment: NodeJS.ProcessEnv = process.env): string | null {
  const configured = environment.DALEEL_LIBREOFFICE
  if (configured !== undefined && configured !== '')
    return isExecutable(configured) ? configured : null
  for (const folder of (environment.PATH ?? '').split(delimiter)) {
    if (folder === '') continue
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = join(folder, name)
      if (existsSync(candidate) && isExecutable(candidate)) return candidate
    }
  }
  return null
}

/**
 * False when the LibreOffice installation clearly lacks a module (Debian ships Calc and
 * Impress as separate packages); true when it has it or the layout is not one we know.
 */
export function hasLibreOfficeModule(program: string, module: LibreOfficeModule): boolean {
  let folder: string
  try {
    folder = dirname(realpathSync(program))
  } catch {
    return true
  }
  let files: string[]
  try {
    files = readdirSync(folder)
  } catch {
    return true
  }
  const libraries = files.filter((file) => /^(?:lib)?\w+lo\.(?:so|dylib|dll)$/u.test(file))
  if (libraries.length === 0) return true
  return libraries.some((file) =>
    file.replace(/^lib/u, '').startsWith(`${MODULE_LIBRARIES[module]}.`),
  )
}

/**
 * The error for a format that needs LibreOffice (or one of its modules) where it is missing.
 * Uses FORMAT_UNSUPPORTED until the catalogue has a code of its own for it.
 */
export function libreOfficeMissing(mediaType: string, module: LibreOfficeModule): DaleelError {
  return new DaleelError('CONVERTER_MISSING', { format: mediaType, tool: MODULE_NAMES[module] })
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/**
 * Converts `bytes` (a file of type `inputExtension`) to `targetFormat` (e.g. `xlsx`) with
 * LibreOffice and returns the converted file. No output means LibreOffice could not read the
 * input: FILE_CORRUPT. Too slow: EXTRACT_TIMEOUT.
 */
export async function convertWithLibreOffice(
  program: string,
  bytes: Uint8Array,
  inputExtension: string,
  targetFormat: string,
  options: ConvertOptions,
): Promise<Buffer> {
  options.signal?.throwIfAborted()
  const folder = await mkdtemp(join(tmpdir(), 'daleel-lo-'))
  try {
    const home = join(folder, 'home')
    const profile = join(folder, 'profile')
    const output = join(folder, 'out')
    await Promise.all([
      mkdir(home),
      mkdir(join(profile, 'user'), { recursive: true }),
      mkdir(output),
    ])
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), PROFILE)
    const input = join(folder, `input.${inputExtension}`)
    await writeFile(input, bytes)
    const stderr = await run(
      program,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--invisible',
        '--nodefault',
        '--nofirststartwizard',
        '--nolockcheck',
        '--nologo',
        '--norestore',
        '--convert-to',
        targetFormat,
        '--outdir',
        output,
        input,
      ],
      {
        HOME: home,
        TMPDIR: folder,
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        SAL_USE_VCLPLUGIN: 'svp',
        // Belt and braces: libraries that honour the proxy variables get a closed port too.
        http_proxy: 'http://127.0.0.1:9',
        https_proxy: 'http://127.0.0.1:9',
        no_proxy: '',
      },
      options,
    )
    const produced = (await readdir(output)).find((file) => file.startsWith('input.'))
    if (produced === undefined) {
      throw new DaleelError(
        'FILE_CORRUPT',
        {},
        { cause: new Error(`LibreOffice: ${stderr.trim()}`) },
      )
    }
    const converted = await readFile(join(output, produced))
    if (converted.length > options.maxOutputBytes) {
      throw new DaleelError('FILE_TOO_LARGE', { limit: options.maxOutputBytes })
    }
    return converted
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

function run(
  program: string,
  args: readonly string[],
  environment: NodeJS.ProcessEnv,
  options: ConvertOptions,
): Promise<string> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that the soffice.bin it starts is killed with it.
    const child = spawn(program, args, {
      env: environment,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < STDERR_KEPT) stderr += chunk
    })
    const progress = setInterval(() => options.onProgress?.(), PROGRESS_EVERY_MS)
    const timer = setTimeout(() => {
      killGroup(child.pid)
      finish(new DaleelError('EXTRACT_TIMEOUT', { seconds: Math.round(options.timeoutMs / 1000) }))
    }, options.timeoutMs)
    const onAbort = (): void => {
      killGroup(child.pid)
      finish(options.signal?.reason ?? new Error('aborted'))
    }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    let done = false
    function finish(error: unknown): void {
      if (done) return
      done = true
      clearInterval(progress)
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      if (error === null) resolve(stderr)
      else reject(error instanceof Error ? error : new Error('the LibreOffice run was aborted'))
    }
    child.once('error', (error) =>
      finish(
        new DaleelError(
          'FILE_UNREADABLE',
          { detail: 'LibreOffice could not be started' },
          { cause: error },
        ),
      ),
    )
    child.once('close', () => {
      // LibreOffice may leave helpers behind in its group; none may outlive the run.
      killGroup(child.pid)
      finish(null)
    })
  })
}

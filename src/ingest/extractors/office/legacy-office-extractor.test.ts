import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultLimits } from '../../extractor.js'
import { DocExtractor } from './doc-extractor.js'
import { LegacyOfficeExtractor, PPT, XLS } from './legacy-office-extractor.js'
import { findLibreOffice, hasLibreOfficeModule } from './libreoffice.js'

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/office/', import.meta.url))
const program = findLibreOffice()
const hasLibreOffice =
  program !== null &&
  hasLibreOfficeModule(program, 'calc') &&
  hasLibreOfficeModule(program, 'impress')
if (!hasLibreOffice) {
  console.warn(
    'legacy-office-extractor: LibreOffice (Writer, Calc, Impress) is not installed; conversion tests skipped',
  )
}
const scratch = mkdtempSync(join(tmpdir(), 'daleel-legacy-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function input(name: string, mediaType: string) {
  return { bytes: readFileSync(join(fixtures, name)), name, mediaType, limits: defaultLimits }
}

/** A stand-in for soffice: a shell script with the given body. */
function fakeLibreOffice(name: string, body: string): string {
  const path = join(scratch, name)
  writeFileSync(path, `#!/bin/sh\n${body}\n`)
  chmodSync(path, 0o755)
  return path
}

describe('LegacyOfficeExtractor without LibreOffice', () => {
  const extractor = new LegacyOfficeExtractor({ libreOffice: null })

  it('says that .xls and .ppt files need LibreOffice', async () => {
    await expect(extractor.extract(input('budget-ar-he-en.xls', XLS))).rejects.toMatchObject({
      code: 'CONVERTER_MISSING',
      message: expect.stringContaining('needs LibreOffice Calc, which is not installed') as unknown,
    })
    await expect(extractor.extract(input('briefing-ar-he-en.ppt', PPT))).rejects.toMatchObject({
      code: 'CONVERTER_MISSING',
      message: expect.stringContaining('LibreOffice Impress') as unknown,
    })
  })

  it('still recognises an encrypted workbook', async () => {
    await expect(extractor.extract(input('encrypted-filepass.xls', XLS))).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('stops a conversion that runs past its time limit, with EXTRACT_TIMEOUT', async () => {
    const slow = new LegacyOfficeExtractor({
      libreOffice: fakeLibreOffice('slow-soffice', 'sleep 30'),
      timeoutMs: 300,
    })
    const started = Date.now()
    await expect(slow.extract(input('budget-ar-he-en.xls', XLS))).rejects.toMatchObject({
      code: 'EXTRACT_TIMEOUT',
    })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('reports a conversion that produces nothing as FILE_CORRUPT', async () => {
    const silent = new LegacyOfficeExtractor({
      libreOffice: fakeLibreOffice(
        'silent-soffice',
        'echo "Error: source file could not be loaded" >&2',
      ),
    })
    await expect(silent.extract(input('budget-ar-he-en.xls', XLS))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })

  it('runs LibreOffice with a private profile, HOME and output folder', async () => {
    const record = join(scratch, 'arguments.txt')
    const recorder = fakeLibreOffice(
      'recording-soffice',
      `printf '%s\\n' "$HOME" "$@" > '${record}'`,
    )
    await expect(
      new LegacyOfficeExtractor({ libreOffice: recorder }).extract(
        input('budget-ar-he-en.xls', XLS),
      ),
    ).rejects.toThrow()
    const [home, ...args] = readFileSync(record, 'utf8').trim().split('\n')
    expect(home).toMatch(/daleel-lo-[^/]+\/home$/u)
    expect(args[0]).toMatch(/^-env:UserInstallation=file:\/\/.*daleel-lo-[^/]+\/profile$/u)
    expect(args).toEqual(
      expect.arrayContaining(['--headless', '--norestore', '--convert-to', 'xlsx']),
    )
  })
})

describe.skipIf(!hasLibreOffice)('LegacyOfficeExtractor with LibreOffice', () => {
  const extractor = new LegacyOfficeExtractor()

  it('reads an .xls workbook: sheets as pages, dates as ISO, properties of the original', async () => {
    const result = await extractor.extract(input('budget-ar-he-en.xls', XLS))
    const sheets = result.pages?.map((page) => result.text.slice(page.start, page.end)) ?? []
    expect(sheets[0]).toMatch(/^المالية\n\nOffshore Holdings Ltd\t250000\t2024-03-01\n/u)
    expect(sheets[1]).toMatch(/^תקציב\n\nדוח פנימי על ישיבת ההנהלה/u)
    expect(result.text).toContain('2024-03-01T10:30:00')
    expect(result.metadata).toMatchObject({ convertedBy: 'LibreOffice' })
  })

  it('reads a .ppt presentation: one page per slide, with its notes', async () => {
    const result = await extractor.extract(input('briefing-ar-he-en.ppt', PPT))
    const slides = result.pages?.map((page) => result.text.slice(page.start, page.end)) ?? []
    expect(slides).toHaveLength(2)
    expect(slides[0]).toMatch(/^Slide 1\n\nالإحاطة الأسبوعية\n/u)
    expect(slides[1]).toContain('Speaker notes: call the auditor before Friday')
  })

  it('reports an encrypted workbook as FILE_ENCRYPTED', async () => {
    await expect(extractor.extract(input('encrypted-filepass.xls', XLS))).rejects.toMatchObject({
      code: 'FILE_ENCRYPTED',
    })
  })

  it('lets the .doc reader fall back to LibreOffice, which cannot read a cut-off file either', async () => {
    const doc = new DocExtractor({ fallback: extractor })
    await expect(doc.extract(input('truncated.doc', 'application/msword'))).rejects.toMatchObject({
      code: 'FILE_CORRUPT',
    })
  })
})

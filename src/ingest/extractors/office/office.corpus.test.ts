import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectMediaType } from '../../detect-media-type.js'
import { defaultLimits } from '../../extractor.js'
import { officeExtractors } from './index.js'
import { findLibreOffice, hasLibreOfficeModule } from './libreoffice.js'

const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`office corpus tests skipped: no corpus at ${corpus}`)
const program = findLibreOffice()
const hasLibreOffice =
  program !== null &&
  ['writer', 'calc', 'impress'].every((module) => hasLibreOfficeModule(program, module as 'writer'))
if (hasCorpus && !hasLibreOffice)
  console.warn('office corpus tests of .xls, .ppt and Word 6 skipped: LibreOffice is not installed')

/** The corpus README's matching rule: NFKC, no bidi controls, whitespace collapsed. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ')
}

async function extract(path: string) {
  const bytes = readFileSync(join(corpus, path))
  const name = path.split('/').pop() ?? path
  const mediaType = await detectMediaType(bytes, name)
  const extractor = officeExtractors[mediaType]
  if (extractor === undefined)
    throw new Error(`${path} was typed ${mediaType}, which is not an Office type`)
  return extractor.extract({ bytes, name, mediaType, limits: defaultLimits })
}

describe.skipIf(!hasCorpus)('Office extractors on the corpus', () => {
  it.each([
    ['hebrew-knesset/20_ptm_318579.doc', 'אוקראינה היא אחת המדינות'],
    ['hebrew-knesset/20_ptv_367393.doc', 'משהו שכל אנשי אבטחת'],
    ['hebrew-knesset/2007-12-27.rtf', 'מוחמד ברכה יצחק גלנטי'],
    ['hebrew-knesset/20_ptv_341203.doc', 'הצעת חוק לצמצום השימוש בשקיות'],
    ['tika/testWORDML_tableInsideParagraph.doc', 'Page Some Data Second'],
    ['tika/testWORD_various.doc', 'hyperlink Subject is here'],
    ['tika/testRTFWindowsCodepage1250.rtf', 'zażółć gęślą jaźń'],
    ['tika/testRTFHexEscapeInsideWord.rtf', 'GOVERNO DO ESTADO'],
    ['tika/testEXCEL.strict.xlsx', 'This one is'],
    ['tika/protectedSheets.xlsx', 'защищена формула от чтения'],
    // Encrypted with Excel's default password, which opens without asking.
    ['tika/protect.xlsx', 'первый раз после активации'],
    [
      'hoover/data/www.learningcontainer.com/excels/Excel-sample-data-for-pivot-tables.xlsx',
      'Fiery Hot Pepper',
    ],
    ['tika/testPPT_masterText.pptx', 'added to the master'],
    ['tika/testPPT_2imgs.pptx', 'The quick brown fox'],
    ['tika/testODFwithOOo3.odt', 'Another interesting project is'],
    ['ingest-file/rom.ods', 'de reparație capitală la'],
    ['tika/testMasterFooter.odp', 'Master footer is here'],
    ['tika/testODTMacro.fodt', 'Click the smiley Just'],
  ])('finds the expected phrase in %s', async (path, phrase) => {
    expect(normalize((await extract(path)).text)).toContain(normalize(phrase))
  })

  it('reads the Hebrew title and dates of a Knesset RTF protocol', async () => {
    const result = await extract('hebrew-knesset/2007-12-27.rtf')
    expect(result.title).toMatch(/^שינוי החלטת ועדת הכנסת/u)
    expect(result.metadata).toMatchObject({
      author: 'p_ilana',
      created: '2010-12-24T14:54:00.000Z',
    })
  })

  it('reads a Japanese RTF in Shift-JIS (\\fcharset128)', async () => {
    expect((await extract('tika/testRTF-ms932.rtf')).text).toContain('こんにちは')
  })

  it.each([
    'ingest-file/password_protected.xlsx',
    'tika/testEXCEL_protected_passtika.xlsx',
    'tika/testODTEncrypted.odt',
    'tika/testWORD_protected_passtika.doc',
    'tika/password.xls',
  ])('reports %s as FILE_ENCRYPTED', async (path) => {
    await expect(extract(path)).rejects.toMatchObject({ code: 'FILE_ENCRYPTED' })
  })
})

describe.skipIf(!hasCorpus || !hasLibreOffice)(
  'Office extractors on the corpus, with LibreOffice',
  () => {
    it.each([
      ['ingest-file/rom.xls', 'de reparație capitală la'],
      ['tika/testEXCEL_custom_props.xls', 'Fichier test pour propriétés'],
      ['tika/testPPT_masterFooter.ppt', 'Master footer is here'],
      ['tika/testWORD6.doc', 'The quick brown fox'],
    ])('finds the expected phrase in %s', async (path, phrase) => {
      expect(normalize((await extract(path)).text)).toContain(normalize(phrase))
    })
  },
)

/** The fixed queries of the search benchmark, written once for each engine: Daleel's query
 *  language, Recoll's (`recollq`) and the stages of a brute-force ripgrep over the extracted
 *  texts. Where an engine has no equivalent (Recoll detects no language), the closest query is
 *  used and `note` says so. */

/** One pass of ripgrep: the first runs over the text folder, each next one over the files the
 *  previous one listed. */
export interface RgStage {
  /** Alternatives (`-e`), matched as fixed strings unless `regex`. */
  readonly patterns: readonly string[]
  readonly regex?: boolean
  /** Keep the files that do not match (`--files-without-match`). */
  readonly without?: boolean
  /** Restrict to file names like this (`-g`); text files are named `<id>.<lang>.<type>.txt`. */
  readonly glob?: string
}

export interface BenchQuery {
  readonly lang: 'ar' | 'he' | 'en'
  readonly kind: 'word' | 'phrase' | 'boolean' | 'prefix' | 'filter' | 'proximity'
  readonly daleel: string
  readonly recoll: string
  readonly rg: readonly RgStage[]
  readonly note?: string
}

export const benchQueries: readonly BenchQuery[] = [
  {
    lang: 'ar',
    kind: 'word',
    daleel: 'الحكومة',
    recoll: 'الحكومة',
    rg: [{ patterns: ['الحكومة'] }],
  },
  {
    lang: 'ar',
    kind: 'boolean',
    daleel: 'وزاره الماليه',
    recoll: 'وزاره الماليه',
    rg: [{ patterns: ['وزاره'] }, { patterns: ['الماليه'] }],
    note: 'typed carelessly (ه for ة): only Daleel folds it',
  },
  {
    lang: 'ar',
    kind: 'phrase',
    daleel: '"الاتحاد العام التونسي للشغل"',
    recoll: '"الاتحاد العام التونسي للشغل"',
    rg: [{ patterns: ['الاتحاد العام التونسي للشغل'] }],
  },
  {
    lang: 'ar',
    kind: 'boolean',
    daleel: 'تونس OR الجزائر',
    recoll: 'تونس OR الجزائر',
    rg: [{ patterns: ['تونس', 'الجزائر'] }],
  },
  { lang: 'ar', kind: 'prefix', daleel: 'وزار*', recoll: 'وزار*', rg: [{ patterns: ['وزار'] }] },
  { lang: 'he', kind: 'word', daleel: 'הכנסת', recoll: 'הכנסת', rg: [{ patterns: ['הכנסת'] }] },
  {
    lang: 'he',
    kind: 'phrase',
    daleel: '"ועדת הכספים"',
    recoll: '"ועדת הכספים"',
    rg: [{ patterns: ['ועדת הכספים'] }],
  },
  {
    lang: 'he',
    kind: 'boolean',
    daleel: 'ממשלה -בחירות',
    recoll: 'ממשלה -בחירות',
    rg: [{ patterns: ['ממשלה'] }, { patterns: ['בחירות'], without: true }],
  },
  { lang: 'he', kind: 'prefix', daleel: 'משפט*', recoll: 'משפט*', rg: [{ patterns: ['משפט'] }] },
  { lang: 'en', kind: 'word', daleel: 'report', recoll: 'report', rg: [{ patterns: ['report'] }] },
  {
    lang: 'en',
    kind: 'phrase',
    daleel: '"several limitations"',
    recoll: '"several limitations"',
    rg: [{ patterns: ['several limitations'] }],
  },
  {
    lang: 'en',
    kind: 'boolean',
    daleel: '(bank OR account) transfer',
    recoll: '(bank OR account) transfer',
    rg: [{ patterns: ['bank', 'account'] }, { patterns: ['transfer'] }],
  },
  {
    lang: 'en',
    kind: 'prefix',
    daleel: 'inform*',
    recoll: 'inform*',
    rg: [{ patterns: ['inform'] }],
  },
  {
    lang: 'en',
    kind: 'proximity',
    daleel: '"united states"~5',
    recoll: '"united states"p5',
    rg: [{ patterns: ['united\\W+(?:\\w+\\W+){0,5}states'], regex: true }],
  },
  {
    lang: 'en',
    kind: 'filter',
    daleel: 'lang:en email',
    recoll: 'email',
    rg: [{ patterns: ['email'], glob: '*.en.*' }],
    note: 'Recoll has no language filter: it runs `email` alone',
  },
  {
    lang: 'en',
    kind: 'filter',
    daleel: 'type:pdf -report',
    recoll: 'ext:pdf -report',
    rg: [
      { patterns: [''], glob: '*.pdf.txt' },
      { patterns: ['report'], without: true },
    ],
  },
]

/** ripgrep arguments of one stage (without the paths it searches). */
export function rgArguments(stage: RgStage, last: boolean): string[] {
  const args = ['--no-config', '--no-messages', '-H']
  if (!stage.regex) args.push('-F')
  if (stage.glob) args.push('-g', stage.glob)
  if (stage.without) args.push('--files-without-match')
  else args.push(last ? '-c' : '-l')
  for (const pattern of stage.patterns) args.push('-e', pattern)
  return args
}

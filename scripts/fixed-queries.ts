/** The fixed Arabic, Hebrew and English queries the measurement scripts time: single words,
 *  variant spellings, phrases, boolean, prefix, filters and proximity. */
export const fixedQueries: readonly string[] = [
  'الصحة',
  'وزاره الماليه',
  '"الاتحاد العام التونسي للشغل"',
  'تونس OR الجزائر',
  'משרד',
  '"הכנסת"',
  'report',
  '"several limitations"',
  'inform*',
  'lang:en email',
  'type:pdf -report',
  '"wire transfer"~5',
]

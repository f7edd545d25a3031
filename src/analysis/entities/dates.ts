/** Finds calendar dates in Arabic, Hebrew and English and normalises them to ISO 8601: month
 *  names in the three Arabic naming systems (يناير… / جانفي… / كانون الثاني…), Hebrew (with its
 *  prefixes: במרץ، מינואר) and English (with abbreviations and ordinals); numeric dates
 *  (2024-01-08, 08/01/2024, 8.1.2024, ٨ / ١ / ٢٠٢٤); month + year; a year alone only where a
 *  cue word marks it (عام 2016، בשנת 2021, in 2013); ranges (من مارس إلى يونيو 2024،
 *  2019–2021) with `range`; lists (21 22 و23 أفريل 2017) as one mention per day. Impossible
 *  dates (31 February) are dropped. Dates without a year, Hijri and Hebrew-calendar dates are
 *  left out: they cannot be normalised without more than the text (docs/entities.md). */
import type { TextContext } from './text-context.js'
import { alternation, fold, isLetterAt } from './scan.js'

/** A date found in folded text. */
export interface DateMention {
  readonly start: number
  readonly end: number
  readonly normalized: string
  readonly precision: 'day' | 'month' | 'year'
  readonly range?: { from: string; to: string }
}

const MONTH_NAMES: [number, string][] = [
  // Egypt and the Gulf
  [1, 'يناير'],
  [2, 'فبراير'],
  [3, 'مارس'],
  [4, 'أبريل|ابريل|إبريل'],
  [5, 'مايو'],
  [6, 'يونيو|يونيه'],
  [7, 'يوليو|يوليه'],
  [8, 'أغسطس|اغسطس|آب'],
  [9, 'سبتمبر|أيلول'],
  [10, 'أكتوبر|اكتوبر|تشرين الأول'],
  [11, 'نوفمبر|تشرين الثاني'],
  [12, 'ديسمبر|كانون الأول'],
  // The Levant and Iraq
  [1, 'كانون الثاني'],
  [2, 'شباط'],
  [3, 'آذار'],
  [4, 'نيسان'],
  [5, 'أيار'],
  [6, 'حزيران'],
  [7, 'تموز'],
  // Tunisia and Algeria; Morocco
  [1, 'جانفي'],
  [2, 'فيفري'],
  [4, 'أفريل|افريل'],
  [5, 'ماي'],
  [6, 'جوان'],
  [7, 'جويلية|جويلة'],
  [8, 'أوت|اوت|غشت'],
  [7, 'يوليوز'],
  [9, 'شتنبر'],
  [11, 'نونبر'],
  [12, 'دجنبر'],
  // Hebrew
  [1, 'ינואר'],
  [2, 'פברואר'],
  [3, 'מרץ|מרס'],
  [4, 'אפריל'],
  [5, 'מאי'],
  [6, 'יוני'],
  [7, 'יולי'],
  [8, 'אוגוסט'],
  [9, 'ספטמבר'],
  [10, 'אוקטובר'],
  [11, 'נובמבר'],
  [12, 'דצמבר'],
]
const ENGLISH_MONTHS: [number, string][] = [
  [1, 'January|Jan'],
  [2, 'February|Feb'],
  [3, 'March|Mar'],
  [4, 'April|Apr'],
  [5, 'May'],
  [6, 'June|Jun'],
  [7, 'July|Jul'],
  [8, 'August|Aug'],
  [9, 'September|Sept|Sep'],
  [10, 'October|Oct'],
  [11, 'November|Nov'],
  [12, 'December|Dec'],
]

const MONTHS = new Map<string, number>()
for (const [month, names] of MONTH_NAMES)
  for (const name of names.split('|')) MONTHS.set(fold(name), month)
// English month names count with a capital (or in capitals): "may" and "march" are verbs.
for (const [month, names] of ENGLISH_MONTHS) {
  for (const name of names.split('|')) {
    MONTHS.set(name, month)
    MONTHS.set(name.toUpperCase(), month)
  }
}

// A Hebrew month takes the prefix of its preposition (במרץ، מינואר، ועד דצמבר).
const MONTH = `(?:(?:ו?[במל]|ו)?(?:${alternation(MONTHS.keys())})(?:\\.(?=\\s))?(?![\\p{L}]))`
// غرة is "the first (day) of": غرة جانفي 2016.
const DAY = '(?:(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|غره)'
const YEAR = '(?:1\\d{3}|2[01]\\d{2})'
const NOT_AFTER = '(?![\\p{N}])'
const DAY_START = '(?<![\\p{L}\\p{N}.,/:-])|(?<=(?<![\\p{L}\\p{N}])[ובלמהو]-?)'
const OF = '(?:\\s*(?:of|the)\\s+|\\s*-\\s*|\\s+|(?<=\\d)(?=\\p{L}))'
const MONTH_YEAR_GAP = '\\s*[,،-]?\\s*'

// Ranges and lists are tried before single dates, so that the longer reading wins.
const CONNECTOR = '(?:to|until|till|through|and|-|–|—|إلى|الى|حتى|و|עד|ועד|ל|-|ו)'
const RANGE_OPENER = '(?:(?:from|between|From|Between)(?:\\s+the)?|من|بين|מ|בין)'

interface Pattern {
  readonly regex: RegExp
  readonly read: (groups: Record<string, string | undefined>) => Reading | undefined
}

interface Reading {
  readonly from: Partial<Ymd>
  readonly to?: Partial<Ymd>
  /** One mention per day of the `days` group, sharing month and year (21 22 و23 أفريل). */
  readonly list?: true
}

interface Ymd {
  year: number
  month: number
  day: number
}

function monthOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined
  const trimmed = word.replace(/\.$/, '')
  const direct = MONTHS.get(trimmed)
  if (direct) return direct
  // Hebrew prefix: במרץ, מינואר, ועד (the alternation allowed one before the name).
  const bare = trimmed.replace(/^(?:ו?[במל]|ו)/, '')
  return MONTHS.get(bare)
}

function dayOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined
  if (word === 'غره') return 1
  return Number.parseInt(word, 10)
}

function p(source: string, read: Pattern['read']): Pattern {
  return { regex: new RegExp(fold(source), 'gdu'), read }
}

const PATTERNS: Pattern[] = [
  // 21st of December 2013 until the 6th of January 2014; من 5 مارس 2015 إلى 10 أفريل 2016
  p(
    `(?:(?<open>${RANGE_OPENER})\\s*)?(?:${DAY_START})(?<d1>${DAY})${OF}(?<m1>${MONTH})${MONTH_YEAR_GAP}(?<y1>${YEAR})${NOT_AFTER}\\s*${CONNECTOR}\\s*(?:the\\s+)?(?<d2>${DAY})${OF}(?<m2>${MONTH})${MONTH_YEAR_GAP}(?<y2>${YEAR})${NOT_AFTER}`,
    (g) => ({
      from: { day: dayOf(g.d1), month: monthOf(g.m1), year: Number(g.y1) },
      to: { day: dayOf(g.d2), month: monthOf(g.m2), year: Number(g.y2) },
    }),
  ),
  // ינואר 2013 עד דצמבר 2017; from March 2015 to June 2016
  p(
    `(?:(?<open>${RANGE_OPENER})\\s*)?(?<m1>${MONTH})${MONTH_YEAR_GAP}(?<y1>${YEAR})${NOT_AFTER}\\s*${CONNECTOR}\\s*(?<m2>${MONTH})${MONTH_YEAR_GAP}(?<y2>${YEAR})${NOT_AFTER}`,
    (g) => ({
      from: { month: monthOf(g.m1), year: Number(g.y1) },
      to: { month: monthOf(g.m2), year: Number(g.y2) },
    }),
  ),
  // بين غرة جانفي و31 ديسمبر 2015; between 1 March and 5 June 2024
  p(
    `(?<open>${RANGE_OPENER})\\s*(?:${DAY_START})(?<d1>${DAY})${OF}(?<m1>${MONTH})\\s*${CONNECTOR}\\s*(?<d2>${DAY})${OF}(?<m2>${MONTH})${MONTH_YEAR_GAP}(?<y>${YEAR})${NOT_AFTER}`,
    (g) => ({
      from: { day: dayOf(g.d1), month: monthOf(g.m1), year: Number(g.y) },
      to: { day: dayOf(g.d2), month: monthOf(g.m2), year: Number(g.y) },
    }),
  ),
  // between January 19 and April 10, 2009
  p(
    `(?<open>${RANGE_OPENER})\\s*(?<m1>${MONTH})\\s+(?<d1>${DAY})\\s*${CONNECTOR}\\s*(?<m2>${MONTH})\\s+(?<d2>${DAY})\\s*,?\\s*(?<y>${YEAR})${NOT_AFTER}`,
    (g) => ({
      from: { day: dayOf(g.d1), month: monthOf(g.m1), year: Number(g.y) },
      to: { day: dayOf(g.d2), month: monthOf(g.m2), year: Number(g.y) },
    }),
  ),
  // June 15–20, 2009
  p(
    `(?<m>${MONTH})\\s+(?<d1>${DAY})\\s*(?:-|–|—|to|until)\\s*(?<d2>${DAY})\\s*,?\\s*(?<y>${YEAR})${NOT_AFTER}`,
    (g) => ({
      from: { day: dayOf(g.d1), month: monthOf(g.m), year: Number(g.y) },
      to: { day: dayOf(g.d2), month: monthOf(g.m), year: Number(g.y) },
    }),
  ),
  // 15–20 June 2009; من 6 إلى 12 مارس 2024; בין 3 ל-5 במאי 2020
  p(
    `(?:(?<open>${RANGE_OPENER})\\s*)?(?:${DAY_START})(?<d1>${DAY})\\s*(?:-|–|—|to|until|إلى|الى|حتى|עד|ל-?)\\s*(?<d2>${DAY})${OF}(?<m>${MONTH})${MONTH_YEAR_GAP}(?<y>${YEAR})${NOT_AFTER}`,
    (g) => ({
      from: { day: dayOf(g.d1), month: monthOf(g.m), year: Number(g.y) },
      to: { day: dayOf(g.d2), month: monthOf(g.m), year: Number(g.y) },
    }),
  ),
  // بين 11 و12 جانفي 2016 (with "between": a range)
  p(
    `(?<open>${RANGE_OPENER})\\s*(?<d1>${DAY})\\s*(?:و|and|ו|ל-?)\\s*(?<d2>${DAY})${OF}(?<m>${MONTH})${MONTH_YEAR_GAP}(?<y>${YEAR})${NOT_AFTER}`,
    (g) => ({
      from: { day: dayOf(g.d1), month: monthOf(g.m), year: Number(g.y) },
      to: { day: dayOf(g.d2), month: monthOf(g.m), year: Number(g.y) },
    }),
  ),
  // from March to June 2024; من مارس إلى يونيو 2024; באפריל-מאי 2013
  p(
    `(?:(?<open>${RANGE_OPENER})\\s*)?(?<m1>${MONTH})\\s*${CONNECTOR}\\s*(?<m2>${MONTH})${MONTH_YEAR_GAP}(?<y>${YEAR})${NOT_AFTER}`,
    (g) => ({
      from: { month: monthOf(g.m1), year: Number(g.y) },
      to: { month: monthOf(g.m2), year: Number(g.y) },
    }),
  ),
  // 21 22 و23 أفريل 2017; 11 و12 جانفي 2016: one mention per day
  p(
    `(?:${DAY_START})(?<days>${DAY}(?:\\s*[,،]?\\s*(?:و|and|ו)?\\s*${DAY})+)${OF}(?<m>${MONTH})${MONTH_YEAR_GAP}(?<y>${YEAR})${NOT_AFTER}`,
    (g) => ({ from: { month: monthOf(g.m), year: Number(g.y) }, list: true }),
  ),
  // 8 January 2024; 2nd of February 2014; 12 במרץ 2024; 20 Apr 2016; 15-Mar-2024
  p(
    `(?:${DAY_START})(?<d>${DAY})${OF}(?<m>${MONTH})${MONTH_YEAR_GAP}(?<y>${YEAR})${NOT_AFTER}`,
    (g) => ({ from: { day: dayOf(g.d), month: monthOf(g.m), year: Number(g.y) } }),
  ),
  // January 8, 2024; March 03, 2004; Jan. 8 2024
  p(`(?<m>${MONTH})\\s+(?<d>${DAY})(?![\\p{N}:])\\s*,?\\s*(?<y>${YEAR})${NOT_AFTER}`, (g) => ({
    from: { day: dayOf(g.d), month: monthOf(g.m), year: Number(g.y) },
  })),
  // January 2024; جانفي 2017; במאי 2014; June ,2014
  p(`(?<m>${MONTH})${MONTH_YEAR_GAP}(?<y>${YEAR})${NOT_AFTER}`, (g) => ({
    from: { month: monthOf(g.m), year: Number(g.y) },
  })),
]

// Numeric dates. ISO order first; then day and month in either order, decided per text.
const ISO_DATE =
  /(?:(?<![\p{N}./-])|(?<=(?<![\p{L}\p{N}])[ובלמהש]-))(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\p{N}]|[./-]\d)/gu
const NUMERIC_DATE =
  /(?:(?<![\p{N}./:-])|(?<=(?<![\p{L}\p{N}])[ובלמהש]-))(\d{1,2})(?:(\s*\/\s*)|([.-]))(\d{1,2})(?:\2|\3)(\d{4}|(?<=\/\s*\d{1,2}\s*\/\s*)\d{2})(?![\p{N}]|[./:-]\d)/gu

// Year cues. Strong: a word that means "year" (عام 2016، בשנת 2021, the year 2000). Weak: a
// preposition (في 2014، since 2011, ב-2009), which only counts for 1900–2099.
const STRONG_YEAR_CUE = `(?:(?<![\\p{L}])(?:[وفبلك]{1,2})?(?:ال)?(?:عام|عامي|سنه|سنتي|موسم)|(?<![\\p{L}])(?:[ובלמ]|ו[בלמ])?שנת|(?<![\\p{L}])(?:year|Year|YEAR|fiscal year|FY)|(?<![\\p{L}])ה?תש[א-ת]?"[א-ת]-|©|(?<![\\p{L}])Copyright(?:\\s*(?:©|\\(c\\)|c))?)`
const WEAK_YEAR_CUE = `(?:(?<![\\p{L}])(?:و)?(?:في|منذ|حتى|خلال|قبل|بعد|بحلول|مطلع|نهايه|بدايه|موفي|اواخر|اوائل|منتصف)|(?<![\\p{L}])(?:in|In|IN|since|Since|until|Until|till|by|By|before|Before|after|After|during|During|early|late|mid-?|end of|beginning of)|(?<![\\p{L}])(?:ו)?(?:[בלמ]-|מאז|עד|בשנים|משנות))`
const CUED_YEAR = new RegExp(
  fold(
    `(?<cue>${STRONG_YEAR_CUE}|${WEAK_YEAR_CUE})\\s*(?<y1>${YEAR})${NOT_AFTER}(?:\\s*(?<conn>[-–/]|${CONNECTOR}|أو|او|או|or)\\s*(?:(?:سنه|عام|שנת|the year)\\s*)?(?<y2>${YEAR})${NOT_AFTER})?`,
  ),
  'gdu',
)
// 2019–2021, 2016 /2018, 2011-2010: two years that close together are a range even without a cue.
const YEAR_RANGE = new RegExp(
  fold(
    `(?:${RANGE_OPENER}\\s*(?:(?:ال)?(?:عامي|عام|سنتي|سنه|the years|years)\\s*)?)?(?<![\\p{N}./-])(?<y1>${YEAR})\\s*(?:[-–—/]|${CONNECTOR})\\s*(?:(?:سنه|عام|year)\\s*)?(?<y2>${YEAR})(?![\\p{N}]|[./-]\\d)`,
  ),
  'gdu',
)
const LIST_CONNECTOR = new RegExp(fold('^(?:و|and|ו|أو|او|או|or)$'), 'u')
const STRONG_CUE = new RegExp(fold(`^(?:${STRONG_YEAR_CUE})$`), 'u')
const HIJRI_AFTER = /^\s*(?:ه(?![\p{L}])|هجري|للهجره)/u

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function valid(date: Partial<Ymd>): boolean {
  const { year, month, day } = date
  if (year === undefined || !Number.isInteger(year) || year < 1000 || year > 2199) return false
  if (month === undefined) return day === undefined
  if (!Number.isInteger(month) || month < 1 || month > 12) return false
  if (day === undefined) return true
  return Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month)
}

function iso(date: Partial<Ymd>): string {
  const year = String(date.year).padStart(4, '0')
  if (date.month === undefined) return year
  const month = String(date.month).padStart(2, '0')
  if (date.day === undefined) return `${year}-${month}`
  return `${year}-${month}-${String(date.day).padStart(2, '0')}`
}

function precisionOf(date: Partial<Ymd>): DateMention['precision'] {
  return date.day !== undefined ? 'day' : date.month !== undefined ? 'month' : 'year'
}

function single(start: number, end: number, date: Partial<Ymd>): DateMention | undefined {
  if (!valid(date)) return undefined
  return { start, end, normalized: iso(date), precision: precisionOf(date) }
}

function ranged(
  start: number,
  end: number,
  from: Partial<Ymd>,
  to: Partial<Ymd>,
): DateMention | undefined {
  if (!valid(from) || !valid(to)) return undefined
  const a = iso(from)
  const b = iso(to)
  if (a === b) return single(start, end, from)
  // A range written backwards (2011-2010, as Hebrew right-to-left tables print it) is the same range.
  const [low, high] = a < b ? [a, b] : [b, a]
  return {
    start,
    end,
    normalized: `${low}/${high}`,
    precision: precisionOf(from),
    range: { from: low, to: high },
  }
}

/** Whether numeric dates in this text put the month first (03/22/1960): only on evidence. */
function monthFirst(text: string): boolean {
  let dayFirstEvidence = 0
  let monthFirstEvidence = 0
  for (const match of text.matchAll(NUMERIC_DATE)) {
    const first = Number(match[1])
    const second = Number(match[4])
    if (first > 12 && second <= 12) dayFirstEvidence += 1
    if (second > 12 && first <= 12) monthFirstEvidence += 1
  }
  return monthFirstEvidence > dayFirstEvidence
}

function twoDigitYear(text: string): number {
  const value = Number(text)
  if (text.length === 4) return value
  return value < 50 ? 2000 + value : 1900 + value
}

/**
 * The dates in a text, as folded-offset mentions (they may overlap; `find-entities.ts` keeps
 * the longest).
 * @example findDates(contextOf('يوم 27 ماي 2017')) // [{ …, normalized: '2017-05-27', precision: 'day' }]
 */
export function findDates(context: TextContext): DateMention[] {
  const found: DateMention[] = []
  // Every date has a year in it (four digits, or two after a slash): the patterns only run on
  // windows around them, which keeps a long text from being scanned a dozen times.
  for (const [segmentStart, text, margin] of yearWindows(context.text)) {
    for (const mention of findDatesIn(text)) {
      if (mention.start < margin) continue
      found.push({
        ...mention,
        start: mention.start + segmentStart,
        end: mention.end + segmentStart,
      })
    }
  }
  return found
}

const YEAR_ANCHOR = /(?<!\d)(?:1\d{3}|2[01]\d{2})(?!\d)|\/\s*\d{2}(?!\d)/g
const BEFORE = 100
const AFTER = 70
const MARGIN = 12

/** Merged windows around the years of a text: [offset, window text, margin to ignore]. */
function yearWindows(text: string): [number, string, number][] {
  const windows: [number, number][] = []
  for (const match of text.matchAll(YEAR_ANCHOR)) {
    const start = Math.max(0, match.index - BEFORE)
    const end = Math.min(text.length, match.index + match[0].length + AFTER)
    const last = windows[windows.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else windows.push([start, end])
  }
  return windows.map(([start, end]) => {
    const from = Math.max(0, start - MARGIN)
    return [from, text.slice(from, end), start - from]
  })
}

const ANY_MONTH = new RegExp(MONTH, 'u')

function findDatesIn(text: string): DateMention[] {
  const found: DateMention[] = []
  const push = (mention: DateMention | undefined) => {
    if (mention) found.push(mention)
  }
  // The month-name patterns only where a month name is.
  const patterns = ANY_MONTH.test(text) ? PATTERNS : []
  for (const { regex, read } of patterns) {
    for (const match of text.matchAll(regex)) {
      const groups = match.groups ?? {}
      const reading = read(groups)
      if (!reading) continue
      // A range opener (من، between) belongs to the mention only when it opens a range.
      const [start, end] = spanWithoutOpener(match, text)
      if (reading.list) {
        const daysGroup = match.indices!.groups!.days!
        for (const day of text.slice(daysGroup[0], daysGroup[1]).matchAll(new RegExp(DAY, 'gu'))) {
          const dayStart = daysGroup[0] + day.index
          const isLast = dayStart + day[0].length === daysGroup[1]
          push(
            single(dayStart, isLast ? end : dayStart + day[0].length, {
              ...reading.from,
              day: dayOf(day[0]),
            }),
          )
        }
        continue
      }
      if (reading.to) push(ranged(start, end, reading.from, reading.to))
      else push(single(start, end, reading.from))
    }
  }
  for (const match of text.matchAll(ISO_DATE)) {
    const date = { year: Number(match[1]), month: Number(match[3]), day: Number(match[4]) }
    push(single(match.index, match.index + match[0].length, date))
  }
  const mdy = monthFirst(text)
  for (const match of text.matchAll(NUMERIC_DATE)) {
    const first = Number(match[1])
    const second = Number(match[4])
    const year = twoDigitYear(match[5]!)
    const dayFirst = first > 12 ? true : second > 12 ? false : !mdy
    const date = dayFirst
      ? { year, month: second, day: first }
      : { year, month: first, day: second }
    push(single(match.index, match.index + match[0].length, date))
  }
  for (const match of text.matchAll(CUED_YEAR)) {
    const groups = match.groups!
    const indices = match.indices!.groups!
    const strong = STRONG_CUE.test(groups.cue!)
    const y1 = Number(groups.y1)
    if (!strong && (y1 < 1900 || y1 > 2099)) continue
    const y1End = indices.y1![1]
    if (HIJRI_AFTER.test(text.slice(y1End, y1End + 10))) continue
    if (groups.y2 !== undefined) {
      const y2 = Number(groups.y2)
      const y2End = indices.y2![1]
      const connector = groups.conn ?? ''
      const isList = LIST_CONNECTOR.test(connector)
      if (isList || Math.abs(y2 - y1) > 50) {
        push(single(indices.y1![0], y1End, { year: y1 }))
        if (!HIJRI_AFTER.test(text.slice(y2End, y2End + 10)))
          push(single(indices.y2![0], y2End, { year: y2 }))
      } else {
        push(ranged(indices.y1![0], y2End, { year: y1 }, { year: y2 }))
      }
      continue
    }
    push(single(indices.y1![0], y1End, { year: y1 }))
  }
  for (const match of text.matchAll(YEAR_RANGE)) {
    const groups = match.groups!
    const indices = match.indices!.groups!
    const y1 = Number(groups.y1)
    const y2 = Number(groups.y2)
    const opened = indices.y1![0] > match.index
    const connector = text.slice(indices.y1![1], indices.y2![0]).trim()
    // و and "and" join two years only after "between" (بين 2006 و2016); a dash or slash always.
    if (/^(?:و|and|ו|ל)$/.test(connector) && !opened) continue
    if (y1 === y2 || Math.abs(y2 - y1) > 30 || y1 < 1900 || y2 < 1900 || y1 > 2099 || y2 > 2099)
      continue
    push(ranged(indices.y1![0], indices.y2![1], { year: y1 }, { year: y2 }))
  }
  return found
}

const HEBREW_PREFIX = /^(?:ו?[במל]|ו)/

/** The span of a match without a range opener (من، between the) or a Hebrew prefix before a
 *  month (במאי 2014 is cited as מאי 2014: the prefix is the preposition "in"). */
function spanWithoutOpener(match: RegExpMatchArray, text: string): [number, number] {
  let start = match.index!
  const end = start + match[0].length
  const open = match.indices?.groups?.open
  if (open) start = open[1]
  while (start < end && /\s/.test(text[start]!)) start += 1
  const prefix = HEBREW_PREFIX.exec(text.slice(start, start + 2))
  if (prefix) {
    let wordEnd = start
    while (wordEnd < end && isLetterAt(text, wordEnd)) wordEnd += 1
    const word = text.slice(start, wordEnd)
    if (!MONTHS.has(word) && MONTHS.has(word.slice(prefix[0].length))) start += prefix[0].length
  }
  return [start, end]
}

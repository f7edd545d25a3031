/** Finds people, organisations and places, offline and without a trained Arabic or Hebrew
 *  model (none installs from the registries): places from the gazetteer (`gazetteer.ts`);
 *  well-known organisations by name; Arabic and Hebrew people after a title or role (السيد،
 *  وزير الداخلية، ד"ר، שר האוצר) or from a common given name (`names-data.ts`); Arabic and
 *  Hebrew organisations from the word that opens their name (شركة، وزارة، חברת، משרד) to the
 *  last word that can belong to it; English people, organisations and places through
 *  compromise, on the Latin-script stretches of the text only. How well this works is measured
 *  on the labelled set (docs/entities.md). Names are normalised by `normalizeName`. */
import nlp from 'compromise'
import { normalizeWord } from '../normalize/normalize-word.js'
import { candidateForms, letterTokens, type Token } from './gazetteer.js'
import {
  ARABIC_GIVEN_NAMES,
  ARABIC_HONORIFICS,
  ARABIC_NAME_PARTICLES,
  ARABIC_ORG_CUES,
  ARABIC_ROLES,
  ARABIC_TITLES,
  HEBREW_GIVEN_NAMES,
  HEBREW_HONORIFICS,
  HEBREW_ORG_CUES,
  HEBREW_ROLES,
  HEBREW_TITLES,
  KNOWN_ORGANIZATIONS,
  STOP_WORDS,
} from './names-data.js'
import { fold, isArabicLetterAt, isHebrewLetterAt, isLatinLetterAt } from './scan.js'
import type { TextContext } from './text-context.js'

/** A name found in folded text. */
export interface NameMention {
  readonly type: 'person' | 'organization' | 'location'
  readonly start: number
  readonly end: number
}

/**
 * A name as one entity across documents: NFKC, the analyser's folding of each word (alef,
 * yeh and teh marbuta variants, diacritics, niqqud, Latin accents, case), words joined by one
 * space. Titles are not part of a name's span, so they are not part of its value either.
 * @example normalizeName('مُحمّد  الغنّوشي') // 'محمد الغنوشي'
 */
export function normalizeName(surface: string): string {
  return normalizeWord(surface.normalize('NFKC'))
}

/** Multi-word lexicon entries indexed by their first (folded) word. */
class Lexicon {
  private readonly byFirst = new Map<string, string[][]>()

  constructor(words: readonly string[]) {
    for (const word of words) {
      const tokens = letterTokens(fold(word)).map((token) => token.text)
      if (tokens.length === 0) continue
      const list = this.byFirst.get(tokens[0]!) ?? []
      list.push(tokens)
      this.byFirst.set(tokens[0]!, list)
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length)
  }

  /** The number of tokens of the longest entry starting at token `k` as `form`, or 0. */
  match(form: string, tokens: readonly Token[], k: number, text: string): number {
    for (const entry of this.byFirst.get(form) ?? []) {
      let ok = true
      for (let j = 1; j < entry.length; j += 1) {
        const next = tokens[k + j]
        if (!next || next.text !== entry[j] || !gapOk(text, tokens[k + j - 1]!, next)) {
          ok = false
          break
        }
      }
      if (ok) return entry.length
    }
    return 0
  }
}

const TITLES = new Lexicon([...ARABIC_TITLES, ...HEBREW_TITLES])
const ROLES = new Lexicon([...ARABIC_ROLES, ...HEBREW_ROLES])
const GIVEN = new Lexicon([...ARABIC_GIVEN_NAMES, ...HEBREW_GIVEN_NAMES])
const ORG_CUES = new Lexicon([...ARABIC_ORG_CUES, ...HEBREW_ORG_CUES])
const KNOWN_ORGS = new Lexicon(KNOWN_ORGANIZATIONS)
const STOP = new Set(STOP_WORDS.map(fold))
const PARTICLES = new Set(ARABIC_NAME_PARTICLES.map(fold))
// Honorifics after which the name follows at once; after the other titles (roles such as
// الرئيس، اللاعب) up to two adjectives may come first: اللاعب التونسي مالك الجزيري.
const HONORIFICS = new Set(ARABIC_HONORIFICS.map(fold))
// Hebrew titles after which any name may follow (a person's honorific, not a role).
const HEBREW_HONORIFIC_WORDS = new Set(
  // חבר / חברת: the first word of חבר הכנסת, חברת הכנסת.
  [...HEBREW_HONORIFICS, 'חבר', 'חברת'].map(fold),
)
// Construct nouns that belong to a portfolio between a role and a name (وزير العلاقة مع مجلس
// نواب الشعب… فلان).
const PORTFOLIO_WORDS = new Set(
  [
    'مع',
    'مجلس',
    'نواب',
    'شؤون',
    'حقوق',
    'وحقوق',
    'شورى',
    'حركة',
    'هيئة',
    'باسم',
    'دولة',
    'وزراء',
    'عام',
  ].map(fold),
)

function gapOk(text: string, previous: Token, next: Token): boolean {
  // A hyphen joins the halves of a Hebrew double surname (כהן-פארן).
  if (next.start === previous.end + 1 && text[previous.end] === '-')
    return isHebrewLetterAt(text, next.start)
  for (let i = previous.end; i < next.start; i += 1) {
    const char = text[i]!
    if (char !== ' ' && char !== '\t') return false
  }
  return next.start > previous.end
}

function isDefinite(word: string): boolean {
  return /^(?:ال|وال|بال|فال|كال|لل|ولل|وبال)/.test(word) && word.length > 3
}

function hasProclitic(word: string): boolean {
  return /^(?:[وفبلك]|ה)/.test(word) && isDefinite(word)
}

function isHebrewDefinite(word: string): boolean {
  return word.startsWith('ה') && word.length > 3
}

/** How many tokens from `k` make up a person's name (0 if none); `minimum` tokens at least. */
function takeName(
  tokens: readonly Token[],
  k: number,
  text: string,
  minimum: number,
  firstIsGiven: boolean,
): number {
  let count = 0
  let words = 0
  let expectAfterParticle = false
  for (let j = k; j < tokens.length && words < 4; j += 1) {
    const token = tokens[j]!
    if (j > k && !gapOk(text, tokens[j - 1]!, token)) break
    const word = token.text
    if (
      STOP.has(word) ||
      TITLES.match(word, tokens, j, text) > 0 ||
      ROLES.match(word, tokens, j, text) > 0
    )
      break
    if (ORG_CUES.match(word, tokens, j, text) > 0 || isLatinLetterAt(text, token.start)) break
    const hebrew = isHebrewLetterAt(text, token.start)
    const given = GIVEN.match(word, tokens, j, text) > 0
    if (j === k && !given && !PARTICLES.has(word) && word.length < 3) break
    // Past the first word, a word that opens with the conjunction و (وذلك) or with the prefix
    // of an imperfect verb (يدعم، تتضمن) ends the name, unless it is itself a given name.
    if (
      j > k &&
      !hebrew &&
      !given &&
      !PARTICLES.has(word) &&
      /^[ويت]/.test(word) &&
      word.length >= 4
    )
      break
    // In Hebrew, a plural (מוזמנים، חברות) or "to …" in the construct state (להקדמת) ends it.
    if (j > k && hebrew && !given && (/(?:ימ|ות)$/.test(word) || /^ל.{3,}ת$/.test(word))) break
    // Lists of attendees run names together: a second given name starts the next person.
    if (j > k && given && words >= 2) break
    if (j > k || !firstIsGiven) {
      if (hasProclitic(word)) break
      if (hebrew && j > k && isHebrewDefinite(word) && !expectAfterParticle) break
      // A word in -ة after the name has begun is a common noun more often than a family name
      // (سامية عبو ممثلة حزب): only a particle lets one in (بن غربية).
      if (
        !hebrew &&
        j > k &&
        word.endsWith('ه') &&
        !word.startsWith('ال') &&
        !expectAfterParticle &&
        words >= 1
      )
        break
    }
    count = j - k + 1
    if (PARTICLES.has(word)) {
      expectAfterParticle = true
      continue
    }
    expectAfterParticle = false
    words += 1
    if (words >= 3) break
  }
  if (expectAfterParticle) count -= 1
  return words >= minimum ? count : 0
}

function findArabicHebrewNames(context: TextContext, out: NameMention[]): void {
  const text = context.text
  const tokens = letterTokens(text)
  let k = 0
  while (k < tokens.length) {
    const token = tokens[k]!
    if (!isArabicLetterAt(text, token.start) && !isHebrewLetterAt(text, token.start)) {
      k += 1
      continue
    }
    let advanced = false
    for (const { form, start } of candidateForms(token, text)) {
      // Well-known organisations.
      const known = KNOWN_ORGS.match(form, tokens, k, text)
      if (known > 0) {
        out.push({ type: 'organization', start, end: tokens[k + known - 1]!.end })
        k += known
        advanced = true
        break
      }
      // Organisations: cue word and the words of the name.
      const cue = ORG_CUES.match(form, tokens, k, text)
      if (cue > 0) {
        // המשרד להגנת הסביבה: a Hebrew article belongs to the name; a preposition does not.
        const article =
          isHebrewLetterAt(text, token.start) && start > token.start && text[start - 1] === 'ה'
        const orgStart = article ? start - 1 : start
        const definiteCue =
          (form.startsWith('ال') || article) && cue === 1 && !isHebrewLetterAt(text, token.start)
        const length = takeOrganization(tokens, k + cue, text, definiteCue)
        if (length.quoted) {
          out.push({ type: 'organization', start: length.quoted[0], end: length.quoted[1] })
          k += cue
          advanced = true
          break
        }
        if (length.count > 0) {
          out.push({
            type: 'organization',
            start: orgStart,
            end: tokens[k + cue + length.count - 1]!.end,
          })
          k += cue + length.count
          advanced = true
          break
        }
      }
      // People after a title or a role.
      const title = TITLES.match(form, tokens, k, text)
      const role = title === 0 ? ROLES.match(form, tokens, k, text) : 0
      if (title > 0 || role > 0) {
        // د is a title only as "د." (it is also the dinar after an amount).
        if (form === 'د' && text[token.end] !== '.') break
        let j = k + title + role
        const honorific = title > 0 && HONORIFICS.has(form)
        if (!honorific)
          j = skipPortfolio(
            tokens,
            j,
            text,
            context,
            role > 0 || isHebrewLetterAt(text, token.start),
          )
        const next = tokens[j]
        const firstIsGiven = next !== undefined && GIVEN.match(next.text, tokens, j, text) > 0
        // After a Hebrew role (השר، היושב ראש) only a known given name is trusted to start a name.
        if (
          isHebrewLetterAt(text, token.start) &&
          !HEBREW_HONORIFIC_WORDS.has(form) &&
          !firstIsGiven
        )
          break
        // The first word of a name after a role is not a noun in -ة or with the article,
        // unless it is a known given name (ومديرة منطقة المغرب العربي is not a person).
        const plausible =
          next !== undefined &&
          (firstIsGiven ||
            (!(/ه$/.test(next.text) && !honorific) &&
              !isDefinite(next.text) &&
              !isHebrewDefinite(next.text) &&
              !/^[لب]/.test(next.text) &&
              ORG_CUES.match(next.text, tokens, j, text) === 0))
        const length = plausible ? takeName(tokens, j, text, 1, firstIsGiven) : 0
        if (length > 0) {
          out.push({ type: 'person', start: tokens[j]!.start, end: tokens[j + length - 1]!.end })
          k = j + length
          advanced = true
          break
        }
      }
      // People from a common given name and at least one more word.
      const given = form === token.text ? GIVEN.match(form, tokens, k, text) : 0
      if (given > 0) {
        const length = takeName(tokens, k, text, 2, true)
        if (length > given - 1 && length > 0) {
          const previous = tokens[k - 1]
          const particle =
            previous && PARTICLES.has(previous.text) && gapOk(text, previous, token)
              ? previous
              : undefined
          out.push({
            type: 'person',
            start: (particle ?? token).start,
            end: tokens[k + length - 1]!.end,
          })
          k += length
          advanced = true
          break
        }
      }
    }
    if (!advanced) k += 1
  }
}

const PLACE_STARTS = new WeakMap<TextContext, Set<number>>()

/** The offsets at which the context's place names start (computed once per text). */
function placeStarts(context: TextContext): Set<number> {
  let starts = PLACE_STARTS.get(context)
  if (!starts) {
    starts = new Set(context.places().map((place) => place.start))
    PLACE_STARTS.set(context, starts)
  }
  return starts
}

/** Skips the words between a role and a name: a portfolio (الشؤون الثقافية) or a place. */
function skipPortfolio(
  tokens: readonly Token[],
  j: number,
  text: string,
  context: TextContext,
  role: boolean,
): number {
  const places = placeStarts(context)
  let skipped = 0
  while (j < tokens.length && skipped < (role ? 8 : 2)) {
    const token = tokens[j]!
    if (j > 0 && !gapOk(text, tokens[j - 1]!, token)) {
      // A comma may close the portfolio: رئيس وزراء مالطا، جوزيف موسكات.
      const gap = text.slice(tokens[j - 1]!.end, token.start)
      if (!(skipped > 0 && /^\s*[،,]\s*$/.test(gap))) break
    }
    const word = token.text
    if (STOP.has(word)) break
    const isPlace = places.has(token.start)
    const forWhat = role && /^[لל]/.test(word) && word.length > 3 && !isDefinite(word) // لقوات الأمن، להגנת הסביבה
    if (
      isDefinite(word) ||
      forWhat ||
      (role && (PORTFOLIO_WORDS.has(word) || isPlace)) ||
      (isHebrewDefinite(word) && role)
    ) {
      j += 1
      skipped += 1
      continue
    }
    break
  }
  return j
}

/** How many tokens after an organisation cue belong to its name, or the quoted name. */
const QUALIFIERS = new Set(
  [
    'العام',
    'العامة',
    'العليا',
    'الأعلى',
    'المركزي',
    'المستقل',
    'المستقلة',
    'المشتركة',
    'المتحدة',
    'الكبرى',
    'الأحمر',
    'الدائمة',
    'التأسيسي',
  ].map(fold),
)

const LIMITED = fold('בע"מ')

function isQualifier(word: string): boolean {
  return (
    QUALIFIERS.has(word) || (word.startsWith('ال') && /(?:ي|يه)$/.test(word) && word.length > 4)
  )
}

function takeOrganization(
  tokens: readonly Token[],
  k: number,
  text: string,
  definiteCue: boolean,
): { count: number; quoted?: [number, number] } {
  const first = tokens[k]
  if (!first) return { count: 0 }
  const before = text.slice(tokens[k - 1]!.end, first.start)
  // منظمة "X"، חברת "מקורות": the quoted words are the name.
  if (/^\s*["«]\s*$/.test(before)) {
    const close = text.indexOf(before.trim() === '«' ? '»' : '"', first.start)
    if (close > 0 && close - first.start < 60) return { count: 0, quoted: [first.start, close] }
    return { count: 0 }
  }
  let count = 0
  let bare = 0
  // After a cue with the article (المجلس، اللجنة) the next word must make it a name: a
  // nisba adjective (الوطني، التونسية) or a qualifier such as العليا; "المجلس الكاملة" is not.
  if (definiteCue && !isQualifier(first.text)) return { count: 0 }
  for (let j = k; j < tokens.length && count < 7; j += 1) {
    const token = tokens[j]!
    if (!gapOk(text, tokens[j - 1]!, token)) break
    const word = token.text
    if (STOP.has(word) || isLatinLetterAt(text, token.start)) break
    if (TITLES.match(word, tokens, j, text) > 0 || ROLES.match(word, tokens, j, text) > 0) break
    const hebrew = isHebrewLetterAt(text, token.start)
    // وزارة البيئة والإدارة العامة للغابات: a conjunction before another cue starts another name.
    if (
      j > k &&
      candidateForms(token, text).some(
        (c) => c.start > token.start && ORG_CUES.match(c.form, tokens, j, text) > 0,
      )
    )
      break
    if (hebrew ? isHebrewDefinite(word) : isDefinite(word)) {
      count = j - k + 1
      bare = 0
      continue
    }
    // ועדת הפנים והגנת הסביבה: "and …" before a definite word continues the name.
    if (
      hebrew &&
      j > k &&
      word.startsWith('ו') &&
      word.length > 2 &&
      tokens[j + 1] &&
      isHebrewDefinite(tokens[j + 1]!.text) &&
      gapOk(text, token, tokens[j + 1]!)
    ) {
      count = j - k + 1
      continue
    }
    // חברת אלון מערכות בע"מ: a company name runs to its legal form.
    if (hebrew) {
      for (let ahead = j; ahead < Math.min(tokens.length, j + 4); ahead += 1) {
        if (ahead > j && !gapOk(text, tokens[ahead - 1]!, tokens[ahead]!)) break
        if (tokens[ahead]!.text === LIMITED) return { count: ahead - k + 1 }
      }
    }
    // الهيئة الوطنية لمكافحة الفساد: after an adjective, "for …" still belongs to the name.
    if (
      !hebrew &&
      j > k &&
      /^ل[^ل]/.test(word) &&
      word.length > 3 &&
      isQualifier(tokens[j - 1]!.text)
    ) {
      count = j - k + 1
      bare = 0
      continue
    }
    // A word without the article: the first word of the name (شركة أرامكو، בנק ישראל), or a
    // second one of a foreign name (هيومن رايتس واتش); not a preposition + noun (لحساب، بتونس).
    if (j > k && /^[بل]/.test(word) && word.length > 3 && !hebrew) break
    if (j === k || (bare > 0 && bare < 3 && !hebrew)) {
      count = j - k + 1
      bare += 1
      continue
    }
    break
  }
  return { count }
}

interface CompromiseMatch {
  readonly text: string
  readonly offset: { readonly start: number; readonly length: number }
}

const ENGLISH_TITLE =
  /^(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Mx|Rev|Gen|Col|Capt|Lt|Sgt|President|Senator|Minister|Judge|Dear|Hello|Hi)\.?\s+)+/
const LEADING_ARTICLE = /^(?:the|The|THE)\s+/
const TRAILING = /(?:['’]s|['’]|[\s,;:!?)\]"'”’…-]|(?<!(?:^|\s)\p{Lu})\.)+$/u
const DESCRIPTOR = /^(?:State|City|Province|Republic|Kingdom|County|Town|Emirate) of\s+/
const MONTH_OR_DAY =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/
// English organisation names that end in a legal form or an institution word.
const ENGLISH_ORG =
  /(?<![\p{L}\p{N}])(?:(?:[A-Z][\p{L}&'’.-]{0,40}\s+(?:(?:of|and|for|the|&)\s+)?){1,5}(?:Ltd|Limited|Inc|GmbH|AG|LLC|LLP|plc|PLC|SA|NV|BV|Corp|Corporation|Company|Group|Holdings|Bank|University|Institute|Association|Service|Agency|Council|Ministry|Department|Committee|Foundation|Fund|Organization|Organisation|Center|Centre|College|Division|Authority|Commission|Federation|Union|Party|Traders)\.?(?:\s+of(?:\s+the)?(?:\s+[A-Z][\p{L}-]{0,40}){1,3})?|(?:University|Bank|Ministry|Department|Institute|College|Council) of(?:\s+the)?(?:\s+[A-Z][\p{L}-]{0,40}){1,3})(?![\p{L}])/gu

// Where an English name found by compromise must stop: a dash between spaces, a bullet, a
// bracket, an address ("Nicola Asuni - Tecnick.com", "Tarek Kouatly <tarek@act.edu>").
const NAME_BREAK = /\s[-–—|•]\s|[<([{@/\n]|\s\S*\.[a-z]{2,}\b/

function cleanSpan(
  text: string,
  start: number,
  end: number,
  type: NameMention['type'],
): [number, number] | undefined {
  let surface = text.slice(start, end)
  const cut = NAME_BREAK.exec(surface)
  if (cut) surface = surface.slice(0, cut.index)
  const trailing = TRAILING.exec(surface)
  if (trailing) surface = surface.slice(0, trailing.index)
  let lead = 0
  // USDA's Animal and Plant Health Inspection Service: the name follows the possessive.
  const possessive = /^.*['’]s\s+(?=\p{Lu})/u.exec(surface)
  if (possessive && type === 'organization') lead += possessive[0].length
  const article = LEADING_ARTICLE.exec(surface.slice(lead))
  if (article) lead += article[0].length
  if (type === 'location') {
    const descriptor = DESCRIPTOR.exec(surface.slice(lead))
    if (descriptor) lead += descriptor[0].length
  }
  if (type === 'person') {
    const title = ENGLISH_TITLE.exec(surface.slice(lead))
    if (title) lead += title[0].length
  }
  const cleaned = surface.slice(lead)
  if (
    cleaned.length < 2 ||
    !/[A-Z]/.test(cleaned) ||
    /[@\d]/.test(cleaned) ||
    MONTH_OR_DAY.test(cleaned)
  )
    return undefined
  if (/\s\.{2,}|\.{3}/.test(cleaned)) return undefined
  return [start + lead, start + lead + cleaned.length]
}

// Lines worth showing to compromise: two capitalised words in a row, a title or a preposition
// before a capitalised word, or a word in capitals. Mail headers, code and markup rarely
// qualify, and compromise is the slowest step of all (about 0.1 MB/s).
const NAME_LINE =
  /\p{Lu}[\p{Ll}'’.-]{1,40}\s+\p{Lu}|\b(?:in|at|from|to|of|by|near|with|Mr|Mrs|Ms|Dr|Prof|Dear)\.?\s+\p{Lu}|\p{Lu}{3,40}[,—–-]\s*\p{Lu}/u
const LATIN_LINE = /[^\n\u0590-\u05FF\u0600-\u06FF]+/g
const BATCH = 20_000

function findEnglishNames(context: TextContext, out: NameMention[]): void {
  const text = context.text
  // Latin stretches of at most a line, without Arabic or Hebrew letters, that may hold a name;
  // they go to compromise in batches, joined by blank lines so that no sentence spans two.
  let batch = ''
  let offsets: [batchStart: number, textStart: number, length: number][] = []
  const flush = () => {
    if (batch !== '') tagWithCompromise(text, batch, offsets, out)
    batch = ''
    offsets = []
  }
  for (const run of text.matchAll(LATIN_LINE)) {
    if (!NAME_LINE.test(run[0])) continue
    offsets.push([batch.length, run.index, run[0].length])
    batch += `${run[0]}\n\n`
    if (batch.length > BATCH) flush()
    for (const match of run[0].matchAll(ENGLISH_ORG)) {
      const span = cleanSpan(
        text,
        run.index + match.index,
        run.index + match.index + match[0].length,
        'organization',
      )
      if (span) out.push({ type: 'organization', start: span[0], end: span[1] })
    }
  }
  flush()
}

function tagWithCompromise(
  text: string,
  batch: string,
  offsets: readonly [number, number, number][],
  out: NameMention[],
): void {
  const toText = (batchOffset: number): number | undefined => {
    let low = 0
    let high = offsets.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const [batchStart, textStart, length] = offsets[middle]!
      if (batchOffset < batchStart) high = middle - 1
      else if (batchOffset > batchStart + length) low = middle + 1
      else return textStart + (batchOffset - batchStart)
    }
    return undefined
  }
  const doc = nlp(batch)
  const groups: [NameMention['type'], CompromiseMatch[]][] = [
    ['person', doc.people().json({ offset: true }) as CompromiseMatch[]],
    ['organization', doc.organizations().json({ offset: true }) as CompromiseMatch[]],
    ['location', doc.places().json({ offset: true }) as CompromiseMatch[]],
  ]
  for (const [type, matches] of groups) {
    for (const match of matches) {
      const start = toText(match.offset.start)
      const end = toText(match.offset.start + match.offset.length)
      if (
        start === undefined ||
        end === undefined ||
        end <= start ||
        text.slice(start, end).includes('\n\n')
      )
        continue
      // "Geneva, Switzerland" is two places.
      const pieces =
        type === 'location' ? splitAtCommas(text, start, end) : [[start, end] as [number, number]]
      for (const [pieceStart, pieceEnd] of pieces) {
        const span = cleanSpan(text, pieceStart, pieceEnd, type)
        if (span) out.push({ type, start: span[0], end: span[1] })
      }
    }
  }
}

function splitAtCommas(text: string, start: number, end: number): [number, number][] {
  const pieces: [number, number][] = []
  let pieceStart = start
  for (let i = start; i < end; i += 1) {
    if (text[i] === ',') {
      pieces.push([pieceStart, i])
      pieceStart = i + 1
      while (pieceStart < end && /\s/.test(text[pieceStart]!)) pieceStart += 1
    }
  }
  pieces.push([pieceStart, end])
  return pieces.filter(([a, b]) => b > a)
}

/**
 * The people, organisations and places of a text, as folded-offset mentions (they may overlap;
 * `find-entities.ts` keeps the longest).
 */
export function findNames(context: TextContext): NameMention[] {
  const out: NameMention[] = []
  for (const place of context.places())
    out.push({ type: 'location', start: place.start, end: place.end })
  findArabicHebrewNames(context, out)
  findEnglishNames(context, out)
  return out
}

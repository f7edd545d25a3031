/** A light stemmer for Arabic forms, after Larkey, Ballesteros and Connell's light10 ("Light
 *  Stemming for Arabic Information Retrieval", 2007): it strips the conjunction, the article and
 *  its clitics, and common suffixes; it never guesses roots. It expects a form from
 *  `normalizeWord`, where ة is already ه, ى is ي and every alef is ا.
 *
 *  Rules, in order:
 *  1. A leading و (and) or ف (so) goes if 3 or more letters remain (light10 strips only و; ف is
 *     as common a conjunction in news text: فقال, فإن).
 *  2. One article or article-with-clitic goes, longest first: وال بال كال فال لل ال, if 2 or
 *     more letters remain; then rule 1 is applied once more. The second pass is our addition:
 *     without it الوزارة gives وزار but وزارة gives زار, because rule 1 takes the و of a word
 *     that starts with it. With it, a word and the same word with the article always meet.
 *  3. Suffixes, each tried once in light10's order: ها ان ات ون ين يه ه ي (light10 lists ية
 *     and ة as well; after ة → ه they are يه and ه), each only if 2 or more letters remain.
 *  A standalone ب ك ل is not a prefix: بيت, كتاب and لبنان keep their first letter.
 *
 *  Known costs of light stemming, accepted for recall: some distinct words meet (لبنان and لبن,
 *  سنة and سن), and words that begin with و or ف lose that letter (وزارة → زار, فريق → ريق);
 *  both sides of the search agree, so this costs precision, never matches. */

const WAW = 0x0648
const FEH = 0x0641
const ARTICLES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'] as const
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'] as const

function stripConjunction(word: string): string {
  const first = word.charCodeAt(0)
  return (first === WAW || first === FEH) && word.length >= 4 ? word.slice(1) : word
}

/**
 * The term of an Arabic form.
 * @example stemArabic('بالوزاره') // 'زار', as for 'الوزاره', 'وزاره' and 'والوزاره'
 */
export function stemArabic(form: string): string {
  let word = stripConjunction(form)
  for (const article of ARTICLES) {
    if (word.length - article.length >= 2 && word.startsWith(article)) {
      word = stripConjunction(word.slice(article.length))
      break
    }
  }
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 2 && word.endsWith(suffix)) {
      word = word.slice(0, word.length - suffix.length)
    }
  }
  return word
}

/** What every entity rule may ask about one text: its folded form, the language the caller
 *  gave, and (computed once, on first use) the place names and country cues in it. */
import { findCountryCues, type CountryCue } from './country-cues.js'
import { foldText, type FoldedText } from './fold-text.js'
import { findPlaces, type PlaceHit } from './gazetteer.js'

/** One text as the entity rules see it. */
export interface TextContext {
  readonly folded: FoldedText
  /** The folded text (`folded.text`). */
  readonly text: string
  /** ISO 639-1 code the caller gave, or null. */
  readonly lang: string | null
  /** Countries of the whole document, from the caller (most important first). */
  readonly documentCountries: readonly string[]
  places(): PlaceHit[]
  countryCues(): CountryCue[]
}

/** The context of a raw text. */
export function contextOf(
  raw: string,
  lang: string | null = null,
  documentCountries: readonly string[] = [],
): TextContext {
  const folded = foldText(raw)
  let places: PlaceHit[] | undefined
  let cues: CountryCue[] | undefined
  return {
    folded,
    text: folded.text,
    lang,
    documentCountries,
    places: () => (places ??= findPlaces(folded.text)),
    countryCues: () =>
      (cues ??= findCountryCues(folded.text, (places ??= findPlaces(folded.text)))),
  }
}

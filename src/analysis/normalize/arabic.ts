/** Folds the spelling variants of Arabic script (Arabic, Persian, Urdu) that searchers do not
 *  type consistently: diacritics, tatweel, hamza seats, alef forms, teh marbuta, alef maqsura,
 *  Persian/Urdu letter shapes and Eastern digits. It maps single characters only: presentation
 *  forms and ligatures are NFKC's job, done first by `normalizeWord`; stemming is `stem/arabic.ts`. */
import { createCharTable, DROP, mapChars, setRange, type CharTable } from './char-table.js'

const ALEF = 0x0627
const WAW = 0x0648
const YEH = 0x064a
const HEH = 0x0647
const KAF = 0x0643

/** Writes the Arabic-script rules into `table`; `normalizeWord` combines them with the others. */
export function addArabicRules(table: CharTable): void {
  // Harakat (tanwin, short vowels, shadda, sukun, madda/hamza above and below, …) and the
  // superscript alef: vocalised and unvocalised spellings of a word must match.
  setRange(table, 0x064b, 0x065f, DROP)
  table[0x0670] = DROP
  // Quranic annotation: honorific signs, small high letters and pause marks (U+06D6–U+06ED),
  // and the extended-A set that Quran editions use for the same purpose.
  setRange(table, 0x0610, 0x061a, DROP)
  setRange(table, 0x06d6, 0x06ed, DROP)
  setRange(table, 0x08d3, 0x08ff, DROP)
  // Tatweel stretches a word for layout (بـالوزارة, الـــوزارة) and means nothing.
  table[0x0640] = DROP
  // Alef with hamza above/below, madda, wasla and the wavy-hamza variants: writers drop the
  // hamza more often than not, so all alefs meet at the bare one.
  for (const code of [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673]) table[code] = ALEF
  // Alef maqsura and final yeh are confused in print (على/علي) and in Egyptian spelling.
  table[0x0649] = YEH
  // Teh marbuta is often written as heh (الماليه for المالية), especially in informal text.
  table[0x0629] = HEH
  // Hamza seats: where the hamza sits (on waw, on yeh, or on the line) varies between writers,
  // regions and OCR, so ؤ and ئ meet their seat letters as أ meets ا.
  table[0x0624] = WAW
  table[0x0626] = YEH
  // Persian and Urdu shapes of shared letters: keheh, Farsi yeh, ae, heh goal (with and without
  // hamza), heh with yeh above, teh marbuta goal. Persian text typed on an Arabic keyboard
  // (and the reverse) must still match.
  table[0x06a9] = KAF
  table[0x06cc] = YEH
  for (const code of [0x06c0, 0x06c1, 0x06c2, 0x06c3, 0x06d5]) table[code] = HEH
  // Arabic-Indic and Persian digits: ٢٠٢٤ and ۲۰۲۴ match 2024.
  for (let digit = 0; digit < 10; digit += 1) {
    table[0x0660 + digit] = 0x30 + digit
    table[0x06f0 + digit] = 0x30 + digit
  }
}

const ARABIC_TABLE = createCharTable()
addArabicRules(ARABIC_TABLE)

/**
 * Arabic-script text with its spelling variants folded; other characters are kept.
 * @example normalizeArabic('مُحَمَّد') // 'محمد'
 */
export function normalizeArabic(text: string): string {
  return mapChars(text, ARABIC_TABLE)
}

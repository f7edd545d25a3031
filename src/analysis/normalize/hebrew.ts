/** Folds the spelling variants of Hebrew that searchers do not type consistently: niqqud and
 *  cantillation, geresh/gershayim in abbreviations and loan sounds, and final letter shapes.
 *  The maqaf (U+05BE) is kept: it joins two words and the tokenizer splits on it. Prefix
 *  stripping is `stem/hebrew.ts`. */
import { createCharTable, DROP, KEEP, mapChars, setRange, type CharTable } from './char-table.js'

/** Writes the Hebrew rules into `table`; `normalizeWord` combines them with the others. */
export function addHebrewRules(table: CharTable): void {
  // Niqqud, cantillation, dagesh, shin/sin dots, and the punctuation points among them
  // (paseq, sof pasuq, nun hafukha): vocalised text (fixture: hebrew-diacritized/) must match
  // the plain spelling.
  setRange(table, 0x0591, 0x05c7, DROP)
  table[0x05be] = KEEP
  // Geresh and gershayim: צה״ל is searched as צהל, ג׳ורג׳ as גורג.
  table[0x05f3] = DROP
  table[0x05f4] = DROP
  // Final letters become the ordinary ones, so a prefix query (ספ*) and a word cut at the end
  // of a line still match.
  table[0x05da] = 0x05db // ך → כ
  table[0x05dd] = 0x05de // ם → מ
  table[0x05df] = 0x05e0 // ן → נ
  table[0x05e3] = 0x05e4 // ף → פ
  table[0x05e5] = 0x05e6 // ץ → צ
}

const HEBREW_TABLE = createCharTable()
addHebrewRules(HEBREW_TABLE)

// Stand-ins for geresh/gershayim: ASCII as keyboards type them, curly as word processors
// "correct" them (צה”ל). Only between two letters: elsewhere they are quotation marks.
const QUOTE_IN_WORD = /(?<=[\u05D0-\u05EA])['"\u2019\u201D](?=[\u05D0-\u05EA])/g

/**
 * Hebrew text with its spelling variants folded; other characters are kept.
 * @example normalizeHebrew('צה"ל') // 'צהל'
 */
export function normalizeHebrew(text: string): string {
  return mapChars(text, HEBREW_TABLE).replace(QUOTE_IN_WORD, '')
}

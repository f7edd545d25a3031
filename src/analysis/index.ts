/** What other layers may use from analysis: the one analyser for index and query time, its
 *  word-level parts, and language detection. Pure functions; no I/O. */
export { analyze, normalizeWord, queryAlternatives, stemWord, type Token } from './text-analysis.js'
export { detectLanguage, detectLanguages } from './language/detect-language.js'
export { dominantLanguages } from './language/dominant-languages.js'
export { findCountries, findEntities, findQuantities } from './entities/index.js'

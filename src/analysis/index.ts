/** What other layers may use from analysis: the one analyser for index and query time, its
 *  word-level parts, and language detection. Pure functions; no I/O. */
export { analyze, type Token } from './analyze.js'
export { normalizeWord } from './normalize/normalize-word.js'
export { stemWord } from './stem/stem-word.js'
export { detectLanguage, detectLanguages } from './language/detect-language.js'
export { dominantLanguages } from './language/dominant-languages.js'
export { queryAlternatives } from './query-alternatives.js'
export { findCountries, findEntities, findQuantities } from './entities/index.js'

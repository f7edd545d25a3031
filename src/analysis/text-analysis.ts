/** The analyser alone (tokenize → normalise → stem, and the query-time alternatives), without
 *  language detection and entity extraction: what search needs, and cheap to load, so that a
 *  `daleel search` starts fast. */
export { analyze, type Token } from './analyze.js'
export { normalizeWord } from './normalize/normalize-word.js'
export { stemWord } from './stem/stem-word.js'
export { queryAlternatives } from './query-alternatives.js'

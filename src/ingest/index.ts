/** What other layers may use from ingest. */
export { indexPaths, defaultIndexOptions, documentId, FileIndexer } from './pipeline.js'
export type { FileOutcome, IndexOptions, IndexProgress, IndexSummary } from './pipeline.js'
export { walk, checkRoots, type InputFile } from './walk.js'
export type { Extractor, ExtractionResult, ExtractionInput, OcrMode } from './extractor.js'
export type { AnalyzeSummary } from './analyze-store.js'

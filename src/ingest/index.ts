/** What other layers may use from ingest. */
export { indexPaths, defaultIndexOptions, documentId } from './pipeline.js'
export type { IndexOptions, IndexProgress, IndexSummary } from './pipeline.js'
export type { Extractor, ExtractionResult, ExtractionInput, OcrMode } from './extractor.js'
export type { AnalyzeSummary } from './analyze-store.js'

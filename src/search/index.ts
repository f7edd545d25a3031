/** What other layers may use from search. */
export { SearchService, compileQuery } from './search-service.js'
export type { SearchHit, SearchOptions, SearchResult } from './search-service.js'
export { parseQuery } from './query/index.js'
export type { QueryNode } from './query/index.js'
export { citePassage } from './cite-passage.js'
export type { Citation } from './cite-passage.js'
export { exportFtm, exportMentionsCsv, entityId } from './export-collection.js'
export type { FtmEntity } from './export-collection.js'

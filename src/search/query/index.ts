/** What other layers may use from the query language: the tree, the parser and the formatter. */
export { defaultFields, type ParseQueryOptions, type QueryNode } from './query-node.js'
export { parseQuery } from './parse-query.js'
export { formatQuery } from './format-query.js'

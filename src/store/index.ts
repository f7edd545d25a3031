/** What other layers may use from the store layer. Engines stay behind openStore. */
export type * from './store.js'
export { openStore } from './open-store.js'
export { sha256Hex } from './blob-store.js'

/** Collects an async iterable (`listDocuments()`, `listFailures()`) into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

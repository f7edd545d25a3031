/** What other layers may use from the store layer. Engines stay behind openStore. */
export type * from './store.js'
export { openStore } from './open-store.js'
export { sha256Hex } from './blob-store.js'

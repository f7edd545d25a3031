/** Turns what the user named (`--store DIR` or `postgres://…`) into a Store engine. The only
 *  module outside the engines that knows which engines exist. */

import { DaleelError } from '../domain/index.js'
import type { Store } from './store.js'

/** Opens the store at `location`: a folder (SQLite, created if missing) or a PostgreSQL URL
 *  (`postgres://user:password@host/db?blobs=/shared/originals`). A PostgreSQL store connects on
 *  its first call, which fails with STORE_UNUSABLE when the server cannot be used. */
export async function openStore(location: string): Promise<Store> {
  // Each engine is loaded when used: the embedded store never loads the PostgreSQL client.
  if (/^postgres(ql)?:\/\//iu.test(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js')
    return openPostgresStore(location)
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//iu.test(location)) {
    throw new DaleelError('STORE_ENGINE_UNKNOWN', { location })
  }
  const { openSqliteStore } = await import('./sqlite/sqlite-store.js')
  return openSqliteStore(location)
}

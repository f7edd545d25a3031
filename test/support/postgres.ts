/** PostgreSQL for tests. `create()` makes a database of its own (`daleel_test_<random>`) on the
 *  server at $DALEEL_TEST_POSTGRES (or $DALEEL_TEST_POSTGRES_URL); `createSchema()` makes a
 *  schema in one shared test database instead, which is much quicker when a file opens many
 *  stores. `dropAll()` drops every database made. Without the variable the PostgreSQL tests are
 *  skipped with a note saying why; with it, an unreachable server fails them loudly (as on CI). */

import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The admin URL of the test server, or null when none is configured. */
export const postgresTestUrl: string | null =
  process.env.DALEEL_TEST_POSTGRES || process.env.DALEEL_TEST_POSTGRES_URL || null

/** True when PostgreSQL tests must be skipped; says why on the console. */
export function skipPostgres(): boolean {
  if (postgresTestUrl) return false
  console.warn(
    'PostgreSQL tests skipped: set DALEEL_TEST_POSTGRES=postgres://user:password@127.0.0.1:5432/postgres to run them.',
  )
  return true
}

const redacted = (url: string): string => url.replace(/:[^:@/]*@/u, ':…@')
// Names are ours (hex only), never user input, so they may be spelled into statements.
const randomName = (prefix: string): string => `${prefix}${randomBytes(6).toString('hex')}`

/** Makes throwaway databases and schemas on the test server. */
export class TestDatabases {
  private readonly created: string[] = []
  private shared: Promise<string> | null = null

  /** The URL of a new, empty database. Rejects when the server cannot be reached. */
  async create(): Promise<string> {
    if (!postgresTestUrl) throw new Error('DALEEL_TEST_POSTGRES is not set')
    const name = randomName('daleel_test_')
    await withClient(postgresTestUrl, (client) => client.query(`CREATE DATABASE ${name}`))
    this.created.push(name)
    const url = new URL(postgresTestUrl)
    url.pathname = `/${name}`
    return url.toString()
  }

  /** The URL of a new, empty schema in this object's shared database (`search_path` is set in
   *  the URL's `options`). */
  async createSchema(): Promise<string> {
    this.shared ??= this.create()
    const url = new URL(await this.shared)
    const schema = randomName('s_')
    await withClient(url.toString(), (client) => client.query(`CREATE SCHEMA ${schema}`))
    url.searchParams.set('options', `-c search_path=${schema}`)
    return url.toString()
  }

  /** Drops every database this object made, with everything in it. */
  async dropAll(): Promise<void> {
    const names = this.created.splice(0)
    this.shared = null
    if (names.length === 0 || !postgresTestUrl) return
    await withClient(postgresTestUrl, async (client) => {
      for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    })
  }
}

async function withClient(
  url: string,
  work: (client: pg.Client) => Promise<unknown>,
): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(
      `DALEEL_TEST_POSTGRES is set but the server at ${redacted(url)} cannot be used: ${String(error)}`,
      { cause: error },
    )
  }
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

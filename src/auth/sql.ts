/** The small SQL surface the auth and audit tables need, the same on both engines: statements are
 *  written once with `?` placeholders (rewritten to `$n` for PostgreSQL) and run in transactions
 *  that serialise writers, which the audit chain relies on. */

import Database from 'better-sqlite3'
import pg from 'pg'

export interface Sql {
  readonly engine: 'sqlite' | 'postgres'
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>
  run(sql: string, params?: readonly unknown[]): Promise<number>
  /** Runs `work` alone: no other writer runs between its statements. */
  exclusive<T>(table: string, work: (sql: Sql) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/* eslint-disable @typescript-eslint/require-await -- better-sqlite3 answers synchronously. */
export class SqliteSql implements Sql {
  readonly engine = 'sqlite'
  private readonly db: Database.Database

  constructor(file: string) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('busy_timeout = 10000')
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.db.prepare(sql).all(...params) as T[]
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.db.prepare(sql).run(...params).changes
  }

  async exclusive<T>(_table: string, work: (sql: Sql) => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = await work(this)
      this.db.exec('COMMIT')
      return result
    } catch (error) {
      this.db.exec('ROLLBACK')
      throw error
    }
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
/* eslint-enable @typescript-eslint/require-await */

export class PostgresSql implements Sql {
  readonly engine = 'postgres'

  constructor(
    private readonly pool: pg.Pool,
    private readonly client: pg.PoolClient | null = null,
  ) {}

  static connect(connectionString: string): PostgresSql {
    return new PostgresSql(new pg.Pool({ connectionString, max: 4 }))
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await (this.client ?? this.pool).query(numbered(sql), [...params])
    return result.rows as T[]
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await (this.client ?? this.pool).query(numbered(sql), [...params])
    return result.rowCount ?? 0
  }

  async exclusive<T>(table: string, work: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      // Table names are ours, never user input.
      await client.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`)
      const result = await work(new PostgresSql(this.pool, client))
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  async close(): Promise<void> {
    if (!this.client) await this.pool.end()
  }
}

/** `?` placeholders → `$1, $2, …` (the statements here have no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0
  return sql.replace(/\?/gu, () => `$${(n += 1)}`)
}

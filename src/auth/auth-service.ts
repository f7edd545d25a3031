/** Users, roles per collection, sessions, API tokens and the audit log of a team server
 *  (`daleel serve --auth`). Passwords are hashed with Argon2id (memory-hard); session ids and API
 *  tokens are random and only their SHA-256 is stored. Every login, search, view, download,
 *  export and permission change is appended to a hash-chained audit log: each entry's hash
 *  covers the previous one's, so `daleel audit verify` finds an edited or removed entry. */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { join } from 'node:path'
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2'
import { DaleelError } from '../domain/index.js'
import { PostgresSql, SqliteSql, type Sql } from './sql.js'

export const roles = ['reader', 'editor', 'admin'] as const
export type Role = (typeof roles)[number]

export interface User {
  readonly name: string
  readonly admin: boolean
  readonly createdAt: string
}

/** What a user may reach: every collection (instance admin) or the listed ones with a role. */
export interface Access {
  readonly user: string
  readonly admin: boolean
  readonly collections: ReadonlyMap<string, Role>
}

export interface AuditEntry {
  readonly seq: number
  readonly at: string
  readonly actor: string | null
  readonly action: string
  readonly target: string | null
  readonly detail: Record<string, unknown>
  readonly prevHash: string
  readonly hash: string
}

/** An audit entry as stored: `detail` as JSON text, exactly the text that was hashed. */
interface AuditRow {
  seq: number
  at: string
  actor: string | null
  action: string
  target: string | null
  detail: string
  prev_hash: string
  hash: string
}

export interface AuditProblem {
  readonly seq: number
  readonly problem: string
}

const sessionHours = 12
const genesis = '0'.repeat(64)
const namePattern = /^[\p{L}\p{N}._@-]{1,64}$/u
const minPasswordLength = 10

const schema = [
  `CREATE TABLE IF NOT EXISTS auth_users (
     name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, admin INTEGER NOT NULL,
     created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS auth_grants (
     user_name TEXT NOT NULL, collection TEXT NOT NULL, role TEXT NOT NULL,
     PRIMARY KEY (user_name, collection))`,
  `CREATE TABLE IF NOT EXISTS auth_sessions (
     id_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf TEXT NOT NULL,
     created_at TEXT NOT NULL, expires_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS auth_tokens (
     id_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, label TEXT, created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS audit_log (
     seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT, action TEXT NOT NULL, target TEXT,
     detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS audit_head (
     id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL)`,
]

/** Opens the auth tables beside the store: `auth.db` in the store folder, or tables in the
 *  PostgreSQL store's database. */
export async function openAuth(location: string): Promise<AuthService> {
  let sql: Sql
  if (/^postgres(ql)?:\/\//iu.test(location)) {
    const url = new URL(location)
    url.searchParams.delete('blobs')
    sql = PostgresSql.connect(url.toString())
  } else {
    sql = new SqliteSql(join(location, 'auth.db'))
  }
  try {
    for (const statement of schema) await sql.run(statement)
  } catch (error) {
    await sql.close().catch(() => undefined)
    throw new DaleelError(
      'STORE_UNUSABLE',
      { location, detail: error instanceof Error ? error.message : String(error) },
      { cause: error },
    )
  }
  return new AuthService(sql)
}

export class AuthService {
  /** A hash to verify against when the user does not exist, so timing tells nothing. */
  private dummyHash: Promise<string> | null = null

  constructor(private readonly sql: Sql) {}

  async addUser(name: string, password: string, options: { admin: boolean }): Promise<User> {
    if (!namePattern.test(name)) {
      throw new DaleelError('ARGUMENT_INVALID', {
        name: 'NAME',
        detail: 'letters, digits and . _ @ -, at most 64',
      })
    }
    checkPassword(password)
    const user: User = { name, admin: options.admin, createdAt: new Date().toISOString() }
    const passwordHash = await argonHash(password)
    const added = await this.sql.run(
      `INSERT INTO auth_users (name, password_hash, admin, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING`,
      [name, passwordHash, options.admin ? 1 : 0, user.createdAt],
    )
    if (added === 0) throw new DaleelError('ARGUMENT_INVALID', { name: 'NAME', detail: 'taken' })
    await this.audit(null, 'user.add', name, { admin: options.admin })
    return user
  }

  async setPassword(name: string, password: string): Promise<void> {
    checkPassword(password)
    await this.requireUser(name)
    await this.sql.run('UPDATE auth_users SET password_hash = ? WHERE name = ?', [
      await argonHash(password),
      name,
    ])
    await this.sql.run('DELETE FROM auth_sessions WHERE user_name = ?', [name])
    await this.audit(null, 'user.password', name, {})
  }

  async listUsers(): Promise<(User & { grants: Record<string, Role> })[]> {
    const users = await this.sql.all<{ name: string; admin: number; created_at: string }>(
      'SELECT name, admin, created_at FROM auth_users ORDER BY name',
    )
    const grants = await this.sql.all<{ user_name: string; collection: string; role: Role }>(
      'SELECT user_name, collection, role FROM auth_grants ORDER BY collection',
    )
    return users.map((row) => ({
      name: row.name,
      admin: Number(row.admin) === 1,
      createdAt: row.created_at,
      grants: Object.fromEntries(
        grants.filter((g) => g.user_name === row.name).map((g) => [g.collection, g.role]),
      ),
    }))
  }

  /** Gives a user a role on a collection, or takes it away with `null`. */
  async grant(
    name: string,
    collection: string,
    role: Role | null,
    actor: string | null = null,
  ): Promise<void> {
    await this.requireUser(name)
    if (role !== null && !roles.includes(role)) {
      throw new DaleelError('ARGUMENT_INVALID', { name: 'ROLE', detail: roles.join(', ') })
    }
    if (role === null) {
      await this.sql.run('DELETE FROM auth_grants WHERE user_name = ? AND collection = ?', [
        name,
        collection,
      ])
    } else {
      await this.sql.run(
        `INSERT INTO auth_grants (user_name, collection, role) VALUES (?, ?, ?)
         ON CONFLICT (user_name, collection) DO UPDATE SET role = excluded.role`,
        [name, collection, role],
      )
    }
    await this.audit(actor, 'permission.change', name, { collection, role })
  }

  async access(name: string): Promise<Access> {
    const user = await this.requireUser(name)
    const grants = await this.sql.all<{ collection: string; role: Role }>(
      'SELECT collection, role FROM auth_grants WHERE user_name = ?',
      [name],
    )
    return {
      user: name,
      admin: user.admin,
      collections: new Map(grants.map((g) => [g.collection, g.role])),
    }
  }

  /** Checks a password; on success opens a session. Unknown user and wrong password are one
   *  answer, in about the same time. */
  async login(
    name: string,
    password: string,
    from: string | null,
  ): Promise<{ session: string; csrf: string; user: User } | null> {
    const rows = await this.sql.all<{ password_hash: string; admin: number; created_at: string }>(
      'SELECT password_hash, admin, created_at FROM auth_users WHERE name = ?',
      [name],
    )
    const row = rows[0]
    this.dummyHash ??= argonHash(randomBytes(16).toString('hex'))
    const ok = await argonVerify(row?.password_hash ?? (await this.dummyHash), password).catch(
      () => false,
    )
    if (!row || !ok) {
      await this.audit(null, 'login.failed', name, { from })
      return null
    }
    const session = randomToken()
    const csrf = randomToken()
    const now = new Date()
    await this.sql.run(
      `INSERT INTO auth_sessions (id_hash, user_name, csrf, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
      [
        sha256(session),
        name,
        csrf,
        now.toISOString(),
        new Date(now.getTime() + sessionHours * 3_600_000).toISOString(),
      ],
    )
    await this.audit(name, 'login', name, { from })
    return {
      session,
      csrf,
      user: { name, admin: Number(row.admin) === 1, createdAt: row.created_at },
    }
  }

  async session(session: string): Promise<{ user: string; csrf: string } | null> {
    const rows = await this.sql.all<{ user_name: string; csrf: string; expires_at: string }>(
      'SELECT user_name, csrf, expires_at FROM auth_sessions WHERE id_hash = ?',
      [sha256(session)],
    )
    const row = rows[0]
    if (!row || row.expires_at < new Date().toISOString()) return null
    return { user: row.user_name, csrf: row.csrf }
  }

  async logout(session: string): Promise<void> {
    const found = await this.session(session)
    await this.sql.run('DELETE FROM auth_sessions WHERE id_hash = ?', [sha256(session)])
    if (found) await this.audit(found.user, 'logout', found.user, {})
  }

  /** A new API token for scripts (`Authorization: Bearer …`); shown once, stored hashed. */
  async createToken(name: string, label: string | null = null): Promise<string> {
    await this.requireUser(name)
    const token = `dlk_${randomToken()}`
    await this.sql.run(
      'INSERT INTO auth_tokens (id_hash, user_name, label, created_at) VALUES (?, ?, ?, ?)',
      [sha256(token), name, label, new Date().toISOString()],
    )
    await this.audit(null, 'token.create', name, { label })
    return token
  }

  async tokenUser(token: string): Promise<string | null> {
    const rows = await this.sql.all<{ user_name: string }>(
      'SELECT user_name FROM auth_tokens WHERE id_hash = ?',
      [sha256(token)],
    )
    return rows[0]?.user_name ?? null
  }

  /** Appends one entry to the audit log, chained to the one before. */
  async audit(
    actor: string | null,
    action: string,
    target: string | null,
    detail: Record<string, unknown>,
  ): Promise<AuditEntry> {
    return this.sql.exclusive('audit_head', async (sql) => {
      const head = (
        await sql.all<{ seq: number; hash: string }>(
          'SELECT seq, hash FROM audit_head WHERE id = 1',
        )
      )[0]
      const seq = Number(head?.seq ?? 0) + 1
      const prevHash = head?.hash ?? genesis
      const at = new Date().toISOString()
      const detailText = JSON.stringify(detail)
      const hash = entryHash({ seq, at, actor, action, target, detailText, prevHash })
      await sql.run(
        `INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [seq, at, actor, action, target, detailText, prevHash, hash],
      )
      await sql.run(
        `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
        [seq, hash],
      )
      return { seq, at, actor, action, target, detail, prevHash, hash }
    })
  }

  private auditRows(): Promise<AuditRow[]> {
    return this.sql.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq')
  }

  async auditEntries(): Promise<AuditEntry[]> {
    const rows = await this.auditRows()
    return rows.map((row) => ({
      seq: Number(row.seq),
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
      prevHash: row.prev_hash,
      hash: row.hash,
    }))
  }

  /** Recomputes the chain: an edited entry breaks its own hash, a removed one the sequence and
   *  the next entry's link, a removed tail the head record. */
  async verifyAudit(): Promise<AuditProblem[]> {
    const problems: AuditProblem[] = []
    const rows = await this.auditRows()
    let expected = 1
    let prev = genesis
    for (const row of rows) {
      const seq = Number(row.seq)
      if (seq !== expected)
        problems.push({ seq: expected, problem: `entries ${expected}–${seq - 1} are missing` })
      if (row.prev_hash !== prev)
        problems.push({ seq, problem: 'does not follow the entry before it' })
      const hash = entryHash({
        seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.target,
        detailText: row.detail,
        prevHash: row.prev_hash,
      })
      if (!equalText(hash, row.hash)) problems.push({ seq, problem: 'was edited (hash mismatch)' })
      expected = seq + 1
      prev = row.hash
    }
    const head = (
      await this.sql.all<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_head WHERE id = 1',
      )
    )[0]
    const last = rows.at(-1)
    if (
      head &&
      (Number(head.seq) !== Number(last?.seq ?? 0) || head.hash !== (last?.hash ?? genesis))
    ) {
      problems.push({
        seq: Number(head.seq),
        problem: `the log ends at entry ${last?.seq ?? 0} but ${head.seq} were written`,
      })
    }
    return problems
  }

  async close(): Promise<void> {
    await this.sql.close()
  }

  private async requireUser(name: string): Promise<User> {
    const rows = await this.sql.all<{ name: string; admin: number; created_at: string }>(
      'SELECT name, admin, created_at FROM auth_users WHERE name = ?',
      [name],
    )
    const row = rows[0]
    if (!row) throw new DaleelError('USER_NOT_FOUND', { name })
    return { name: row.name, admin: Number(row.admin) === 1, createdAt: row.created_at }
  }
}

function checkPassword(password: string): void {
  if (password.length < minPasswordLength) {
    throw new DaleelError('ARGUMENT_INVALID', {
      name: 'password',
      detail: `at least ${minPasswordLength} characters`,
    })
  }
}

function entryHash(entry: {
  seq: number
  at: string
  actor: string | null
  action: string
  target: string | null
  detailText: string
  prevHash: string
}): string {
  return sha256(
    JSON.stringify([
      entry.seq,
      entry.at,
      entry.actor,
      entry.action,
      entry.target,
      entry.detailText,
      entry.prevHash,
    ]),
  )
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function randomToken(): string {
  return randomBytes(32).toString('base64url')
}

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

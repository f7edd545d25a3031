import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { skipPostgres, TestDatabases } from '../../test/support/postgres.js'
import { openAuth, type AuthService } from './auth-service.js'

/** Runs raw SQL against the engine's tables, as someone tampering with the database would. */
type Tamper = (sql: string) => Promise<void>

function describeAuth(
  engine: string,
  open: () => Promise<{ location: string; tamper: Tamper; cleanup: () => Promise<void> }>,
): void {
  describe(`auth and audit on ${engine}`, () => {
    let auth: AuthService
    let tamper: Tamper
    let cleanup: () => Promise<void>
    beforeEach(async () => {
      const opened = await open()
      auth = await openAuth(opened.location)
      tamper = opened.tamper
      cleanup = opened.cleanup
    })
    afterEach(async () => {
      await auth.close()
      await cleanup()
    })

    it('signs a user in with the right password only, and audits both', async () => {
      await auth.addUser('rana', 'a long enough secret', { admin: false })
      await expect(auth.addUser('rana', 'another long secret', { admin: true })).rejects.toThrow(
        /taken/u,
      )
      await expect(auth.addUser('omar', 'short', { admin: false })).rejects.toMatchObject({
        code: 'ARGUMENT_INVALID',
      })
      expect(await auth.login('rana', 'wrong password here', '127.0.0.1')).toBeNull()
      expect(await auth.login('nobody', 'a long enough secret', '127.0.0.1')).toBeNull()
      const login = await auth.login('rana', 'a long enough secret', '127.0.0.1')
      expect(login?.user.name).toBe('rana')
      expect(await auth.session(login?.session ?? '')).toEqual({ user: 'rana', csrf: login?.csrf })
      expect(await auth.session('forged')).toBeNull()
      await auth.logout(login?.session ?? '')
      expect(await auth.session(login?.session ?? '')).toBeNull()
      expect((await auth.auditEntries()).map((e) => e.action)).toEqual([
        'user.add',
        'login.failed',
        'login.failed',
        'login',
        'logout',
      ])
    })

    it('grants roles per collection and issues API tokens', async () => {
      await auth.addUser('rana', 'a long enough secret', { admin: false })
      await auth.grant('rana', 'leak-a', 'reader')
      await auth.grant('rana', 'leak-b', 'editor')
      await auth.grant('rana', 'leak-b', 'admin')
      await auth.grant('rana', 'leak-a', null)
      const access = await auth.access('rana')
      expect(access.admin).toBe(false)
      expect([...access.collections]).toEqual([['leak-b', 'admin']])
      const token = await auth.createToken('rana', 'script')
      expect(token.startsWith('dlk_')).toBe(true)
      expect(await auth.tokenUser(token)).toBe('rana')
      expect(await auth.tokenUser(`${token}x`)).toBeNull()
      await expect(auth.grant('ghost', 'leak-a', 'reader')).rejects.toMatchObject({
        code: 'USER_NOT_FOUND',
      })
      expect(await auth.verifyAudit()).toEqual([])
    })

    it('finds an edited entry, a removed entry and a removed tail', async () => {
      await auth.addUser('rana', 'a long enough secret', { admin: true })
      for (let i = 0; i < 5; i += 1) await auth.audit('rana', 'search', null, { q: `query ${i}` })
      expect(await auth.verifyAudit()).toEqual([])

      await tamper(`UPDATE audit_log SET detail = '{"q":"innocent"}' WHERE seq = 3`)
      expect(await auth.verifyAudit()).toEqual([{ seq: 3, problem: 'was edited (hash mismatch)' }])
      await tamper('DELETE FROM audit_log WHERE seq = 3')
      const removed = await auth.verifyAudit()
      expect(removed.map((p) => p.seq)).toEqual([3, 4])
      expect(removed[0]?.problem).toMatch(/missing/u)
      await tamper('DELETE FROM audit_log WHERE seq >= 5')
      expect((await auth.verifyAudit()).at(-1)?.problem).toMatch(/ends at entry 4 but 6/u)
    })
  })
}

describeAuth('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'daleel-auth-'))
  return Promise.resolve({
    location: dir,
    tamper: async (sql) => {
      const db = new Database(join(dir, 'auth.db'))
      db.exec(sql)
      db.close()
      await Promise.resolve()
    },
    cleanup: async () => {
      rmSync(dir, { recursive: true, force: true })
      await Promise.resolve()
    },
  })
})

describe.skipIf(skipPostgres())('postgres', () => {
  const databases = new TestDatabases()
  afterAll(() => databases.dropAll())
  describeAuth('postgres', async () => {
    const location = await databases.create()
    return {
      location,
      tamper: async (sql) => {
        const client = new pg.Client({ connectionString: location })
        await client.connect()
        try {
          await client.query(sql)
        } finally {
          await client.end()
        }
      },
      cleanup: () => Promise.resolve(),
    }
  })
})

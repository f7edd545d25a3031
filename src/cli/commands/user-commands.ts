/** Server mode accounts: `daleel user add|grant|revoke|password|list`, `daleel token create`,
 *  `daleel audit [verify]`. They act on the auth tables beside the store (SQLite or PostgreSQL). */

import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import { storeLocation } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import type { AuthService, Role } from '../../auth/auth-service.js'
import { isolate, printRecord, say, type GlobalOptions } from '../output.js'
import { exitCodes } from '../exit-codes.js'

async function withAuth<T>(
  options: GlobalOptions,
  work: (auth: AuthService) => Promise<T>,
): Promise<T> {
  const { openAuth } = await import('../../auth/auth-service.js')
  const auth = await openAuth(storeLocation(options.store))
  try {
    return await work(auth)
  } finally {
    await auth.close()
  }
}

/** The password: the first line of stdin (for scripts), or typed at a prompt without echo. */
async function readPassword(options: GlobalOptions, prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin })
    for await (const line of lines) {
      lines.close()
      return line
    }
    return ''
  }
  say({ ...options, quiet: false }, prompt)
  process.stdin.setRawMode(true)
  let typed = ''
  try {
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      const text = chunk.toString('utf8')
      if (text === '\u0003')
        throw new DaleelError('ARGUMENT_INVALID', { name: 'password', detail: 'cancelled' })
      if (/[\r\n]/u.test(text)) break
      typed = text === '\u007f' ? typed.slice(0, -1) : typed + text
    }
  } finally {
    process.stdin.setRawMode(false)
    process.stdin.pause()
  }
  return typed
}

export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description('accounts for `daleel serve --auth`: add, grant, revoke, password, list')
  user
    .command('add')
    .description('add a user; the password is read from stdin (or typed at a prompt)')
    .argument('<name>')
    .option('--admin', 'instance administrator: every collection, user management')
    .action(async (name: string, flags: { admin?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const password = await readPassword(options, `Password for ${name} (10 characters or more):`)
      await withAuth(options, async (auth) => {
        const added = await auth.addUser(name, password, { admin: flags.admin ?? false })
        printRecord(
          options,
          added,
          () => `added ${isolate(added.name)}${added.admin ? ' (admin)' : ''}`,
        )
      })
    })
  user
    .command('grant')
    .description('give a user a role on a collection: reader, editor or admin')
    .argument('<name>')
    .argument('<collection>')
    .argument('<role>', 'reader | editor | admin')
    .action(async (name: string, collection: string, role: string, _flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      if (!['reader', 'editor', 'admin'].includes(role)) {
        throw new DaleelError('ARGUMENT_INVALID', {
          name: 'ROLE',
          detail: 'reader, editor or admin',
        })
      }
      await withAuth(options, async (auth) => {
        await auth.grant(name, collection, role as Role)
        printRecord(
          options,
          { name, collection, role },
          () => `${name}: ${role} of ${isolate(collection)}`,
        )
      })
    })
  user
    .command('revoke')
    .description("take away a user's role on a collection")
    .argument('<name>')
    .argument('<collection>')
    .action(async (name: string, collection: string, _flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withAuth(options, async (auth) => {
        await auth.grant(name, collection, null)
        printRecord(
          options,
          { name, collection, role: null },
          () => `${name}: no role on ${isolate(collection)}`,
        )
      })
    })
  user
    .command('password')
    .description("set a user's password (read from stdin or typed); signs them out everywhere")
    .argument('<name>')
    .action(async (name: string, _flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const password = await readPassword(options, `New password for ${name}:`)
      await withAuth(options, async (auth) => {
        await auth.setPassword(name, password)
        say(options, `password of ${name} changed`)
      })
    })
  user
    .command('list')
    .description('users with their roles')
    .action(async (_flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withAuth(options, async (auth) => {
        for (const entry of await auth.listUsers()) {
          printRecord(
            options,
            entry,
            () =>
              `${entry.name}${entry.admin ? ' (admin)' : ''}  ${Object.entries(entry.grants)
                .map(([collection, role]) => `${isolate(collection)}:${role}`)
                .join(', ')}`,
          )
        }
      })
    })

  program
    .command('token')
    .description('API tokens for scripts (`Authorization: Bearer TOKEN`)')
    .command('create')
    .description('create a token for a user; it is printed once')
    .argument('<name>')
    .option('--label <text>', 'what the token is for')
    .action(async (name: string, flags: { label?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withAuth(options, async (auth) => {
        const token = await auth.createToken(name, flags.label ?? null)
        printRecord(options, { name, token }, () => token)
      })
    })

  const audit = program
    .command('audit')
    .description('the audit log: logins, searches, views, downloads, exports, permission changes')
    .action(async (_flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withAuth(options, async (auth) => {
        for (const entry of await auth.auditEntries()) {
          printRecord(
            options,
            entry,
            () =>
              `${String(entry.seq).padStart(6)}  ${entry.at}  ${entry.actor ?? '-'}  ${entry.action}  ${isolate(entry.target ?? '')}  ${JSON.stringify(entry.detail)}`,
          )
        }
      })
    })
  audit
    .command('verify')
    .description('check the hash chain; exit 1 if any entry was edited or removed')
    .action(async (_flags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      await withAuth(options, async (auth) => {
        const problems = await auth.verifyAudit()
        const entries = (await auth.auditEntries()).length
        printRecord(options, { ok: problems.length === 0, entries, problems }, () =>
          problems.length === 0
            ? `audit log intact: ${entries} entries`
            : [`audit log altered:`, ...problems.map((p) => `  entry ${p.seq}: ${p.problem}`)].join(
                '\n',
              ),
        )
        if (problems.length > 0) process.exitCode = exitCodes.runtimeError
      })
    })
}

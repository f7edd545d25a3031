/** `daleel serve [--host 127.0.0.1] [--port 7800]`: the web workbench and the HTTP API. */

import type { Command } from 'commander'
import type { AuthService } from '../../auth/auth-service.js'
import { openDaleel, storeLocation } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import { say, type GlobalOptions } from '../output.js'

/** The accounts of server mode; refuses to start without one, which would lock everyone out. */
async function openServerAuth(location: string): Promise<AuthService> {
  const { openAuth } = await import('../../auth/auth-service.js')
  const auth = await openAuth(location)
  if ((await auth.listUsers()).length === 0) {
    await auth.close()
    throw new DaleelError('ARGUMENT_INVALID', {
      name: '--auth',
      detail: 'no user exists yet: add one first with `daleel user add NAME --admin`',
    })
  }
  return auth
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the web workbench and the HTTP API at http://127.0.0.1:7800 (loopback only unless --host says otherwise)',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '7800')
    .option(
      '--auth',
      'server mode: users sign in and see only their collections (see `daleel user`)',
    )
    .action(async (flags: { host: string; port: string; auth?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const port = Number(flags.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new DaleelError('ARGUMENT_INVALID', {
          name: '--port',
          detail: 'a port number from 0 to 65535',
        })
      }
      const location = storeLocation(options.store)
      const auth = flags.auth ? await openServerAuth(location) : undefined
      const daleel = await openDaleel({ store: location })
      const { buildApp } = await import('../../api/index.js')
      const app = buildApp(daleel, auth ? { auth } : {})
      const address = await app.listen({ host: flags.host, port })
      say(
        options,
        `Daleel is serving ${daleel.store.location}: open ${address.replace('0.0.0.0', flags.host)} in a browser`,
      )
      if (!['127.0.0.1', 'localhost', '::1'].includes(flags.host)) {
        say(
          options,
          `Warning: listening on ${flags.host} makes the collection reachable from other machines.`,
        )
      }
      process.stdout.write(`${JSON.stringify({ url: address })}\n`)
      const stop = (): void => {
        void app
          .close()
          .then(async () => {
            await daleel.close()
            await auth?.close()
          })
          .finally(() => process.exit(0))
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}

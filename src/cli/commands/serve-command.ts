/** `daleel serve [--host 127.0.0.1] [--port 7800]`: the web workbench and the HTTP API. */

import type { Command } from 'commander'
import { openDaleel, storeLocation } from '../../daleel.js'
import { DaleelError } from '../../domain/index.js'
import { say, type GlobalOptions } from '../output.js'

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the web workbench and the HTTP API at http://127.0.0.1:7800 (loopback only unless --host says otherwise)',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '7800')
    .option('--auth', 'server mode with users (arrives with the team-server issue)')
    .action(async (flags: { host: string; port: string; auth?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const port = Number(flags.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new DaleelError('ARGUMENT_INVALID', {
          name: '--port',
          detail: 'a port number from 0 to 65535',
        })
      }
      if (flags.auth) {
        throw new DaleelError('ARGUMENT_INVALID', {
          name: '--auth',
          detail: 'server mode with users is not available in this version',
        })
      }
      const daleel = await openDaleel({ store: storeLocation(options.store) })
      const { buildApp } = await import('../../api/index.js')
      const app = buildApp(daleel)
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
          .then(async () => await daleel.close())
          .finally(() => process.exit(0))
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}

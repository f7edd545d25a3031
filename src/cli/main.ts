/** The `daleel` command line: parses arguments, runs a command, maps errors to exit codes. */

import { Command, CommanderError } from 'commander'
import { DaleelError } from '../domain/index.js'
import { registerAnalyzeCommand } from './commands/analyze-command.js'
import { registerCiteCommand } from './commands/cite-command.js'
import { registerEntitiesCommand } from './commands/entities-command.js'
import { registerExportCommand } from './commands/export-command.js'
import { registerIndexCommand } from './commands/index-command.js'
import { registerListCommands } from './commands/list-command.js'
import { registerSearchCommand } from './commands/search-command.js'
import { registerServeCommand } from './commands/serve-command.js'
import { registerShowCommand } from './commands/show-command.js'
import { registerStatusCommand } from './commands/status-command.js'
import { registerUserCommands } from './commands/user-commands.js'
import { registerWorkerCommand } from './commands/worker-command.js'
import { exitCodeFor, exitCodes } from './exit-codes.js'

export function buildProgram(): Command {
  const program = new Command('daleel')
    .description(
      'Daleel (دليل): search and investigate document collections in Arabic, Hebrew and English, offline.',
    )
    .version('0.1.0')
    .option(
      '--store <location>',
      'store folder or postgres:// URL (default: $DALEEL_STORE or ./daleel-data)',
    )
    .option('--json', 'machine-readable output on stdout (JSON Lines)')
    .option('-q, --quiet', 'no progress output')
    .showHelpAfterError()
    .exitOverride()
  registerIndexCommand(program)
  registerSearchCommand(program)
  registerShowCommand(program)
  registerStatusCommand(program)
  registerListCommands(program)
  registerCiteCommand(program)
  registerEntitiesCommand(program)
  registerExportCommand(program)
  registerAnalyzeCommand(program)
  registerServeCommand(program)
  registerWorkerCommand(program)
  registerUserCommands(program)
  overrideExits(program)
  return program
}

/** Errors and --help end in `main` (with the contract's exit codes), at every level of commands. */
function overrideExits(command: Command): void {
  for (const child of command.commands) {
    child.exitOverride()
    overrideExits(child)
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  // `daleel list | head` closes the pipe early: that ends the command, it is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(exitCodes.done)
    throw error
  })
  try {
    await buildProgram().parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : exitCodes.done
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? exitCodes.done : exitCodes.badArguments
    }
    if (error instanceof DaleelError) {
      process.stderr.write(`daleel: ${error.message}\n`)
      return exitCodeFor(error.code)
    }
    process.stderr.write(
      `daleel: an unexpected error stopped the command.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    return exitCodes.runtimeError
  }
}

/** Builds `dist/` once before the tests, so CLI tests run `bin/daleel` exactly as a user would.
 *  Type errors are reported by `npm run typecheck`; here tsc still emits, and the tests that
 *  use the build show what is wrong. */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const build = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
  if (build.status !== 0)
    process.stderr.write(`tsc reported problems while building dist/:\n${build.stdout}\n`)
}

/** Builds `dist/` once before the tests, so CLI tests run `bin/daleel` exactly as a user would,
 *  and the web workbench (`dist/web`) when its sources changed since the last build.
 *  Type errors are reported by `npm run typecheck`; here tsc still emits, and the tests that
 *  use the build show what is wrong. */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
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
  if (webBuildIsStale(root)) {
    const web = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'web'], {
      cwd: root,
      encoding: 'utf8',
    })
    if (web.status !== 0)
      process.stderr.write(`vite could not build the workbench:\n${web.stdout}\n${web.stderr}\n`)
  }
}

/** True when dist/web is missing or older than any file under web/. */
function webBuildIsStale(root: string): boolean {
  const built = join(root, 'dist', 'web', 'index.html')
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory()
          ? newest(join(dir, entry.name))
          : statSync(join(dir, entry.name)).mtimeMs,
      ),
    )
  return newest(join(root, 'web')) > builtAt
}

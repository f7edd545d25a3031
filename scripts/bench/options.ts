/** Command-line options of `npm run bench` (scripts/bench/run.ts). */

export const sectionNames = ['ingest', 'extraction', 'search', 'scale'] as const
export type SectionName = (typeof sectionNames)[number]

export interface BenchOptions {
  readonly only: readonly SectionName[]
  /** Documents in the generated collection of the scale test. */
  readonly scale: number
  /** Files in the generated collection that both indexers ingest. */
  readonly generated: number
  /** Repetitions of each timed measurement; the report shows their median. */
  readonly runs: number
  readonly corpus: string
  /** Rounds over the fixed queries per latency run. */
  readonly rounds: number
  /** Seconds of each autocannon run. */
  readonly loadSeconds: number
  /** Write docs/BENCHMARKS.md and docs/benchmarks.svg (off with --no-write). */
  readonly write: boolean
  /** Build dist/ with tsc before running the CLI (off with --no-build). */
  readonly build: boolean
  /** Keep the temporary folder (its path is printed) instead of deleting it. */
  readonly keep: boolean
}

export const usage = `Usage: npm run bench -- [options]

  --only LIST        sections to run, comma-separated: ${sectionNames.join(',')} (default all)
  --scale N          documents in the scale test's generated collection (default 200000)
  --generated N      files in the generated collection both indexers ingest (default 5000)
  --runs N           repetitions of each timing; the report shows the median (default 3)
  --rounds N         rounds over the fixed queries per latency run (default 5)
  --load-seconds N   duration of each autocannon run (default 10)
  --corpus DIR       the mixed corpus (default ../shared/corpus or $DALEEL_TEST_CORPUS)
  --no-write         print the summary only; leave docs/BENCHMARKS.md alone
  --no-build         use dist/ as it is (default: build it with tsc first)
  --keep             keep the temporary folder
`

function positive(name: string, value: string | undefined): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`${name} needs a whole number of at least 1, not ${value ?? 'nothing'}`)
  }
  return number
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let only: SectionName[] = [...sectionNames]
  let scale = 200_000
  let generated = 5000
  let runs = 3
  let rounds = 5
  let loadSeconds = 10
  let corpus = process.env['DALEEL_TEST_CORPUS'] ?? '../shared/corpus'
  let write = true
  let build = true
  let keep = false
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? ''
    const [flag = '', inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg]
    const value = (): string | undefined => inline ?? argv[++i]
    switch (flag) {
      case '--only': {
        const names = (value() ?? '').split(',').filter(Boolean)
        const unknown = names.filter((name) => !(sectionNames as readonly string[]).includes(name))
        if (unknown.length > 0 || names.length === 0) {
          throw new Error(`--only takes some of ${sectionNames.join(',')}; got ${names.join(',')}`)
        }
        only = names as SectionName[]
        break
      }
      case '--scale':
        scale = positive(flag, value())
        break
      case '--generated':
        generated = positive(flag, value())
        break
      case '--runs':
        runs = positive(flag, value())
        break
      case '--rounds':
        rounds = positive(flag, value())
        break
      case '--load-seconds':
        loadSeconds = positive(flag, value())
        break
      case '--corpus':
        corpus = value() ?? corpus
        break
      case '--no-write':
        write = false
        break
      case '--no-build':
        build = false
        break
      case '--keep':
        keep = true
        break
      case '--help':
      case '-h':
        process.stdout.write(usage)
        process.exit(0)
        break
      default:
        throw new Error(`unknown option ${arg}\n${usage}`)
    }
  }
  return { only, scale, generated, runs, rounds, loadSeconds, corpus, write, build, keep }
}

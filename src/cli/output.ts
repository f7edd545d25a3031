/** Output rules of the contract: results on stdout (JSON Lines with --json), everything meant
 *  for people on stderr. */

export interface GlobalOptions {
  readonly store?: string
  readonly json?: boolean
  readonly quiet?: boolean
}

/** Writes one record: a JSON line, or the human form. */
export function printRecord(options: GlobalOptions, record: unknown, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(record)}\n` : `${human()}\n`)
}

/** A message for people; silent with --quiet. */
export function say(options: GlobalOptions, message: string): void {
  if (!options.quiet) process.stderr.write(`${message}\n`)
}

/** Wraps text in a bidi isolate so Arabic or Hebrew in a left-to-right terminal keeps its order. */
export function isolate(text: string): string {
  return /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u.test(text) ? `\u2068${text}\u2069` : text
}

/** Marks highlighted ranges: bold on a terminal, [brackets] in a pipe. */
export function markRanges(text: string, ranges: readonly (readonly [number, number])[]): string {
  const tty = process.stdout.isTTY
  const open = tty ? '\u001b[1m' : '['
  const close = tty ? '\u001b[22m' : ']'
  let out = ''
  let cursor = 0
  for (const [start, end] of ranges) {
    out += text.slice(cursor, start) + open + text.slice(start, end) + close
    cursor = end
  }
  return out + text.slice(cursor)
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`
}

/** Small numeric helpers for the benchmark harness: percentiles, medians and the formatting of
 *  seconds, sizes and ratios as the report prints them. */

/** The value below which `p` percent of the samples fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN
}

export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/** p50, p95 and p99 of a list of latencies, in the samples' unit. */
export interface Latency {
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly samples: number
}

export function latencyOf(values: readonly number[]): Latency {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    samples: values.length,
  }
}

/** The median of each percentile over several runs. */
export function medianLatency(runs: readonly Latency[]): Latency {
  return {
    p50: median(runs.map((run) => run.p50)),
    p95: median(runs.map((run) => run.p95)),
    p99: median(runs.map((run) => run.p99)),
    samples: runs.reduce((sum, run) => sum + run.samples, 0),
  }
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–'
}

/** A duration in milliseconds with sensible precision for a table cell. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)
}

export function seconds(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return value < 10 ? value.toFixed(2) : value.toFixed(1)
}

export function megabytes(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 1024 ** 2).toFixed(1) : '–'
}

/** A ratio as the report writes it: `×1.52`. */
export function times(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–'
  return `×${ratio < 0.1 ? ratio.toFixed(3) : ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}`
}

export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–'
}

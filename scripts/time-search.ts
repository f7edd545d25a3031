/** Times the fixed queries on an existing store through SearchService, in-process: a quick
 *  before/after check for search changes (the full comparison is `npm run bench`).
 *
 *  Run: npx tsx scripts/time-search.ts STORE [ROUNDS] */

import { openDaleel } from '../src/daleel.js'
import { fixedQueries } from './fixed-queries.js'

const [store, roundsText = '20'] = process.argv.slice(2)
if (!store) throw new Error('usage: npx tsx scripts/time-search.ts STORE [ROUNDS]')
const daleel = await openDaleel({ store })
const times: number[] = []
let hits = 0
for (let round = 0; round <= Number(roundsText); round += 1) {
  for (const query of fixedQueries) {
    const started = performance.now()
    const result = await daleel.search.search(query, { limit: 20 })
    // Round 0 warms caches and is not counted.
    if (round > 0) times.push(performance.now() - started)
    else hits += result.total
  }
}
await daleel.close()
times.sort((a, b) => a - b)
const at = (p: number): number =>
  times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0
console.log(
  JSON.stringify({
    queries: fixedQueries.length,
    samples: times.length,
    hits,
    p50: Number(at(0.5).toFixed(2)),
    p95: Number(at(0.95).toFixed(2)),
    p99: Number(at(0.99).toFixed(2)),
  }),
)

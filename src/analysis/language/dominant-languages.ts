/** A document's languages from its passages' languages, weighted by passage length. */

/** The main language (most characters) and every language with at least 5% of the text. */
export function dominantLanguages(
  passages: readonly {
    readonly start: number
    readonly end: number
    readonly lang: string | null
  }[],
): { lang: string | null; present: string[] } {
  const weight = new Map<string, number>()
  let total = 0
  for (const passage of passages) {
    if (!passage.lang) continue
    const size = passage.end - passage.start
    weight.set(passage.lang, (weight.get(passage.lang) ?? 0) + size)
    total += size
  }
  const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1])
  return {
    lang: ranked[0]?.[0] ?? null,
    present: ranked.filter(([, size]) => size >= total * 0.05).map(([lang]) => lang),
  }
}

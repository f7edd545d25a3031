/** Who wrote to whom: the engine-neutral count behind `Store.correspondence`, from the from/to/cc
 *  metadata that the mail extractors record (`['Rana <rana@example.com>', …]`). */

import type { MetadataValue } from '../domain/index.js'
import type { Correspondence } from './store.js'

/** The mail headers of one message, as stored in its metadata. */
export interface MailHeaders {
  readonly from: MetadataValue | undefined
  readonly to: MetadataValue | undefined
  readonly cc: MetadataValue | undefined
}

/** Counts messages per (sender, recipient) pair, most messages first, then by address. */
export function countCorrespondence(
  messages: Iterable<MailHeaders>,
  limit: number,
): Correspondence[] {
  const counts = new Map<string, Correspondence>()
  for (const message of messages) {
    const senders = addressesOf(message.from)
    const recipients = new Set([...addressesOf(message.to), ...addressesOf(message.cc)])
    for (const from of senders) {
      for (const to of recipients) {
        if (to === from) continue
        const key = `${from}\n${to}`
        const seen = counts.get(key)
        counts.set(key, { from, to, messages: (seen?.messages ?? 0) + 1 })
      }
    }
  }
  return [...counts.values()]
    .sort(
      (a, b) =>
        b.messages - a.messages ||
        compareCodePoints(a.from, b.from) ||
        compareCodePoints(a.to, b.to),
    )
    .slice(0, limit)
}

/** The addresses of a header value, lower-cased: `Rana <Rana@Example.com>` → `rana@example.com`;
 *  a name without an address stays as written. */
export function addressesOf(value: MetadataValue | undefined): string[] {
  const entries: readonly string[] =
    typeof value === 'string'
      ? value.split(/[,;]\s*(?=[^,;]*(?:@|$))/u)
      : Array.isArray(value)
        ? value.filter((entry): entry is string => typeof entry === 'string')
        : []
  const addresses: string[] = []
  for (const entry of entries) {
    const trimmed = entry.trim()
    if (!trimmed) continue
    const angle = /<([^<>\s]+@[^<>\s]+)>/u.exec(trimmed)
    const bare = /[^\s<>"',;]+@[^\s<>"',;]+/u.exec(trimmed)
    addresses.push((angle?.[1] ?? bare?.[0] ?? trimmed).toLowerCase())
  }
  return [...new Set(addresses)]
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

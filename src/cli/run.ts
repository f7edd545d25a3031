/** Shared plumbing for commands: open Daleel, always close it, parse numeric options. */

import { InvalidArgumentError } from 'commander'
import type { Daleel } from '../daleel.js'

/** Runs `work` and closes the store whatever happens. */
export async function withDaleel<T>(
  daleel: Daleel,
  work: (daleel: Daleel) => Promise<T> | T,
): Promise<T> {
  try {
    return await work(daleel)
  } finally {
    daleel.close()
  }
}

export function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('expected a whole number ≥ 1')
  return number
}

export function nonNegativeInteger(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0)
    throw new InvalidArgumentError('expected a whole number ≥ 0')
  return number
}

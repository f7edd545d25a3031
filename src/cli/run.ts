/** Shared plumbing for commands: open Daleel, always close it, parse numeric options. */

import { InvalidArgumentError } from 'commander'
import type { Daleel } from '../daleel.js'

/** Runs `work` and closes the store whatever happens. */
export async function withDaleel<T>(
  opening: Daleel | Promise<Daleel>,
  work: (daleel: Daleel) => Promise<T> | T,
): Promise<T> {
  const daleel = await opening
  try {
    return await work(daleel)
  } finally {
    await daleel.close()
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

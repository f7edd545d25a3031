/** Turns the raw names archive readers find into child names: safe (`safeMemberName`), unique
 *  within the container (`UniqueNames`), and with a warning for each name that was unsafe. The
 *  tar, 7z and rar readers share it; it words its warnings as the zip reader does. */

import type { Warning } from '../../../domain/index.js'
import { safeMemberName } from './safe-member-name.js'
import { UniqueNames } from './unique-names.js'

/** The name with control characters (NUL included) shown as `?`, for messages. */
export function printableName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/gu, '?')
}

/** Names the members of one container, collecting the warnings as it goes. */
export class MemberNames {
  private readonly unique = new UniqueNames()

  constructor(private readonly warnings: Warning[]) {}

  /** A safe, unique child name for member number `index` (0-based). */
  claim(rawName: string, index: number): string {
    const safe = safeMemberName(rawName, `member-${index + 1}`)
    if (safe.unsafe) {
      this.warnings.push({
        code: 'ARCHIVE_UNSAFE_PATH',
        message: `An archive member has an unsafe name and was renamed: “${printableName(rawName)}” → ${safe.name}.`,
      })
    }
    return this.unique.claim(safe.name)
  }

  /** The cleaned name of a directory, for the listing only (not claimed). */
  directory(rawName: string, index: number): string {
    return safeMemberName(rawName, `member-${index + 1}`).name
  }
}

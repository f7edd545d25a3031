/** Makes container member names safe to use as `CONTAINER!/INNER` paths: no absolute paths,
 *  no drive letters, no `..` climbing out of the container, no control characters. The member
 *  is kept under the cleaned name; whether to warn is the caller's choice. */

/** A cleaned member name and whether the original was unsafe (not just untidy). */
export interface SafeName {
  readonly name: string
  readonly unsafe: boolean
}

/**
 * Cleans one member name; `fallback` is used when nothing is left of it.
 *
 * @example safeMemberName('../../etc/passwd', 'member-1') // → { name: 'etc/passwd', unsafe: true }
 */
export function safeMemberName(raw: string, fallback: string): SafeName {
  // Backslashes are Windows separators written against the zip spec: untidy, not hostile.
  const slashed = raw.replace(/\\/gu, '/')
  let unsafe = false
  const printable = slashed.replace(/[\u0000-\u001f\u007f]/gu, '')
  if (printable !== slashed) unsafe = true
  let path = printable
  const drive = /^[a-zA-Z]:/u.exec(path)
  if (drive !== null) {
    unsafe = true
    path = path.slice(2)
  }
  if (path.startsWith('/')) unsafe = true
  const segments: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      unsafe = true
      continue
    }
    segments.push(segment)
  }
  const name = segments.join('/')
  return { name: name === '' ? fallback : name, unsafe }
}

/** A minimal PDF writer: numbered objects, a cross-reference table and a trailer whose root is
 *  object 1. Enough to wrap an image in a page (JPEG 2000 files, test fixtures). */

/** Writes `objects` as objects 1…n after `header` (e.g. `%PDF-1.5\n`). */
export function writePdf(header: string, objects: readonly (string | Uint8Array)[]): Uint8Array {
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = [encoder.encode(header)]
  const offsets: number[] = []
  let length = parts[0]?.length ?? 0
  objects.forEach((object, index) => {
    offsets.push(length)
    const body = typeof object === 'string' ? encoder.encode(object) : object
    const wrapped = [encoder.encode(`${index + 1} 0 obj\n`), body, encoder.encode('\nendobj\n')]
    parts.push(...wrapped)
    length += wrapped.reduce((sum, part) => sum + part.length, 0)
  })
  const trailer = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n')
  parts.push(encoder.encode(trailer))
  return concatBytes(parts)
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    result.set(part, offset)
    offset += part.length
  }
  return result
}

/** Text with highlighted ranges as <mark>, nothing else changed. */

import type { JSX } from 'preact'

export function MarkedText(props: {
  text: string
  ranges: readonly (readonly [number, number])[]
}): JSX.Element {
  const parts: (string | JSX.Element)[] = []
  let cursor = 0
  for (const [start, end] of props.ranges) {
    if (start < cursor || end <= start) continue
    parts.push(props.text.slice(cursor, start))
    parts.push(<mark key={start}>{props.text.slice(start, end)}</mark>)
    cursor = end
  }
  parts.push(props.text.slice(cursor))
  return <>{parts}</>
}

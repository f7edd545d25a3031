/** A snippet in its own direction, isolated from the surrounding interface (<bdi>), so Arabic or
 *  Hebrew text in an English page (and the reverse) never reorders its neighbours. */

import type { JSX } from 'preact'
import { directionOf } from '../../bidi.js'
import { MarkedText } from './MarkedText.js'

export function Snippet(props: {
  text: string
  highlights: readonly (readonly [number, number])[]
  class?: string
}): JSX.Element {
  return (
    <bdi class={`snippet ${props.class ?? ''}`} dir={directionOf(props.text)}>
      <MarkedText text={props.text} ranges={props.highlights} />
    </bdi>
  )
}

/** A path, title or name: isolated, in the direction of its own letters. */
export function Isolated(props: { text: string; class?: string }): JSX.Element {
  return (
    <bdi class={props.class} dir={directionOf(props.text)}>
      {props.text}
    </bdi>
  )
}

/** The dated mentions on a time axis: each point opens its passage. Time runs left to right in
 *  every locale, as on a calendar; the list under the chart reads in the interface direction. */

import type { JSX } from 'preact'
import type { TimelinePoint } from '../../api-types.js'
import { directionOf, fileName } from '../../bidi.js'
import { useLocale } from '../../i18n.js'
import { href } from '../../router.js'
import { MarkedText } from '../Snippet/MarkedText.js'

const width = 800
const height = 120
const margin = 24

function timeOf(date: string): number {
  const [year = '1970', month = '01', day = '01'] = date.split('-')
  return Date.UTC(Number(year), Number(month) - 1, Number(day))
}

function passageLink(point: TimelinePoint): string {
  return href('doc', [point.doc.id], {
    at: point.mention.start,
    len: point.mention.end - point.mention.start,
  })
}

export function Timeline(props: { points: readonly TimelinePoint[] }): JSX.Element {
  const { t } = useLocale()
  const points = props.points.filter((point) => /^\d{4}/u.test(point.date))
  if (points.length === 0) return <p class="hint">{t('noDates')}</p>
  const times = points.map((point) => timeOf(point.date))
  const min = Math.min(...times)
  const max = Math.max(...times)
  const span = Math.max(1, max - min)
  const x = (time: number): number => margin + ((time - min) / span) * (width - 2 * margin)
  // Points on the same spot stack upwards.
  const stacks = new Map<number, number>()
  const placed = points.map((point, index) => {
    const px = Math.round(x(times[index] ?? min) / 6) * 6
    const level = stacks.get(px) ?? 0
    stacks.set(px, level + 1)
    return { point, px, py: height - margin - 8 - (level % 8) * 10 }
  })
  const years = new Set<number>()
  for (let year = new Date(min).getUTCFullYear(); year <= new Date(max).getUTCFullYear(); year += 1)
    years.add(year)
  const step = Math.ceil(years.size / 10)
  return (
    <div class="timeline" data-testid="timeline">
      <svg viewBox={`0 0 ${width} ${height}`} dir="ltr" role="img" aria-label={t('timeline')}>
        <line
          x1={margin}
          x2={width - margin}
          y1={height - margin}
          y2={height - margin}
          class="axis"
        />
        {[...years]
          .filter((_, index) => index % step === 0)
          .map((year) => {
            const px = x(Date.UTC(year, 0, 1))
            return px >= margin - 1 && px <= width - margin + 1 ? (
              <text key={year} x={px} y={height - 6} class="tick">
                {year}
              </text>
            ) : null
          })}
        {min === max && (
          <text x={width / 2} y={height - 6} class="tick">
            {points[0]?.date}
          </text>
        )}
        {placed.map(({ point, px, py }, index) => (
          <a key={index} href={passageLink(point)} class="timeline-point">
            <title>{`${point.date} · ${point.mention.value} · ${point.doc.title ?? fileName(point.doc.path)}`}</title>
            <circle cx={min === max ? width / 2 : px} cy={py} r={5} />
          </a>
        ))}
      </svg>
      <ol class="timeline-list">
        {points.slice(0, 200).map((point, index) => (
          <li key={index}>
            <a href={passageLink(point)}>
              <time dir="ltr">{point.date}</time>
            </a>{' '}
            <bdi class="snippet" dir={directionOf(point.passage.text)}>
              <MarkedText text={point.passage.text} ranges={[point.passage.highlight]} />
            </bdi>
          </li>
        ))}
      </ol>
    </div>
  )
}

/** An entity: every mention with its passage, the entities it appears with, a graph of
 *  entities and documents around it, and the timeline of dated mentions in its documents. */

import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api, ApiError } from '../api-client.js'
import type { EntityView, Graph, TimelinePoint } from '../api-types.js'
import { directionOf, fileName } from '../bidi.js'
import { EntityGraph } from '../components/EntityGraph/EntityGraph.js'
import { MarkedText } from '../components/Snippet/MarkedText.js'
import { Isolated } from '../components/Snippet/Snippet.js'
import { Timeline } from '../components/Timeline/Timeline.js'
import { filterOf } from '../components/Facets/FacetPanel.js'
import { useLocale } from '../i18n.js'
import { href, type Route } from '../router.js'

const pageSize = 50

export function EntityPage({ route }: { route: Route }): JSX.Element {
  const { t } = useLocale()
  const [type = '', normalized = ''] = route.parts
  const [entity, setEntity] = useState<EntityView | null>(null)
  const [extra, setExtra] = useState<EntityView['mentions']>([])
  const [graph, setGraph] = useState<Graph | null>(null)
  const [points, setPoints] = useState<readonly TimelinePoint[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const key = { type, normalized }
    const fail = (caught: unknown): void =>
      setError(caught instanceof ApiError ? caught.message : String(caught))
    api.entity(type, normalized, 0, pageSize).then(setEntity, fail)
    api.graph(key).then(setGraph, fail)
    api.timeline(key).then((found) => setPoints(found.points), fail)
  }, [type, normalized])

  if (error)
    return (
      <p class="error" role="alert">
        {t('error', { message: error })}
      </p>
    )
  if (!entity) return <p class="hint">{t('loading')}</p>
  const mentions = [...entity.mentions, ...extra]
  const more = (): void =>
    void api
      .entity(type, normalized, mentions.length, pageSize)
      .then((next) => setExtra([...extra, ...next.mentions]))
  return (
    <div class="entity-page">
      <header class="entity-header">
        <span class="badge">{entity.type}</span>
        <h1 dir={directionOf(entity.value)}>
          <bdi>{entity.value}</bdi>
        </h1>
        {entity.normalized !== entity.value && (
          <Isolated class="normalized" text={entity.normalized} />
        )}
        <a
          class="search-link"
          href={href('search', [], { q: filterOf('entity', entity.normalized) })}
        >
          {t('navSearch')} ↗
        </a>
      </header>
      <div class="entity-layout">
        <section class="entity-mentions">
          <h2>
            {t('mentions')} <span class="count">{t('mentionsCount', { count: entity.total })}</span>
          </h2>
          <ol class="mentions">
            {mentions.map(({ doc, mention, passage }) => (
              <li key={`${doc.id}:${mention.start}`} data-testid="mention">
                <a
                  href={href('doc', [doc.id], {
                    at: mention.start,
                    len: mention.end - mention.start,
                  })}
                >
                  <Isolated text={doc.title ?? fileName(doc.path)} />
                </a>
                {mention.page !== null && (
                  <span class="badge">{t('page', { page: mention.page })}</span>
                )}
                <p>
                  <bdi class="snippet" dir={directionOf(passage.text)}>
                    <MarkedText text={passage.text} ranges={[passage.highlight]} />
                  </bdi>
                </p>
              </li>
            ))}
          </ol>
          {mentions.length < entity.total && (
            <button type="button" onClick={more}>
              {t('more')}
            </button>
          )}
        </section>
        <aside class="entity-side">
          <h2>{t('coOccurring')}</h2>
          <ul class="co-occurring">
            {entity.coOccurring.map((other) => (
              <li key={`${other.type}:${other.normalized}`}>
                <a href={href('entity', [other.type, other.normalized])}>
                  <Isolated text={other.value} />
                </a>{' '}
                <span class="badge">{other.type}</span>{' '}
                <span class="count">{t('sharedDocs', { n: other.shared })}</span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <section class="entity-graph-section">
        <h2>{t('graph')}</h2>
        {graph ? (
          <EntityGraph graph={graph} label={t('graph')} />
        ) : (
          <p class="hint">{t('loading')}</p>
        )}
      </section>
      <section class="entity-timeline-section">
        <h2>{t('timeline')}</h2>
        {points ? <Timeline points={points} /> : <p class="hint">{t('loading')}</p>}
      </section>
    </div>
  )
}

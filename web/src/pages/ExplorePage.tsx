/** The collection at a glance: counts, the most mentioned entities per type, who wrote to whom,
 *  and the dates mentioned across the collection. */

import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api-client.js'
import type { EntityRecord, Graph, StoreStatus, TimelinePoint } from '../api-types.js'
import { EntityGraph } from '../components/EntityGraph/EntityGraph.js'
import { Isolated } from '../components/Snippet/Snippet.js'
import { Timeline } from '../components/Timeline/Timeline.js'
import { useLocale } from '../i18n.js'
import { href } from '../router.js'

export function ExplorePage(): JSX.Element {
  const { t } = useLocale()
  const [status, setStatus] = useState<StoreStatus | null>(null)
  const [entities, setEntities] = useState<EntityRecord[]>([])
  const [graph, setGraph] = useState<Graph | null>(null)
  const [points, setPoints] = useState<readonly TimelinePoint[] | null>(null)
  useEffect(() => {
    void api
      .status()
      .then(setStatus)
      .catch(() => undefined)
    void api
      .entities(null, 300)
      .then((found) => setEntities(found.entities))
      .catch(() => undefined)
    void api
      .graph(null)
      .then(setGraph)
      .catch(() => setGraph({ nodes: [], edges: [] }))
    void api
      .timeline(null)
      .then((found) => setPoints(found.points))
      .catch(() => setPoints([]))
  }, [])
  const byType = new Map<string, EntityRecord[]>()
  for (const entity of entities) {
    const list = byType.get(entity.type) ?? []
    if (list.length < 8) list.push(entity)
    byType.set(entity.type, list)
  }
  return (
    <div class="explore-page">
      {status && (
        <p class="status-line">
          <strong>{status.documents}</strong> {t('documents')} · <strong>{status.failed}</strong>{' '}
          {t('failed')} ·{' '}
          {Object.entries(status.byLanguage)
            .map(([lang, n]) => `${lang} ${n}`)
            .join(', ')}
        </p>
      )}
      <h2>{t('topEntities')}</h2>
      <div class="entity-columns">
        {[...byType].map(([type, list]) => (
          <section key={type}>
            <h3>{type}</h3>
            <ul>
              {list.map((entity) => (
                <li key={entity.normalized}>
                  <a href={href('entity', [entity.type, entity.normalized])}>
                    <Isolated text={entity.value} />
                  </a>{' '}
                  <span class="count">{entity.docs}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <h2>{t('correspondence')}</h2>
      {graph && graph.nodes.length > 0 ? (
        <EntityGraph graph={graph} label={t('correspondence')} />
      ) : (
        <p class="hint">{graph ? t('noMail') : t('loading')}</p>
      )}
      <h2>{t('collectionTimeline')}</h2>
      {points ? <Timeline points={points} /> : <p class="hint">{t('loading')}</p>}
    </div>
  )
}

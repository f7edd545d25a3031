/** Facets of a search: language, type, a date histogram by month, tags and the entities most
 *  mentioned by the hits, per type. Choosing one adds its filter to the query. */

import type { JSX } from 'preact'
import type { EntityType, Facets } from '../../api-types.js'
import { useLocale } from '../../i18n.js'
import { href } from '../../router.js'
import { Isolated } from '../Snippet/Snippet.js'

/** `name:value`, quoted when the value has spaces or brackets. */
export function filterOf(name: string, value: string): string {
  return /[\s()]/u.test(value) ? `${name}:"${value.replaceAll('"', '')}"` : `${name}:${value}`
}

export function FacetPanel(props: {
  facets: Facets
  onFilter: (filter: string) => void
}): JSX.Element {
  const { t } = useLocale()
  const { facets, onFilter } = props
  const list = (
    name: string,
    title: string,
    counts: Record<string, number>,
  ): JSX.Element | null => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1])
    if (entries.length === 0) return null
    return (
      <section class="facet" data-facet={name}>
        <h3>{title}</h3>
        <ul>
          {entries.map(([value, count]) => (
            <li key={value}>
              <button
                type="button"
                class="facet-value"
                onClick={() => onFilter(filterOf(name, value))}
              >
                <Isolated text={value} />
                <span class="count">{count}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    )
  }
  const dates = Object.entries(facets.date).sort((a, b) => a[0].localeCompare(b[0]))
  const maxDate = Math.max(1, ...dates.map(([, n]) => n))
  const entityTypes = Object.entries(facets.entity) as [
    EntityType,
    { normalized: string; value: string; docs: number }[],
  ][]
  return (
    <div class="facets">
      {list('lang', t('facetLang'), facets.lang)}
      {list('type', t('facetType'), facets.type)}
      {dates.length > 0 && (
        <section class="facet" data-facet="date">
          <h3>{t('facetDate')}</h3>
          <div class="histogram" dir="ltr">
            {dates.map(([month, count]) => (
              <button
                key={month}
                type="button"
                class="histogram-bar"
                title={`${month}: ${count}`}
                aria-label={`${month}: ${count}`}
                onClick={() => onFilter(`date:${month}`)}
              >
                <span style={{ blockSize: `${Math.max(6, (count / maxDate) * 100)}%` }} />
              </button>
            ))}
          </div>
          <div class="histogram-axis" dir="ltr">
            <span>{dates[0]?.[0]}</span>
            <span>{dates.at(-1)?.[0]}</span>
          </div>
        </section>
      )}
      {list('tag', t('facetTag'), facets.tag)}
      {entityTypes.some(([, values]) => values.length > 0) && (
        <section class="facet" data-facet="entity">
          <h3>{t('facetEntities')}</h3>
          {entityTypes
            .filter(([, values]) => values.length > 0)
            .map(([type, values]) => (
              <div key={type} class="facet-entity-type">
                <h4>{type}</h4>
                <ul>
                  {values.map((entity) => (
                    <li key={entity.normalized}>
                      <button
                        type="button"
                        class="facet-value"
                        onClick={() => onFilter(filterOf('entity', entity.normalized))}
                      >
                        <Isolated text={entity.value} />
                        <span class="count">{entity.docs}</span>
                      </button>
                      <a
                        class="facet-open"
                        href={href('entity', [type, entity.normalized])}
                        aria-label={entity.value}
                      >
                        ↗
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
        </section>
      )}
    </div>
  )
}

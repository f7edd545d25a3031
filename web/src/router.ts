/** Hash routes: `#/search?q=…`, `#/doc/ID?q=…&at=…`, `#/entity/TYPE/VALUE`, `#/batch`, `#/notes`,
 *  `#/explore`. The hash keeps every view a link that works on a static server. */

import { useEffect, useState } from 'preact/hooks'

export interface Route {
  readonly name: 'search' | 'doc' | 'entity' | 'batch' | 'notes' | 'explore'
  readonly parts: readonly string[]
  readonly params: URLSearchParams
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/u, '').split('?', 2)
  const [name = '', ...parts] = path.split('/').map((part) => decodeURIComponent(part))
  const known = ['search', 'doc', 'entity', 'batch', 'notes', 'explore'] as const
  const routeName = (known as readonly string[]).includes(name) ? (name as Route['name']) : 'search'
  return { name: routeName, parts, params: new URLSearchParams(query) }
}

/** A link to a route; `params` with undefined or empty values are left out. */
export function href(
  name: Route['name'],
  parts: readonly string[] = [],
  params: Record<string, string | number | undefined | null> = {},
): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value))
  const path = [name, ...parts.map((part) => encodeURIComponent(part))].join('/')
  const search = query.toString()
  return `#/${path}${search ? `?${search}` : ''}`
}

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/u, '')
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return route
}

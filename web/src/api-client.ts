/** Typed calls to the Daleel HTTP API (src/api). Errors carry the server's code and message. */

import type {
  BatchLine,
  Citation,
  DocumentHits,
  DocumentText,
  DocumentView,
  EntityRecord,
  EntityView,
  Graph,
  IndexProgress,
  MentionRecord,
  Note,
  SearchResult,
  StoreStatus,
  TimelinePoint,
} from './api-types.js'

/** A refused request, with the message the server wrote for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(init?.body ? { 'content-type': 'application/json' } : {}),
    },
  })
  if (!response.ok) {
    let code = 'HTTP_' + String(response.status)
    let message = response.statusText
    try {
      const body = (await response.json()) as { error?: { code: string; message: string } }
      if (body.error) ({ code, message } = body.error)
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(code, message, response.status)
  }
  return (await response.json()) as T
}

const enc = encodeURIComponent
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) })

export const api = {
  search: (q: string, offset: number, limit: number, facets: boolean) =>
    request<SearchResult>(
      `/api/search?q=${enc(q)}&offset=${offset}&limit=${limit}${facets ? '&facets=true' : ''}`,
    ),
  batch: (queries: readonly string[], limit: number) =>
    request<{ results: BatchLine[] }>('/api/search/batch', post({ queries, limit })),
  document: (id: string) => request<DocumentView>(`/api/documents/${enc(id)}`),
  text: (id: string) => request<DocumentText>(`/api/documents/${enc(id)}/text`),
  hits: (id: string, q: string) =>
    request<DocumentHits>(`/api/documents/${enc(id)}/hits?q=${enc(q)}`),
  documentEntities: (id: string) =>
    request<{ entities: EntityRecord[]; mentions: MentionRecord[] }>(
      `/api/documents/${enc(id)}/entities`,
    ),
  cite: (id: string, at: number, length: number) =>
    request<Citation>(`/api/documents/${enc(id)}/cite?at=${at}&length=${length}`),
  original: async (id: string): Promise<ArrayBuffer> => {
    const response = await fetch(`/api/documents/${enc(id)}/original`)
    if (!response.ok)
      throw new ApiError('HTTP_' + String(response.status), response.statusText, response.status)
    return await response.arrayBuffer()
  },
  htmlUrl: (id: string) => `/api/documents/${enc(id)}/html`,
  originalUrl: (id: string) => `/api/documents/${enc(id)}/original`,
  addTag: (id: string, tag: string) =>
    request<{ tags: string[] }>(`/api/documents/${enc(id)}/tags`, post({ tag })),
  removeTag: (id: string, tag: string) =>
    request<{ tags: string[] }>(`/api/documents/${enc(id)}/tags/${enc(tag)}`, {
      method: 'DELETE',
    }),
  tags: () => request<{ tags: { tag: string; docs: number }[] }>('/api/tags'),
  notes: (options: { doc?: string; q?: string }) =>
    request<{ notes: Note[] }>(
      `/api/notes?${new URLSearchParams(Object.entries(options).filter(([, v]) => v)).toString()}`,
    ),
  addNote: (note: { docId: string; start: number; end: number; text: string }) =>
    request<Note>('/api/notes', post(note)),
  deleteNote: (id: string) => request<unknown>(`/api/notes/${enc(id)}`, { method: 'DELETE' }),
  entities: (type: string | null, limit: number) =>
    request<{ entities: EntityRecord[] }>(
      `/api/entities?limit=${limit}${type ? `&type=${enc(type)}` : ''}`,
    ),
  entity: (type: string, normalized: string, offset: number, limit: number) =>
    request<EntityView>(
      `/api/entities/${enc(type)}/${enc(normalized)}?offset=${offset}&limit=${limit}`,
    ),
  timeline: (entity: { type: string; normalized: string } | null) =>
    request<{ points: TimelinePoint[] }>(
      `/api/timeline${entity ? `?type=${enc(entity.type)}&normalized=${enc(entity.normalized)}` : ''}`,
    ),
  graph: (entity: { type: string; normalized: string } | null) =>
    request<Graph>(
      `/api/graph${entity ? `?type=${enc(entity.type)}&normalized=${enc(entity.normalized)}` : ''}`,
    ),
  status: () => request<StoreStatus>('/api/status'),
  progress: () => request<{ progress: IndexProgress | null }>('/api/progress'),
}

/** Typed calls to the Daleel HTTP API (src/api). Errors carry the server's code and message. In
 *  server mode every call carries the session's CSRF token and a refused session signs out. */

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
import { csrfToken, setSession, type Account } from './session.js'

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

/** Sends a request with the session's CSRF token on anything but a GET. A 401 AUTH_REQUIRED
 *  signs the page out (the shell shows the sign-in view); a 403 CSRF_INVALID (the page was
 *  reloaded and lost the token it kept in memory) fetches the token and tries once more. */
async function send(path: string, init?: RequestInit, retried = false): Promise<Response> {
  const method = init?.method ?? 'GET'
  const csrf = method === 'GET' ? null : csrfToken()
  const response = await fetch(path, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(init?.body ? { 'content-type': 'application/json' } : {}),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
  })
  if (response.ok) return response
  const error = await errorOf(response)
  if (error.code === 'AUTH_REQUIRED') setSession({ mode: 'signed-out' })
  if (error.code === 'CSRF_INVALID' && !retried) {
    setSession({ mode: 'signed-in', account: await request<Account>('/api/me') })
    return send(path, init, true)
  }
  throw error
}

async function errorOf(response: Response): Promise<ApiError> {
  let code = 'HTTP_' + String(response.status)
  let message = response.statusText
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown }
    if (isErrorBody(body.error)) ({ code, message } = body.error)
    // The rate limiter's own answer: { statusCode, error: 'Too Many Requests', message }.
    else if (typeof body.message === 'string') message = body.message
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(code, message, response.status)
}

function isErrorBody(value: unknown): value is { code: string; message: string } {
  const body = value as { code?: unknown; message?: unknown } | null
  return typeof body?.code === 'string' && typeof body.message === 'string'
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await send(path, init)).json()) as T
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
  original: async (id: string): Promise<ArrayBuffer> =>
    await (await send(`/api/documents/${enc(id)}/original`)).arrayBuffer(),
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
  // Server mode (`daleel serve --auth`); a laptop server answers 404 to all three.
  me: () => request<Account>('/api/me'),
  login: (name: string, password: string) =>
    request<Account>('/api/login', post({ name, password })),
  logout: () => request<{ ok: boolean }>('/api/logout', { method: 'POST' }),
}

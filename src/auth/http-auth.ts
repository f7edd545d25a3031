/** Server mode for the HTTP API (`daleel serve --auth`): sign-in with a session in an httpOnly,
 *  SameSite=Strict cookie, a CSRF token for every state-changing request of a session, API
 *  tokens for scripts, sign-in rate limits, and each request's store limited to the caller's
 *  collections. The routes stay as they are: they use a store whose every call goes to the
 *  current request's ScopedStore (AsyncLocalStorage). Searches, views, downloads, exports and
 *  changes are written to the audit log. */

import { AsyncLocalStorage } from 'node:async_hooks'
import { fastifyCookie } from '@fastify/cookie'
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DaleelError } from '../domain/index.js'
import type { Store } from '../store/index.js'
import type { Access, AuthService } from './auth-service.js'
import { ScopedStore } from './scoped-store.js'

const sessionCookie = 'daleel_session'
const open = new Set(['/api/health', '/api/login', '/api/openapi.json'])
const adminOnly = new Set(['/api/progress'])

/** Failed sign-ins allowed per name within the window, before the name is held back. */
const failuresPerName = 5
const failureWindowMs = 15 * 60_000

const currentStoreKey = Symbol('daleel.currentStore')

/** A store whose calls go to the current request's view. Outside a request it refuses to answer:
 *  code that lost the request's context must fail, not see every collection. */
export function contextualStore(base: Store, current: AsyncLocalStorage<Store>): Store {
  return new Proxy(base, {
    get(_target, property) {
      const store = current.getStore()
      if (!store) throw new Error('the store was used outside of a request in server mode')
      if (property === currentStoreKey) return store
      const value: unknown = Reflect.get(store, property)
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(store)
        : value
    },
  })
}

/** The store a route should keep using after its handler returns (e.g. while a response
 *  streams): the request's own view in server mode, else the store itself. */
export function currentStore(store: Store): Store {
  return (store as Store & { [currentStoreKey]?: Store })[currentStoreKey] ?? store
}

declare module 'fastify' {
  interface FastifyRequest {
    access?: Access
  }
}

/** Adds sign-in, sessions, CSRF, access control and auditing to the API. Call it before the
 *  routes are added. */
export function registerAuth(
  app: FastifyInstance,
  auth: AuthService,
  base: Store,
  current: AsyncLocalStorage<Store>,
): void {
  void app.register(fastifyCookie)
  void app.register(fastifyRateLimit, { global: false })
  // Registered after the rate limiter, so that it sees the sign-in route's limit.
  void app.register((instance, _options, ready) => {
    authRoutes(instance, auth)
    ready()
  })

  app.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?')[0] ?? ''
    if (!path.startsWith('/api/') || open.has(path)) {
      done()
      return
    }
    authenticate(auth, request, sessionOf(request))
      .then((access) => {
        if (adminOnly.has(path) && !access.admin) {
          throw new DaleelError('FORBIDDEN', { needed: 'server administrator' })
        }
        request.access = access
        // The rest of the request runs with the user's view of the store.
        current.run(new ScopedStore(base, access), done)
      })
      .catch((error: unknown) => sendAuthError(reply, error))
  })

  app.addHook('onResponse', async (request, reply) => {
    const action = auditedAction(request)
    if (!action || !request.access || reply.statusCode >= 400) return
    const params = request.params as Record<string, unknown> | undefined
    const query = request.query as Record<string, unknown> | undefined
    await auth.audit(
      request.access.user,
      action,
      typeof params?.['id'] === 'string' ? params['id'] : null,
      {
        route: request.routeOptions.url ?? request.url,
        ...(typeof query?.['q'] === 'string' ? { q: query['q'] } : {}),
        status: reply.statusCode,
      },
    )
  })
}

/** The session id from the request's cookie (parsed here: our hook runs before the plugin's). */
function sessionOf(request: FastifyRequest): string | undefined {
  return fastifyCookie.parse(request.headers.cookie ?? '')[sessionCookie]
}

function authRoutes(app: FastifyInstance, auth: AuthService): void {
  const failures = new Map<string, number[]>()

  app.post<{ Body: { name?: unknown; password?: unknown } }>(
    '/api/login',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const name = typeof request.body?.name === 'string' ? request.body.name : ''
      const password = typeof request.body?.password === 'string' ? request.body.password : ''
      const now = Date.now()
      const recent = (failures.get(name) ?? []).filter((at) => now - at < failureWindowMs)
      if (recent.length >= failuresPerName) {
        const wait = Math.ceil((failureWindowMs - (now - (recent[0] ?? now))) / 1000)
        return reply
          .status(429)
          .send(errorBody(new DaleelError('LOGIN_THROTTLED', { seconds: wait })))
      }
      const login = await auth.login(name, password, request.ip)
      if (!login) {
        failures.set(name, [...recent, now])
        return reply.status(401).send(errorBody(new DaleelError('LOGIN_FAILED')))
      }
      failures.delete(name)
      void reply.setCookie(sessionCookie, login.session, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: 12 * 3600,
      })
      const access = await auth.access(name)
      return { user: login.user.name, admin: access.admin, csrf: login.csrf, ...roles(access) }
    },
  )

  app.post('/api/logout', async (request, reply) => {
    const session = sessionOf(request)
    if (session) await auth.logout(session)
    void reply.clearCookie(sessionCookie, { path: '/' })
    return { ok: true }
  })

  app.get('/api/me', async (request) => {
    const access = request.access
    if (!access) throw new DaleelError('AUTH_REQUIRED')
    const session = sessionOf(request)
    const csrf = session ? ((await auth.session(session))?.csrf ?? null) : null
    return { user: access.user, admin: access.admin, csrf, ...roles(access) }
  })
}

async function authenticate(
  auth: AuthService,
  request: FastifyRequest,
  session: string | undefined,
): Promise<Access> {
  const bearer = /^Bearer\s+(\S+)$/iu.exec(request.headers.authorization ?? '')?.[1]
  if (bearer) {
    const user = await auth.tokenUser(bearer)
    if (!user) throw new DaleelError('AUTH_REQUIRED')
    return auth.access(user)
  }
  const found = session ? await auth.session(session) : null
  if (!found) throw new DaleelError('AUTH_REQUIRED')
  // A cookie goes with every request the browser makes, also those another site triggers:
  // anything that changes state must also prove it comes from our page.
  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    const sent = request.headers['x-csrf-token']
    if (sent !== found.csrf) throw new DaleelError('CSRF_INVALID')
  }
  return auth.access(found.user)
}

function auditedAction(request: FastifyRequest): string | null {
  const route = request.routeOptions.url ?? ''
  const method = request.method
  if (route.startsWith('/api/search')) return 'search'
  if (route.startsWith('/api/export')) return 'export'
  if (route === '/api/documents/:id/original') return 'document.download'
  if (route.startsWith('/api/documents/:id') && method === 'GET') return 'document.view'
  if (method !== 'GET' && (route.includes('/tags') || route.includes('/notes'))) {
    return `annotation.${method.toLowerCase()}`
  }
  return null
}

function roles(access: Access): { collections: { name: string; role: string }[] } {
  return {
    collections: [...access.collections].map(([name, role]) => ({ name, role })),
  }
}

const statusOf: Record<string, number> = {
  AUTH_REQUIRED: 401,
  LOGIN_FAILED: 401,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  LOGIN_THROTTLED: 429,
  USER_NOT_FOUND: 401,
}

function errorBody(error: DaleelError): { error: { code: string; message: string } } {
  return { error: { code: error.code, message: error.message } }
}

function sendAuthError(reply: FastifyReply, error: unknown): void {
  if (error instanceof DaleelError) {
    void reply.status(statusOf[error.code] ?? 500).send(errorBody(error))
    return
  }
  void reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong.' } })
}

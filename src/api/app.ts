/** The HTTP API and the web workbench: thin routes over the same services as the CLI, strict
 *  security headers, and the built workbench (dist/web) served from the same origin. Nothing the
 *  pages load comes from anywhere else. */

import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import { AsyncLocalStorage } from 'node:async_hooks'
import type { AuthService } from '../auth/auth-service.js'
import { contextualStore, registerAuth } from '../auth/http-auth.js'
import type { Daleel } from '../daleel.js'
import { SearchService } from '../search/index.js'
import type { Store } from '../store/index.js'
import { sendError } from './error-response.js'
import { openApiDocument } from './openapi.js'
import { registerAnnotationRoutes } from './routes/annotation-routes.js'
import { registerCollectionRoutes } from './routes/collection-routes.js'
import { registerDocumentRoutes } from './routes/document-routes.js'
import { registerEntityRoutes } from './routes/entity-routes.js'
import { registerSearchRoutes } from './routes/search-routes.js'

/** The workbench's policy: everything from our own origin. pdf.js runs its worker from our
 *  origin and draws pages into canvases; images of documents arrive as blob: URLs. */
export const workbenchPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ')

export interface AppOptions {
  readonly logger?: boolean
  /** The built workbench; by default `dist/web` of this checkout, when it has been built. */
  readonly webRoot?: string | null
  /** Server mode: users sign in, and each sees only the collections they hold a role on. */
  readonly auth?: AuthService
}

/** Builds the app; the caller listens (127.0.0.1 by default) or injects requests in tests. */
export function buildApp(base: Daleel, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 8 * 1024 * 1024 })
  let daleel = base
  if (options.auth) {
    // The routes get a store that answers with the current request's view of the collection.
    const current = new AsyncLocalStorage<Store>()
    const store = contextualStore(base.store, current)
    daleel = { ...base, store, search: new SearchService(store) }
    registerAuth(app, options.auth, base.store, current)
  }
  app.addHook('onSend', async (_request, reply) => {
    // A route that serves hostile content (the sanitised HTML view) sets a stricter policy of
    // its own; everything else gets the workbench's.
    if (!reply.hasHeader('content-security-policy'))
      void reply.header('content-security-policy', workbenchPolicy)
    if (!reply.hasHeader('x-frame-options')) void reply.header('x-frame-options', 'DENY')
    void reply.header('x-content-type-options', 'nosniff')
    void reply.header('referrer-policy', 'no-referrer')
    void reply.header('cross-origin-opener-policy', 'same-origin')
    void reply.header('cross-origin-resource-policy', 'same-origin')
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()')
  })
  app.setErrorHandler(sendError)
  app.get('/api/health', () => ({ ok: true }))
  app.get('/api/openapi.json', () => openApiDocument)
  registerSearchRoutes(app, daleel)
  registerDocumentRoutes(app, daleel)
  registerEntityRoutes(app, daleel)
  registerAnnotationRoutes(app, daleel)
  registerCollectionRoutes(app, daleel)
  const webRoot = options.webRoot === undefined ? defaultWebRoot() : options.webRoot
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    void app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: 'index.html',
      cacheControl: false,
      // File names under assets/ carry a content hash, so they never change.
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/'))
        return reply
          .status(404)
          .send({ error: { code: 'NOT_FOUND', message: 'There is no such API route.' } })
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found')
    })
  } else {
    app.get('/', (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="en"><meta charset="utf-8"><title>Daleel</title>' +
            '<body><h1>Daleel</h1><p>The API is running: <a href="/api/openapi.json">/api/openapi.json</a>. ' +
            'The workbench has not been built: run <code>npm run build</code>.</p></body></html>',
        ),
    )
  }
  return app
}

/** `dist/web` of this checkout, from either `src/api` (tsx, tests) or `dist/src/api` (built). */
function defaultWebRoot(): string {
  const root = fileURLToPath(new URL('../../', import.meta.url))
  return basename(root) === 'dist' ? join(root, 'web') : join(root, 'dist', 'web')
}

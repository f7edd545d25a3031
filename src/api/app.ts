/** The HTTP API: thin routes over the same services as the CLI, with strict security headers. */

import Fastify, { type FastifyInstance } from 'fastify'
import type { Daleel } from '../daleel.js'
import { sendError } from './error-response.js'
import { openApiDocument } from './openapi.js'
import { registerDocumentRoutes } from './routes/document-routes.js'
import { registerSearchRoutes } from './routes/search-routes.js'

/** Builds the app; the caller listens (127.0.0.1 by default) or injects requests in tests. */
export function buildApp(daleel: Daleel, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false })
  app.addHook('onSend', async (_request, reply) => {
    void reply.header(
      'content-security-policy',
      "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    )
    void reply.header('x-content-type-options', 'nosniff')
    void reply.header('referrer-policy', 'no-referrer')
    void reply.header('x-frame-options', 'DENY')
    void reply.header('cross-origin-opener-policy', 'same-origin')
    void reply.header('cross-origin-resource-policy', 'same-origin')
  })
  app.setErrorHandler(sendError)
  app.get('/api/health', () => ({ ok: true }))
  app.get('/api/openapi.json', () => openApiDocument)
  registerSearchRoutes(app, daleel)
  registerDocumentRoutes(app, daleel)
  app.get('/', (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Daleel</title>' +
          '<body><h1>Daleel</h1><p>The API is running: <a href="/api/openapi.json">/api/openapi.json</a>. ' +
          'Try <code>/api/search?q=…</code>. The web workbench arrives with its own issue.</p></body></html>',
      ),
  )
  return app
}

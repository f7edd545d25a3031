/** The OpenAPI description served at /api/openapi.json: every route the workbench uses. */

const hit = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    path: { type: 'string' },
    title: { type: ['string', 'null'] },
    lang: { type: ['string', 'null'] },
    type: { type: 'string' },
    score: { type: 'number' },
    snippet: { type: 'string' },
    page: { type: ['integer', 'null'] },
    highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' } } },
    offset: { type: 'integer' },
  },
}

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'document id or path',
}
const entityParams = [
  { name: 'type', in: 'path', required: true, schema: { type: 'string' } },
  { name: 'normalized', in: 'path', required: true, schema: { type: 'string' } },
]
const query = (name: string, schema: object = { type: 'string' }, required = false) => ({
  name,
  in: 'query',
  required,
  schema,
})
const paging = [
  query('limit', { type: 'integer', minimum: 1 }),
  query('offset', { type: 'integer', minimum: 0 }),
]
const error = {
  description: 'an error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
}
const json = (description: string) => ({ description, content: { 'application/json': {} } })
const body = (properties: Record<string, object>, required: string[]) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', properties, required } } },
})

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Daleel API',
    version: '0.1.0',
    description:
      'Search, read, cite and annotate an investigated document collection. The workbench at / uses exactly these routes.',
  },
  paths: {
    '/api/health': {
      get: { summary: 'Ready check', responses: { '200': { description: '{"ok":true}' } } },
    },
    '/api/search': {
      get: {
        summary: 'Search with the query language of docs/query-language.md',
        parameters: [
          query('q', { type: 'string' }, true),
          query('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 20 }),
          query('offset', { type: 'integer', minimum: 0, default: 0 }),
          query('facets', { type: 'boolean' }),
        ],
        responses: {
          '200': {
            description:
              'hits, and with facets=true counts by lang, type, date (YYYY-MM), tag and entity',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    query: { type: 'string' },
                    total: { type: 'integer' },
                    limit: { type: 'integer' },
                    offset: { type: 'integer' },
                    hits: { type: 'array', items: hit },
                    facets: { type: ['object', 'null'] },
                  },
                },
              },
            },
          },
          '400': error,
        },
      },
    },
    '/api/search/batch': {
      post: {
        summary: 'One search per line; a bad line carries its error and the others still run',
        requestBody: body(
          {
            queries: { type: 'array', items: { type: 'string' }, maxItems: 2000 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 3 },
          },
          ['queries'],
        ),
        responses: { '200': json('{results: [{query, total, hits, error?}]}'), '400': error },
      },
    },
    '/api/documents': {
      get: {
        summary: 'Every document, as links',
        parameters: paging,
        responses: { '200': json('{total, documents: [{id, path, title, type, lang}]}') },
      },
    },
    '/api/documents/{id}': {
      get: {
        summary: 'Metadata with ancestors (container tree), children, tags',
        parameters: [idParam],
        responses: { '200': json('the document'), '404': error },
      },
    },
    '/api/documents/{id}/text': {
      get: {
        summary: 'Extracted text and passages (with page and language)',
        parameters: [idParam],
        responses: { '200': json('{id, text, passages}'), '404': error },
      },
    },
    '/api/documents/{id}/hits': {
      get: {
        summary: 'Every place the query matches in the document, as raw-text ranges with pages',
        parameters: [idParam, query('q', { type: 'string' }, true)],
        responses: {
          '200': json('{hits: [{start, end, page}], best}'),
          '400': error,
          '404': error,
        },
      },
    },
    '/api/documents/{id}/entities': {
      get: {
        summary: 'Entities of the document, with every mention',
        parameters: [idParam],
        responses: { '200': json('{entities, mentions}'), '404': error },
      },
    },
    '/api/documents/{id}/cite': {
      get: {
        summary: 'Citation of a passage',
        parameters: [
          idParam,
          query('at', { type: 'integer' }),
          query('length', { type: 'integer' }),
        ],
        responses: {
          '200': json('{title, path, sha256, page, offset, length, quote}'),
          '400': error,
          '404': error,
        },
      },
    },
    '/api/documents/{id}/original': {
      get: {
        summary: 'The original bytes, always as a download (application/octet-stream, attachment)',
        parameters: [idParam],
        responses: { '200': { description: 'bytes' }, '404': error },
      },
    },
    '/api/documents/{id}/html': {
      get: {
        summary:
          'The sanitised HTML of an e-mail or HTML file, with a CSP that allows no script and no remote load',
        parameters: [idParam],
        responses: { '200': { description: 'text/html' }, '400': error, '404': error },
      },
    },
    '/api/documents/{id}/tags': {
      get: {
        summary: 'Tags of a document',
        parameters: [idParam],
        responses: { '200': json('{id, tags}'), '404': error },
      },
      post: {
        summary: 'Add a tag',
        parameters: [idParam],
        requestBody: body({ tag: { type: 'string' } }, ['tag']),
        responses: { '200': json('{id, tags}'), '400': error, '404': error },
      },
    },
    '/api/documents/{id}/tags/{tag}': {
      delete: {
        summary: 'Remove a tag',
        parameters: [
          idParam,
          { name: 'tag', in: 'path', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': json('{id, tags}'), '404': error },
      },
    },
    '/api/tags': {
      get: { summary: 'Every tag with its document count', responses: { '200': json('{tags}') } },
    },
    '/api/notes': {
      get: {
        summary: 'Notes, newest first; of one document, or containing a text',
        parameters: [query('doc'), query('q')],
        responses: { '200': json('{notes}') },
      },
      post: {
        summary: 'Add a note anchored to a passage of the raw text',
        requestBody: body(
          {
            docId: { type: 'string' },
            start: { type: 'integer' },
            end: { type: 'integer' },
            text: { type: 'string' },
          },
          ['docId', 'start', 'end', 'text'],
        ),
        responses: { '201': json('the note'), '400': error, '404': error },
      },
    },
    '/api/notes/{id}': {
      delete: {
        summary: 'Delete a note',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': json('{deleted}'), '404': error },
      },
    },
    '/api/entities': {
      get: {
        summary: 'Entities with mention and document counts',
        parameters: [query('type'), query('limit', { type: 'integer' })],
        responses: { '200': json('{entities}'), '400': error },
      },
    },
    '/api/entities/{type}/{normalized}': {
      get: {
        summary: 'One entity: its mentions with passages, and the entities it co-occurs with',
        parameters: [...entityParams, ...paging],
        responses: { '200': json('{type, normalized, value, total, mentions, coOccurring}') },
      },
    },
    '/api/timeline': {
      get: {
        summary: 'Dated mentions in date order, each with its passage; optionally for one entity',
        parameters: [query('type'), query('normalized'), query('limit', { type: 'integer' })],
        responses: { '200': json('{points: [{date, doc, mention, passage}]}') },
      },
    },
    '/api/graph': {
      get: {
        summary:
          'Entities, documents and correspondents around one entity, or the mail graph of the collection',
        parameters: [query('type'), query('normalized'), query('limit', { type: 'integer' })],
        responses: { '200': json('{nodes, edges}') },
      },
    },
    '/api/status': {
      get: { summary: 'Counts, as `daleel status`', responses: { '200': json('the status') } },
    },
    '/api/collections': {
      get: {
        summary: 'Collections with document counts',
        responses: { '200': json('{collections}') },
      },
    },
    '/api/failures': {
      get: {
        summary: 'Files that could not be read, with their codes',
        parameters: paging,
        responses: { '200': json('{total, failures}') },
      },
    },
    '/api/export': {
      get: {
        summary:
          'Everything visible, as `daleel export` writes it: FollowTheMoney JSON lines (format=ftm) or every mention as CSV (format=csv), as a download',
        parameters: [query('format', { type: 'string', enum: ['ftm', 'csv'] })],
        responses: {
          '200': {
            description: 'the export',
            content: { 'application/x-ndjson': {}, 'text/csv': {} },
          },
          '400': error,
        },
      },
    },
    '/api/progress': {
      get: {
        summary:
          'Progress of a running `daleel index` on this store, or null (admins only with --auth)',
        responses: { '200': json('{progress}') },
      },
    },
    // Routes of server mode (`daleel serve --auth`) only.
    '/api/login': {
      'x-server-mode': true,
      post: {
        summary:
          'Server mode (--auth): sign in; sets an httpOnly session cookie and returns the CSRF token to send as x-csrf-token with every POST/DELETE',
        requestBody: body({ name: { type: 'string' }, password: { type: 'string' } }, [
          'name',
          'password',
        ]),
        responses: {
          '200': json('{user, admin, csrf, collections: [{name, role}]}'),
          '401': error,
          '429': error,
        },
      },
    },
    '/api/logout': {
      'x-server-mode': true,
      post: { summary: 'Server mode: ends the session', responses: { '200': json('{ok}') } },
    },
    '/api/me': {
      'x-server-mode': true,
      get: {
        summary:
          'Server mode: who is signed in (session cookie or `Authorization: Bearer TOKEN`), with roles',
        responses: { '200': json('{user, admin, csrf, collections}'), '401': error },
      },
    },
  },
} as const

/** The OpenAPI description served at /api/openapi.json. */

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

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Daleel API',
    version: '0.1.0',
    description: 'Search and read an investigated document collection.',
  },
  paths: {
    '/api/health': {
      get: { summary: 'Ready check', responses: { '200': { description: '{"ok":true}' } } },
    },
    '/api/search': {
      get: {
        summary: 'Search with the query language of docs/query-language.md',
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 20 },
          },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          { name: 'facets', in: 'query', schema: { type: 'boolean' } },
        ],
        responses: {
          '200': {
            description: 'hits',
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
    '/api/documents/{id}': {
      get: {
        summary: 'Document metadata with children',
        parameters: [idParam],
        responses: { '200': { description: 'the document' }, '404': error },
      },
    },
    '/api/documents/{id}/text': {
      get: {
        summary: 'Extracted text and passages',
        parameters: [idParam],
        responses: { '200': { description: 'text' }, '404': error },
      },
    },
    '/api/documents/{id}/cite': {
      get: {
        summary: 'Citation of a passage',
        parameters: [
          idParam,
          { name: 'at', in: 'query', schema: { type: 'integer' } },
          { name: 'length', in: 'query', schema: { type: 'integer' } },
        ],
        responses: {
          '200': { description: '{title, path, sha256, page, offset, length, quote}' },
          '400': error,
          '404': error,
        },
      },
    },
    '/api/documents/{id}/original': {
      get: {
        summary: 'The original bytes, as a download',
        parameters: [idParam],
        responses: { '200': { description: 'bytes' }, '404': error },
      },
    },
  },
} as const

/** Maps errors to HTTP answers: a DaleelError becomes its status and `{ error: { code, message } }`;
 *  anything else is logged and answered with a generic 500. */

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { DaleelError, type ErrorCode } from '../domain/index.js'

const statusOf: Partial<Record<ErrorCode, number>> = {
  QUERY_SYNTAX: 400,
  QUERY_EMPTY: 400,
  QUERY_FIELD_UNKNOWN: 400,
  QUERY_FIELD_VALUE: 400,
  ARGUMENT_INVALID: 400,
  CITE_RANGE: 400,
  DOCUMENT_NOT_FOUND: 404,
  DOCUMENT_NO_ORIGINAL: 404,
  AUTH_REQUIRED: 401,
  LOGIN_FAILED: 401,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  LOGIN_THROTTLED: 429,
}

export function sendError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof DaleelError) {
    void reply
      .status(statusOf[error.code] ?? 500)
      .send({ error: { code: error.code, message: error.message } })
    return
  }
  const validation = (error as FastifyError).validation
  if (validation || (error as FastifyError).statusCode === 400) {
    void reply.status(400).send({ error: { code: 'ARGUMENT_INVALID', message: error.message } })
    return
  }
  request.log.error(error)
  void reply
    .status(500)
    .send({ error: { code: 'INTERNAL', message: 'Something went wrong on the server.' } })
}

import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import type { SanitizedConfig } from 'payload'

import { createRequest, sendResponse } from '@remix-run/node-fetch-server'
import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'
import { Router } from 'express'

/**
 * A GraphQL request that could not run at all (syntax or validation errors: `errors` and no
 * `data`) is the client's mistake, so it is answered 400 rather than 200, as the
 * GraphQL-over-HTTP spec does for application/graphql-response+json.
 */
async function requestErrorsAre400(response: Response): Promise<Response> {
  if (response.status !== 200) return response
  const text = await response.text()
  let status = 200
  try {
    const result = JSON.parse(text) as { data?: unknown; errors?: unknown[] }
    if (!('data' in result) && Array.isArray(result.errors) && result.errors.length > 0) status = 400
  } catch {
    // not JSON: pass it on untouched
  }
  return new Response(text, { status, headers: response.headers })
}

type RestHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/**
 * Payload's own REST and GraphQL route handlers (the ones Next.js would mount), served by
 * Express so that API traffic passes through the same logging, headers and limits as the rest
 * of the server without a round trip through Next's router.
 */
export function payloadApi(config: Promise<SanitizedConfig> | SanitizedConfig): Router {
  const router = Router()
  const graphql = GRAPHQL_POST(config)
  const rest: Record<string, RestHandler> = {
    DELETE: REST_DELETE(config),
    GET: REST_GET(config),
    OPTIONS: REST_OPTIONS(config),
    PATCH: REST_PATCH(config),
    POST: REST_POST(config),
    PUT: REST_PUT(config),
  }

  const toFetch =
    (handle: (request: Request, req: ExpressRequest, subPath: string) => Promise<Response>): RequestHandler =>
    async (req: ExpressRequest, res: ExpressResponse, next) => {
      const subPath = req.path
      try {
        // Inside a mounted router Express strips the mount path from req.url; Payload needs it whole.
        const request = createRequest(Object.assign(req, { url: req.originalUrl }), res)
        await sendResponse(res, await handle(request, req, subPath))
      } catch (error) {
        next(error)
      }
    }

  router.post('/graphql', toFetch(async (request) => requestErrorsAre400(await graphql(request))))
  router.use(
    toFetch((request, req, subPath) => {
      const handler = rest[req.method === 'HEAD' ? 'GET' : req.method]
      if (!handler) {
        return Promise.resolve(Response.json({ errors: [{ message: `Method ${req.method} is not allowed.` }] }, { status: 405 }))
      }
      const slug = subPath.split('/').filter(Boolean).map(decodeURIComponent)
      return handler(request, { params: Promise.resolve({ slug }) })
    }),
  )
  return router
}

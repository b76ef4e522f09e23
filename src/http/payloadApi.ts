import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import type { Payload } from 'payload'

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

import { cachedApiResponse, uncacheable } from '../cache/httpCache'
import { graphqlDelivery } from '../delivery/graphqlReads'
import { deliveryRead } from '../delivery/restReads'
import { searchRead } from '../search/endpoint'
import { apiPathSegments } from './apiOperation'
import { CLIENT_ADDRESS_HEADER } from './clientAddress'
import { unservedRoute } from './unservedRoutes'

type ErrorBody = { data?: unknown; errors?: Array<{ data?: { retryAfterSeconds?: number }; extensions?: { data?: { retryAfterSeconds?: number }; statusCode?: number } }> }

const readJson = async (response: Response): Promise<{ text: string; body?: ErrorBody }> => {
  const text = await response.text()
  try {
    return { text, body: JSON.parse(text) as ErrorBody }
  } catch {
    return { text } // not JSON: passed on untouched
  }
}

const withRetryAfter = (headers: Headers, seconds: number | undefined): Headers => {
  const copy = new Headers(headers)
  if (seconds !== undefined) copy.set('retry-after', String(seconds))
  return copy
}

/** A REST 429 (a rate limit in a hook) carries its wait in the body: also send it as Retry-After. */
async function restRetryAfter(response: Response): Promise<Response> {
  if (response.status !== 429) return response
  const { text, body } = await readJson(response)
  return new Response(text, { status: 429, headers: withRetryAfter(response.headers, body?.errors?.[0]?.data?.retryAfterSeconds) })
}

/**
 * GraphQL answers 200 whatever happened. A request that could not run at all (syntax or
 * validation errors: `errors` and no `data`, or no `data` because of bad arguments) is the client's mistake and answers 400, as the
 * GraphQL-over-HTTP spec does for application/graphql-response+json; one refused by a rate
 * limit answers 429 with Retry-After, as REST does.
 */
async function graphqlStatus(response: Response): Promise<Response> {
  // graphql-http refuses other media types with an empty 415: say what it takes.
  if (response.status === 415) {
    return Response.json({ errors: [{ message: 'GraphQL requests are POSTed as JSON: Content-Type: application/json with {"query": "…", "variables": {…}}.' }] }, { status: 415 })
  }
  if (response.status !== 200) return response
  const { text, body } = await readJson(response)
  const errors = body?.errors ?? []
  const limited = errors.find((error) => error.extensions?.statusCode === 429)
  const unavailable = errors.some((error) => error.extensions?.statusCode === 503)
  let status = 200
  if (limited) status = 429
  else if (unavailable) status = 503
  else if (body && !('data' in body) && errors.length > 0) status = 400
  // Nothing answered because every error is the request's own (a search with no words): 400, as REST.
  else if (body?.data === null && errors.length > 0 && errors.every((error) => error.extensions?.statusCode === 400)) status = 400
  return new Response(text, { status, headers: withRetryAfter(response.headers, limited?.extensions?.data?.retryAfterSeconds) })
}

type RestHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/**
 * Payload's own REST and GraphQL route handlers (the ones Next.js would mount), served by
 * Express so that API traffic passes through the same logging, headers and limits as the rest
 * of the server without a round trip through Next's router. The public reads the delivery store
 * can answer are answered from it.
 */
export function payloadApi(payload: Payload): Router {
  const { config } = payload
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
        const request = Buffer.isBuffer(req.body)
          ? // A chunked body already read (and size-checked) by the request limits.
            new Request(new URL(req.originalUrl, `http://${req.headers.host ?? 'localhost'}`), {
              method: req.method,
              headers: req.headers as Record<string, string>,
              body: new Uint8Array(req.body),
            })
          : createRequest(Object.assign(req, { url: req.originalUrl }), res)
        request.headers.set(CLIENT_ADDRESS_HEADER, req.ip ?? '')
        await sendResponse(res, await handle(request, req, subPath))
      } catch (error) {
        next(error)
      }
    }

  // GraphQL list and slug queries the delivery store can answer come from it (src/delivery/graphqlReads.ts).
  const answerGraphql = async (request: Request, req: ExpressRequest): Promise<Response> => {
    const delivery = graphqlDelivery(req, payload)
    const fromStore = await delivery?.serve?.()
    if (fromStore) return fromStore
    const response = await graphql(request)
    return delivery?.verify ? delivery.verify(response) : response
  }
  router.post('/graphql', toFetch(async (request, req) => uncacheable(req, await graphqlStatus(await answerGraphql(request, req)))))
  router.use(
    toFetch(async (request, req, subPath) => {
      const handler = rest[req.method === 'HEAD' ? 'GET' : req.method]
      if (!handler) {
        return Promise.resolve(Response.json({ errors: [{ message: `Method ${req.method} is not allowed.` }] }, { status: 405 }))
      }
      // Search is read only: say so, rather than Payload's "Route not found".
      if (/^\/search\/?$/.test(subPath) && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
        return Response.json({ errors: [{ message: `Search is read with GET /api/search?q=…, not ${req.method}.` }] }, { status: 405, headers: { allow: 'GET, HEAD, OPTIONS' } })
      }
      const slug = apiPathSegments(subPath)
      const unserved = unservedRoute(payload, slug)
      if (unserved) return Response.json({ errors: [{ message: unserved }] }, { status: 404, headers: { 'cache-control': 'no-store' } })
      // The common public reads come from the delivery store (src/delivery), the rest from Payload.
      const fromStore = deliveryRead(req, payload) ?? searchRead(req, payload)
      // HEAD is a GET without the body (Node drops it): Payload matches its routes by method, and
      // answered every HEAD with 404.
      const asPayloadSees = req.method === 'HEAD' ? new Request(request, { method: 'GET' }) : request
      return cachedApiResponse(req, config, fromStore ?? (() => handler(asPayloadSees, { params: Promise.resolve({ slug }) }).then(restRetryAfter)))
    }),
  )
  return router
}

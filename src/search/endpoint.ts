import type { Request as ExpressRequest } from 'express'
import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { DEFAULT_EDITION, isEditionCode } from '../editions/locales'
import { storeResponse } from '../delivery/restReads'
import { isAnonymous } from '../http/requestUser'
import { search, searchBody, SearchInputError, searchRequestOf, SearchUnavailable } from './service'

/** The parameters GET /api/search takes; anything else is refused, so a typo is not silently ignored. */
export const SEARCH_PARAMS = ['q', 'tag', 'author', 'from', 'to', 'sort', 'limit', 'page', 'locale', 'fallback-locale'] as const

const refuse = (status: number, message: string, headers: Record<string, string> = {}) => Response.json({ errors: [{ message }] }, { status, headers })

/** The answer to GET /api/search with these parameters: 200 with the hits, 400 saying what to change, or 503 while the index is built. */
export async function searchResponse(payload: Payload, params: URLSearchParams, req?: Partial<PayloadRequest>): Promise<Response> {
  const names = [...params.keys()]
  const unknown = names.find((name) => !(SEARCH_PARAMS as readonly string[]).includes(name))
  if (unknown !== undefined) return refuse(400, `Unknown parameter "${unknown.slice(0, 40)}". Search takes ${SEARCH_PARAMS.filter((name) => name !== 'fallback-locale').join(', ')}.`)
  const repeated = names.find((name, index) => names.indexOf(name) !== index)
  if (repeated !== undefined) return refuse(400, `Send ${repeated} once.`)
  const locale = params.get('locale') ?? DEFAULT_EDITION
  if (!isEditionCode(locale)) return refuse(400, 'Search one edition at a time: locale=en or locale=ar.')
  try {
    const request = await searchRequestOf(payload, Object.fromEntries(params), locale, req)
    return new Response(searchBody(await search(payload, request)), { status: 200, headers: { 'content-type': 'application/json' } })
  } catch (error) {
    if (error instanceof SearchInputError) return refuse(400, error.message)
    if (error instanceof SearchUnavailable) return refuse(503, error.message, { 'retry-after': '5' })
    throw error
  }
}

/**
 * GET /api/search?q=…: published articles of one edition (`locale`) matching a reader's words,
 * for anyone (docs/search.md). Cached like the other public reads (src/cache/httpCache.ts).
 * Anonymous readers are answered before Payload's request handling (`searchRead`), with the same answer.
 */
export const searchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: (req) => searchResponse(req.payload, req.searchParams, req),
}

/** A producer for an anonymous reader's search, answered without Payload's request handling (as the delivery store's reads are). */
export function searchRead(req: ExpressRequest, payload: Payload): (() => Promise<Response>) | undefined {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !/^\/api\/search\/?$/.test(req.path) || !isAnonymous(req)) return undefined
  return async () => {
    const response = await searchResponse(payload, new URLSearchParams(req.originalUrl.slice(req.originalUrl.indexOf('?') + 1 || req.originalUrl.length)))
    const answer = storeResponse(req, payload, await response.text(), 'application/json')
    if (response.status === 200) return answer
    // A refusal keeps its status and headers, with CORS as any answer, so a frontend can read why.
    const headers = new Headers(response.headers)
    answer.headers.forEach((value, name) => headers.set(name, value))
    return new Response(answer.body, { status: response.status, headers })
  }
}

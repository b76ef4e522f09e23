import type { Endpoint } from 'payload'

import { DEFAULT_EDITION, isEditionCode } from '../editions/locales'
import { search, searchBody, SearchInputError, searchRequestOf, SearchUnavailable } from './service'

/** The parameters GET /api/search takes; anything else is refused, so a typo is not silently ignored. */
export const SEARCH_PARAMS = ['q', 'tag', 'author', 'from', 'to', 'sort', 'limit', 'page', 'locale', 'fallback-locale'] as const

const refuse = (status: number, message: string, headers: Record<string, string> = {}) => Response.json({ errors: [{ message }] }, { status, headers })

/**
 * GET /api/search?q=…: published articles of one edition (`locale`) matching a reader's words,
 * for anyone (docs/search.md). Cached like the other public reads (src/cache/httpCache.ts).
 */
export const searchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    const params = req.searchParams
    const names = [...params.keys()]
    const unknown = names.find((name) => !(SEARCH_PARAMS as readonly string[]).includes(name))
    if (unknown !== undefined) return refuse(400, `Unknown parameter "${unknown.slice(0, 40)}". Search takes ${SEARCH_PARAMS.filter((name) => name !== 'fallback-locale').join(', ')}.`)
    const repeated = names.find((name, index) => names.indexOf(name) !== index)
    if (repeated !== undefined) return refuse(400, `Send ${repeated} once.`)
    const locale = params.get('locale') ?? req.locale ?? DEFAULT_EDITION
    if (!isEditionCode(locale)) return refuse(400, 'Search one edition at a time: locale=en or locale=ar.')
    try {
      const request = await searchRequestOf(req.payload, Object.fromEntries(params), locale, req)
      return new Response(searchBody(await search(req.payload, request)), { status: 200, headers: { 'content-type': 'application/json' } })
    } catch (error) {
      if (error instanceof SearchInputError) return refuse(400, error.message)
      if (error instanceof SearchUnavailable) return refuse(503, error.message, { 'retry-after': '5' })
      throw error
    }
  },
}

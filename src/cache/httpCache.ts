import type { Request as ExpressRequest } from 'express'
import type { SanitizedConfig } from 'payload'

import { createHash } from 'node:crypto'

import type { CachedResponse } from './responseCache'

import { readEnv } from '../env'
import { isAnonymous } from '../http/requestUser'
import { responseCache } from './responseCache'
import { surrogateKeysFor } from './surrogateKeys'

const PUBLIC_COLLECTIONS = 'articles|pages|authors|tags|media|comments'
const routes: Array<{ pattern: RegExp; keys: (config: SanitizedConfig, match: RegExpMatchArray, body: unknown) => string[] }> = [
  // A list or one document of a public collection (not its versions).
  {
    pattern: new RegExp(`^/api/(${PUBLIC_COLLECTIONS})(?:/(?!versions(?:/|$))([^/]+))?/?$`),
    keys: (config, match, body) => surrogateKeysFor(config, match[1]!, body),
  },
  // An article's comment thread: its comments, and the article (is it still live?).
  {
    pattern: /^\/api\/articles\/([^/]+)\/comments\/?$/,
    keys: (config, match, body) => ['comments', 'site-settings', `articles:${match[1]}`, ...surrogateKeysFor(config, 'comments', body)],
  },
  { pattern: /^\/api\/globals\/site-settings\/?$/, keys: () => ['site-settings'] },
  // A search: purged by any publish or unpublish (`articles`), and by a rename that changes what matches (`search`).
  {
    pattern: /^\/api\/search\/?$/,
    keys: (config, _match, body) => [
      'search',
      'articles',
      ...new Set(((body as { docs?: Array<{ article?: unknown }> }).docs ?? []).flatMap((hit) => surrogateKeysFor(config, 'articles', hit.article))),
    ],
  },
  // An old path's redirect: purged when any redirect changes, or the article it leads to.
  {
    pattern: /^\/api\/redirects\/resolve\/?$/,
    keys: (_config, _match, body) => {
      const article = (body as { article?: { id?: unknown } | null } | undefined)?.article
      return ['redirects', ...(article?.id === undefined ? [] : [`articles:${article.id}`])]
    },
  },
]

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`

// If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x".
const matches = (ifNoneMatch: string | undefined, etag: string) =>
  Boolean(ifNoneMatch) && ifNoneMatch!.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')

let publicCacheControl: string | undefined
const cacheControlForPublic = () => {
  if (!publicCacheControl) {
    const { CACHE_S_MAXAGE, CACHE_STALE_WHILE_REVALIDATE } = readEnv()
    publicCacheControl = `public, max-age=0, s-maxage=${CACHE_S_MAXAGE}, stale-while-revalidate=${CACHE_STALE_WHILE_REVALIDATE}`
  }
  return publicCacheControl
}

function respond(entry: CachedResponse, req: ExpressRequest, state: 'HIT' | 'MISS'): Response {
  const headers = new Headers({
    etag: entry.etag,
    'cache-control': cacheControlForPublic(),
    'surrogate-key': entry.keys.join(' '),
    'cache-tag': entry.keys.join(','),
    'x-cache': state,
  })
  if (matches(req.headers['if-none-match'], entry.etag)) return new Response(null, { status: 304, headers })
  headers.set('content-type', entry.contentType)
  return new Response(entry.body, { status: 200, headers })
}

/** Responses that must not be kept: `private, no-store` when signed in, else `no-store`. */
export const uncacheable = (req: ExpressRequest, response: Response): Response =>
  withCacheControl(response, isAnonymous(req) ? 'no-store' : 'private, no-store')

const withCacheControl = (response: Response, value: string): Response => {
  if (response.headers.has('cache-control')) return response
  const headers = new Headers(response.headers)
  headers.set('cache-control', value)
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

/**
 * HTTP caching of the public API. An anonymous GET of published content is answered from this
 * process's response cache when it can be, with a strong ETag (If-None-Match → 304), a
 * Cache-Control that lets CDNs keep it (`s-maxage`, `stale-while-revalidate`) and the surrogate
 * keys of everything it shows (`Surrogate-Key`, `Cache-Tag`), so a publish purges exactly the
 * responses it changes. Everything else is `no-store`, and `private` when signed in.
 */
export async function cachedApiResponse(req: ExpressRequest, config: SanitizedConfig, produce: () => Promise<Response>): Promise<Response> {
  const anonymous = isAnonymous(req)
  const route = req.method === 'GET' || req.method === 'HEAD' ? routes.find((candidate) => candidate.pattern.test(req.path)) : undefined
  const draft = req.query.draft === 'true' || req.query.draft === '1'
  if (!route || !anonymous || draft) return uncacheable(req, await produce())

  const url = req.originalUrl
  // A client asking for a fresh answer (Cache-Control: no-cache) gets one, which also refreshes the cache.
  const hit = /no-cache/.test(req.headers['cache-control'] ?? '') ? undefined : responseCache.get(url)
  if (hit) return respond(hit, req, 'HIT')
  const generation = responseCache.generation
  const response = await produce()
  const contentType = response.headers.get('content-type') ?? ''
  if (response.status !== 200 || !contentType.includes('json')) return withCacheControl(response, 'no-store')
  const body = await response.text()
  const entry: CachedResponse = { body, etag: etagOf(body), keys: route.keys(config, req.path.match(route.pattern)!, JSON.parse(body)), contentType }
  responseCache.set(url, entry, generation)
  return respond(entry, req, 'MISS')
}

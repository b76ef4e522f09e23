import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import type { EditionCode } from './locales'

import { apiError } from '../http/apiError'
import { methodOverride } from '../http/apiOperation'
import { isAnonymous } from '../http/requestUser'
import { readerFallbackFor } from './fallback'
import { DEFAULT_EDITION, EDITIONS, isEditionCode } from './locales'

/** Payload's names for "every locale at once". */
export const ALL_LOCALES = ['all', '*'] as const
/** Payload's names for "no fallback". */
export const NO_FALLBACK = ['none', 'false', 'null'] as const

const editionList = EDITIONS.map((edition) => `${edition.code} (${edition.label})`).join(', ')

/**
 * What an API request may ask of the editions, or why not. Unknown locales are refused rather
 * than answered empty (Payload, with fallback off, matches nothing for them). Every locale at once
 * (`all`) and falling back to another edition are for staff: an anonymous reader asks for one
 * edition and gets exactly what that edition has published.
 */
export function localeProblem(params: URLSearchParams, anonymous: boolean, allowedFallback?: EditionCode): string | undefined {
  const locales = params.getAll('locale')
  if (locales.length > 1) return 'Send `locale` once.'
  const [locale] = locales
  if (locale !== undefined && !isEditionCode(locale) && !(ALL_LOCALES as readonly string[]).includes(locale)) {
    return `Unknown locale "${locale.slice(0, 40)}". The editions are ${editionList}.`
  }
  if (anonymous && locale !== undefined && (ALL_LOCALES as readonly string[]).includes(locale)) {
    return `locale=${locale} returns every edition at once, unpublished ones included: staff only. Ask for one edition: ${EDITIONS.map((edition) => `locale=${edition.code}`).join(' or ')}.`
  }
  const fallbacks = [...params.getAll('fallback-locale'), ...params.getAll('fallbackLocale')]
  if (anonymous && fallbacks.some((fallback) => !(NO_FALLBACK as readonly string[]).includes(fallback) && fallback !== allowedFallback)) {
    return allowedFallback
      ? `Public reads fall back to the ${allowedFallback} edition only (fallback-locale=${allowedFallback}, the default here), or not at all (fallback-locale=none).`
      : 'Public reads do not fall back to another edition (fallback-locale): each edition shows only what it has published. Leave it out, or send fallback-locale=none.'
  }
  return undefined
}

/** The edition an API request reads, once apiLocale has named it. */
export const requestedEdition = (url: string): string | null => new URLSearchParams(url.split(/\?(.*)/s)[1] ?? '').get('locale')

/**
 * Checks the `locale` of every API request (docs/editions.md) and names the default edition when
 * none is asked for, so that Payload, the delivery store and the response cache all see the same
 * request for `/api/articles` and `/api/articles?locale=en`. With public fallback on
 * (PUBLIC_FALLBACK_LOCALE), a reader's request for another edition names that fallback too,
 * unless it asks for none.
 */
export const apiLocale =
  (payload: Payload): RequestHandler =>
  (req, _res, next) => {
    const [path, query = ''] = req.originalUrl.split(/\?(.*)/s)
    const anonymous = isAnonymous(req)
    // Payload's method override (a POST read) takes its query from a form body, or locale and
    // fallbackLocale from a JSON body, and appends it to the URL: the edition goes there.
    const override = methodOverride(req) && Buffer.isBuffer(req.body) ? overrideBody(req.headers['content-type'], req.body as Buffer) : undefined
    if (override && query) return next(apiError(400, 'A read sent as a POST with X-HTTP-Method-Override: GET carries its query in the body only, not in the address.'))
    const params = override?.params ?? new URLSearchParams(query)
    const locale = params.get('locale') ?? DEFAULT_EDITION
    const fallback = anonymous ? readerFallbackFor(payload, locale) : undefined
    const problem = localeProblem(params, anonymous, fallback)
    if (problem) return next(apiError(400, problem))
    const added: Array<[string, string]> = []
    if (!params.has('locale')) added.push(['locale', locale])
    if (fallback && !params.has('fallback-locale') && !params.has('fallbackLocale')) added.push(['fallback-locale', fallback])
    if (added.length === 0) return next()
    if (override) {
      const body = override.with(added)
      req.body = body
      req.headers['content-length'] = String(body.length)
    } else {
      const url = `${path}?${query ? `${query}&` : ''}${added.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}`
      req.url = req.url.split('?')[0] + url.slice(path!.length)
      req.originalUrl = url
    }
    next()
  }

/**
 * The query of a method-override read's body as Payload reads it (src: payload's handleEndpoints):
 * a form body is the query; a JSON body gives `locale` and `fallbackLocale`; anything else is no
 * query at all. `with` returns the body with parameters added.
 */
function overrideBody(contentType: string | undefined, body: Buffer): { params: URLSearchParams; with: (added: Array<[string, string]>) => Buffer } | undefined {
  const text = body.toString('utf8')
  if (contentType === 'application/x-www-form-urlencoded') {
    return { params: new URLSearchParams(text), with: (added) => Buffer.from([text, ...added.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)].filter(Boolean).join('&')) }
  }
  if (contentType === 'application/json') {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      return undefined // Payload refuses it
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined
    const fields = data as Record<string, unknown>
    const params = new URLSearchParams()
    for (const name of ['locale', 'fallbackLocale']) if (fields[name] !== undefined) params.set(name, typeof fields[name] === 'string' ? fields[name] : JSON.stringify(fields[name]))
    return { params, with: (added) => Buffer.from(JSON.stringify({ ...fields, ...Object.fromEntries(added.map(([name, value]) => [name === 'fallback-locale' ? 'fallbackLocale' : name, value])) })) }
  }
  return undefined
}

/** The fallback a request was given (after apiLocale), if any. */
export const requestedFallback = (url: string): string | null => {
  const params = new URLSearchParams(url.split(/\?(.*)/s)[1] ?? '')
  return params.get('fallback-locale') ?? params.get('fallbackLocale')
}

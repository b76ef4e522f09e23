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
    const override = methodOverride(req) && Buffer.isBuffer(req.body)
    const params = new URLSearchParams(override ? (req.body as Buffer).toString('utf8') : query)
    const anonymous = isAnonymous(req)
    const urlParams = new URLSearchParams(query)
    const locale = params.get('locale') ?? urlParams.get('locale') ?? DEFAULT_EDITION
    const fallback = anonymous ? readerFallbackFor(payload, locale) : undefined
    const problem = localeProblem(params, anonymous, fallback)
    if (problem) return next(apiError(400, problem))
    const added: string[] = []
    if (urlParams.get('locale') === null) added.push(`locale=${encodeURIComponent(locale)}`)
    const askedFallback = ['fallback-locale', 'fallbackLocale'].some((name) => params.has(name) || urlParams.has(name))
    if (fallback && !askedFallback) added.push(`fallback-locale=${fallback}`)
    if (added.length > 0) {
      const url = `${path}?${query ? `${query}&` : ''}${added.join('&')}`
      req.url = req.url.split('?')[0] + url.slice(path!.length)
      req.originalUrl = url
    }
    next()
  }

/** The fallback a request was given (after apiLocale), if any. */
export const requestedFallback = (url: string): string | null => {
  const params = new URLSearchParams(url.split(/\?(.*)/s)[1] ?? '')
  return params.get('fallback-locale') ?? params.get('fallbackLocale')
}

import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

import { readerFallbackFor } from './fallback'
import { ALL_LOCALES, localeProblem, NO_FALLBACK } from './requestLocale'

const READS = new Set(['read', 'count'])

/**
 * The editions rule of src/editions/requestLocale.ts, for every way in: GraphQL's `locale` and
 * `fallbackLocale` arguments, populated relationships, the Local API on a reader's behalf. An
 * anonymous read of every locale at once, or with a fallback to another edition, would show what
 * an edition has not published.
 */
export const oneEditionForReaders: CollectionBeforeOperationHook = ({ args, operation, overrideAccess, req }) => {
  if (req.user || overrideAccess || !READS.has(operation)) return args
  const params = new URLSearchParams()
  if (typeof req.locale === 'string' && (ALL_LOCALES as readonly string[]).includes(req.locale)) params.set('locale', req.locale)
  const fallback = req.fallbackLocale
  if (fallback && !(NO_FALLBACK as readonly string[]).includes(String(fallback))) params.set('fallback-locale', String(fallback))
  const problem = localeProblem(params, true, readerFallbackFor(req.payload, req.locale))
  if (problem) throw new APIError(problem, 400, undefined, true)
  return args
}

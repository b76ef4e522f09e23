import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { awaitingTranslation } from '../../../src/editions/awaitingTranslation'
import { DEFAULT_EDITION, EDITIONS, isEditionCode } from '../../../src/editions/locales'

const positive = (value: unknown, fallback: number, max: number) => {
  if (value === undefined) return fallback
  const number = Number(value)
  return Number.isInteger(number) && number >= 1 && number <= max ? number : undefined
}

/**
 * GET /api/articles/awaiting-translation?locale=ar[&limit=20&page=1]
 * Staff only: the articles live in another edition and not yet in this one, with this edition's
 * assignee and stage (src/editions/awaitingTranslation.ts).
 */
export const awaitingTranslationEndpoint: Endpoint = {
  path: '/awaiting-translation',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new APIError('Sign in to see the translation desk.', 401, undefined, true)
    const locale = req.locale ?? DEFAULT_EDITION
    if (!isEditionCode(locale)) throw new APIError(`Name one edition: ${EDITIONS.map((edition) => `locale=${edition.code}`).join(' or ')}.`, 400, undefined, true)
    const limit = positive(req.query?.limit, 20, 100)
    const page = positive(req.query?.page, 1, 100_000)
    if (limit === undefined || page === undefined) throw new APIError('limit is 1 to 100 and page a positive whole number.', 400, undefined, true)
    return Response.json(await awaitingTranslation(req.payload, locale, req.user, { limit, page }), { headers: { 'cache-control': 'no-store' } })
  },
}

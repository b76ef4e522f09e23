import type { PayloadRequest, Where } from 'payload'

import type { EditionCode } from './locales'

import { EDITION_CODES } from './locales'

/** An article live in `edition`, whatever the request's locale. */
export const liveIn = (edition: EditionCode): Where => ({ [`_status.${edition}`]: { equals: 'published' } })

/** An article live in at least one edition (comments, which belong to the article, not to an edition). */
export const liveInAnyEdition: Where = { or: EDITION_CODES.map(liveIn) }

/** The editions an article is live in now, read inside the caller's transaction. */
export async function liveEditionsOf(req: PayloadRequest, id: number | string): Promise<EditionCode[]> {
  const main = await req.payload.findByID({ collection: 'articles', id, locale: 'all', draft: false, depth: 0, overrideAccess: true, select: { _status: true }, disableErrors: true, req })
  const status = (main?._status ?? {}) as unknown as Partial<Record<EditionCode, string>>
  return EDITION_CODES.filter((code) => status[code] === 'published')
}

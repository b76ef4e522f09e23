import type { PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'

import type { StoredArticle } from './store'

import { surrogateKeysFor } from '../cache/surrogateKeys'
import type { EditionCode } from '../editions/locales'

import { readerFallbackFor } from '../editions/fallback'
import { deliveryFormat } from './format'

/** The depth the store renders at: the one the public lists and slug lookups use. */
export const DELIVERY_DEPTH = 1


/**
 * Renders articles' edition as an anonymous reader of it sees them over REST at depth 1:
 * Payload's own find, with its access rules, hooks and population, inside the caller's
 * transaction (so a change being saved is seen) but without the caller's user. Ids not returned
 * are not public in that edition.
 */
export async function renderPublicArticles(req: PayloadRequest, ids: Array<number | string>, locale: EditionCode): Promise<StoredArticle[]> {
  if (ids.length === 0) return []
  const { payload } = req
  // A reader of the edition, with the public fallback if one is set (src/editions/fallback.ts).
  const fallbackLocale = readerFallbackFor(payload, locale) ?? false
  const anonymous = await createLocalReq({ locale, fallbackLocale, req: { transactionID: req.transactionID, payloadAPI: 'REST' } as Partial<PayloadRequest> }, payload)
  const { docs } = await payload.find({
    collection: 'articles',
    where: { id: { in: ids } },
    depth: DELIVERY_DEPTH,
    limit: ids.length,
    pagination: false,
    overrideAccess: false,
    locale,
    fallbackLocale,
    req: anonymous,
  })
  const format = deliveryFormat(payload)
  return docs.map((doc) => ({
    article: String(doc.id),
    locale,
    slug: doc.slug ?? null,
    publishedAt: doc.publishedAt ?? null,
    articleCreatedAt: doc.createdAt,
    json: JSON.stringify(doc),
    // Padded with spaces so `% authors:3 %` finds whole keys only.
    keys: ` ${surrogateKeysFor(payload.config, 'articles', doc).join(' ')} `,
    format,
  }))
}

import type { CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import type { EditionCode } from '../../../src/editions/locales'
import type { Article } from '../../../src/payload-types'

import { EDITION_CODES } from '../../../src/editions/locales'
import { emitWebhookEvent } from '../../../src/webhooks/enqueue'

const liveKey = (id: unknown) => `liveEditionsBeforeDelete:${String(id)}`
type LiveEdition = { locale: EditionCode; slug: null | string }

/** Before a delete: the editions live now, with their slugs (the deleted document is gone afterwards). */
export const rememberLiveEditions: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const main = await req.payload.findByID({ collection: 'articles', id, locale: 'all', draft: false, depth: 0, overrideAccess: true, select: { _status: true, slug: true }, disableErrors: true, req })
  const status = (main?._status ?? {}) as unknown as Partial<Record<EditionCode, string>>
  const slug = (main?.slug ?? {}) as unknown as Partial<Record<EditionCode, string>>
  req.context[liveKey(id)] = EDITION_CODES.filter((code) => status[code] === 'published').map((locale) => ({ locale, slug: slug[locale] ?? null })) satisfies LiveEdition[]
}

/** Deleting a live article is news for caches and indexes: article.deleted, once per edition that was live. */
export const announceDeletion: CollectionAfterDeleteHook<Article> = async ({ doc, req }) => {
  const live = (req.context[liveKey(doc.id)] as LiveEdition[] | undefined) ?? []
  delete req.context[liveKey(doc.id)]
  const tagIds = (doc.tags ?? []).map((tag) => (typeof tag === 'object' ? tag.id : tag))
  for (const { locale, slug } of live) await emitWebhookEvent(req, 'article.deleted', { article: { id: doc.id, slug }, locale }, { tagIds })
  return doc
}

import type { CollectionAfterDeleteHook } from 'payload'

import type { Article } from '../../../src/payload-types'

import { emitWebhookEvent } from '../../../src/webhooks/enqueue'

/** Deleting a live article is news for caches and indexes: article.deleted. */
export const announceDeletion: CollectionAfterDeleteHook<Article> = async ({ doc, req }) => {
  if (doc._status !== 'published') return doc
  const tagIds = (doc.tags ?? []).map((tag) => (typeof tag === 'object' ? tag.id : tag))
  await emitWebhookEvent(req, 'article.deleted', { article: { id: doc.id, slug: doc.slug } }, { tagIds })
  return doc
}

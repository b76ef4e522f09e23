import type { CollectionAfterChangeHook } from 'payload'

import type { Comment } from '../../../src/payload-types'

import { emitWebhookEvent } from '../../../src/webhooks/enqueue'

/** An approved comment is announced (without the reader's email): comment.approved. */
export const announceApproval: CollectionAfterChangeHook<Comment> = async ({ doc, previousDoc, req }) => {
  if (doc.status !== 'approved' || previousDoc?.status === 'approved') return doc
  const articleId = typeof doc.article === 'object' ? doc.article.id : doc.article
  const article = await req.payload.findByID({ collection: 'articles', id: articleId, depth: 0, overrideAccess: true, req, select: { tags: true } })
  const tagIds = (article.tags ?? []).map((tag) => (typeof tag === 'object' ? tag.id : tag))
  const parent = typeof doc.parent === 'object' && doc.parent ? doc.parent.id : (doc.parent ?? null)
  await emitWebhookEvent(
    req,
    'comment.approved',
    { comment: { id: doc.id, article: articleId, parent, authorName: doc.authorName, body: doc.body, createdAt: doc.createdAt } },
    { tagIds },
  )
  return doc
}

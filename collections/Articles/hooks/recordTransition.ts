import type { CollectionAfterChangeHook } from 'payload'

import type { Article, ArticleHistory } from '../../../src/payload-types'

import { emitWorkflowTransition } from '../../../src/workflow/events'
import { takeTransition } from '../../../src/workflow/pending'

/** Writes the history entry for a transition and tells subscribers, inside the same transaction. */
export const recordTransition: CollectionAfterChangeHook<Article> = async ({ doc, operation, req }) => {
  const pending = takeTransition(req, operation === 'create' ? 'new' : doc.id)
  if (!pending) return doc
  const at = new Date().toISOString()
  await req.payload.create({
    collection: 'article-history',
    data: {
      article: doc.id,
      transition: pending.transition as ArticleHistory['transition'],
      from: pending.from ?? undefined,
      to: pending.to,
      note: pending.note,
      actor: (pending.actorId as number) ?? undefined,
      locale: pending.locale,
    },
    overrideAccess: true,
    req,
  })
  await emitWorkflowTransition({ ...pending, articleId: doc.id, at }, req)
  return doc
}

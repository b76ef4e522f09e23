import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { Article } from '../payload-types'

import { refreshArticles } from './refresh'
import { DELIVERY_QUEUE, refreshShownTask } from './refreshTask'
import { deleteRows, hasDeliveryStore } from './store'

/** Queues the re-render of stored articles that show `key`, in the caller's transaction. */
async function refreshShowing(req: PayloadRequest, key: string): Promise<void> {
  if (!hasDeliveryStore(req.payload)) return
  await req.payload.jobs.queue({ task: refreshShownTask.slug, input: { key }, queue: DELIVERY_QUEUE, req })
}

/**
 * Any save of an article (a publish, an edit, an unpublish, a draft save) brings its stored row
 * in step: what an anonymous reader would now get is rendered and compared, so draft saves that
 * readers cannot see write nothing. Articles linking to it follow in the background.
 */
export const refreshStoredArticle: CollectionAfterChangeHook<Article> = async ({ doc, req }) => {
  const changed = await refreshArticles(req, [doc.id])
  if (changed.length > 0) await refreshShowing(req, `articles:${doc.id}`)
  return doc
}

export const removeStoredArticle: CollectionAfterDeleteHook<Article> = async ({ id, req }) => {
  if (!hasDeliveryStore(req.payload)) return
  await deleteRows(req.payload, [String(id)], req)
  await refreshShowing(req, `articles:${id}`)
}

/** An author, tag or image changed or went: re-render the stored articles that show it. */
export const refreshArticlesShowingChange: CollectionAfterChangeHook<{ id: number | string }> = async ({ collection, doc, req }) => {
  await refreshShowing(req, `${collection.slug}:${doc.id}`)
  return doc
}

export const refreshArticlesShowingDeleted: CollectionAfterDeleteHook<{ id: number | string }> = async ({ collection, id, req }) => {
  await refreshShowing(req, `${collection.slug}:${id}`)
}

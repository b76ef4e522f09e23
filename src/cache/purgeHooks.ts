import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, GlobalAfterChangeHook } from 'payload'

import { purgeSurrogateKeys } from './purge'

type Versioned = { id: number | string; _status?: null | string }

/**
 * Purges a document's responses and its collection's lists when public content changed. For a
 * collection with drafts only live changes count (a publish or an edit published); draft saves
 * and autosaves are invisible to readers. Unpublishing is purged by the workflow subscriber.
 */
export const purgeOnChange: CollectionAfterChangeHook<Versioned> = async ({ collection, doc, req }) => {
  const drafts = Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts)
  if (drafts && doc._status !== 'published') return doc
  await purgeSurrogateKeys(req, [collection.slug, `${collection.slug}:${doc.id}`])
  return doc
}

export const purgeOnDelete: CollectionAfterDeleteHook<Versioned> = async ({ collection, doc, req }) => {
  const drafts = Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts)
  if (drafts && doc._status !== 'published') return doc
  await purgeSurrogateKeys(req, [collection.slug, `${collection.slug}:${doc.id}`])
  return doc
}

/** Comments reach readers only once approved: purge when a comment is or was approved. */
export const purgeApprovedComment: CollectionAfterChangeHook<{ id: number | string; status?: string }> = async ({ doc, previousDoc, req }) => {
  if (doc.status !== 'approved' && previousDoc?.status !== 'approved') return doc
  await purgeSurrogateKeys(req, ['comments', `comments:${doc.id}`])
  return doc
}

/** Site settings decide whether threads are open. */
export const purgeSiteSettings: GlobalAfterChangeHook = async ({ doc, req }) => {
  await purgeSurrogateKeys(req, ['site-settings', 'comments'])
  return doc
}

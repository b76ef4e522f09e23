import type { CollectionBeforeChangeHook } from 'payload'

import { APIError } from 'payload'

import type { Article } from '../../../src/payload-types'

import { isDeskRole } from '../../../src/access/roles'

/**
 * Whether this edition of the article is live, or ever was (a published version of it). Each
 * edition has its own slug and status; `publishedAt` is shared by the editions, so it says nothing
 * about this one.
 */
async function hasBeenPublished(req: Parameters<CollectionBeforeChangeHook>[0]['req'], original: Partial<Article> & { id: number | string }): Promise<boolean> {
  if (original._status === 'published') return true
  const main = await req.payload.findByID({ collection: 'articles', id: original.id, draft: false, depth: 0, overrideAccess: true, select: { _status: true }, req })
  if (main._status === 'published') return true
  const published = await req.payload.countVersions({
    collection: 'articles',
    where: { and: [{ parent: { equals: original.id } }, { 'version._status': { equals: 'published' } }] },
    overrideAccess: true,
    req,
  })
  return published.totalDocs > 0
}

/**
 * The slug of an article that is or has been published is its public address (links, search
 * engines, the delivery store): only editors and admins may change it. A writer's change is
 * refused with 403 at the save that makes it, not later at publish; sending the same slug back
 * (as the admin does on every save) is fine. Runs after the slug field normalised the value.
 */
export const guardPublishedSlug: CollectionBeforeChangeHook<Article> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !req.user || isDeskRole(req.user) || !originalDoc) return data
  if (data.slug === undefined || data.slug === originalDoc.slug) return data
  // The first slug of an edition (a translation being written) is no one's address yet.
  if (!originalDoc.slug) return data
  if (!(await hasBeenPublished(req, originalDoc))) return data
  throw new APIError(
    `The slug of an article that has been published is its public address; only editors and admins may change it (it stays "${originalDoc.slug}"). Ask an editor, or save without changing the slug.`,
    403,
    { field: 'slug' },
    true,
  )
}

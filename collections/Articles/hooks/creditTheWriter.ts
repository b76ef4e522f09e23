import type { CollectionBeforeChangeHook } from 'payload'

import type { Article, Author } from '../../../src/payload-types'

import { authorIdsForUser } from '../../../src/authors/authorIdsForUser'
import { isDeskRole } from '../../../src/access/roles'

/**
 * Authors and contributors edit only the articles that credit them, so an article they write
 * always credits them: their linked byline is added on create (and made on first use), and an
 * edit that changes the credits keeps it (they may add co-authors, not write themselves off).
 */
export const creditTheWriter: CollectionBeforeChangeHook<Article> = async ({ data, operation, req }) => {
  if (!req.user || isDeskRole(req.user)) return data
  if (operation === 'update' && data.authors === undefined) return data
  let authorIds = await authorIdsForUser(req)
  if (authorIds.length === 0) {
    const user = req.user as { email: string; id: number | string; name?: null | string }
    const byline = await req.payload.create({
      collection: 'authors',
      // The slug is generated from the name by the slug field's own hook.
      data: { name: user.name || user.email.split('@')[0]!, user: user.id } as Omit<Author, 'id' | 'slug'> as Author,
      overrideAccess: true,
      req,
    })
    authorIds = [byline.id]
    req.context[`authorIdsForUser:${user.id}`] = authorIds
  }
  const credited = (data.authors ?? []).map((author) => (typeof author === 'object' ? author.id : author))
  if (!credited.some((id) => authorIds.includes(id))) {
    data.authors = [...credited, authorIds[0]!] as Article['authors']
  }
  return data
}

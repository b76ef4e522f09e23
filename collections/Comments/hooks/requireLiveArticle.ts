import type { CollectionBeforeChangeHook } from 'payload'

import { APIError } from 'payload'

import type { Comment } from '../../../src/payload-types'

import { liveInAnyEdition } from '../../../src/editions/liveEditions'

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: number | string }).id : (value as number | string | null | undefined))

/**
 * Every new comment belongs to a live article, and a reply to a comment on that same article:
 * a comment on a draft, an unknown article or across articles is refused with a 400 that says so.
 */
export const requireLiveArticle: CollectionBeforeChangeHook<Comment> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const articleId = idOf(data.article)
  const live = articleId
    ? await req.payload.count({
        collection: 'articles',
        // Comments belong to the article, whichever edition its reader read.
        where: { and: [{ id: { equals: articleId } }, liveInAnyEdition] },
        overrideAccess: true,
        req,
      })
    : { totalDocs: 0 }
  if (live.totalDocs === 0) {
    throw new APIError('Comments can only be posted on a published article.', 400, undefined, true)
  }
  const parentId = idOf(data.parent)
  if (parentId !== null && parentId !== undefined) {
    const parent = await req.payload
      .findByID({ collection: 'comments', id: parentId, depth: 0, overrideAccess: true, req, select: { article: true }, disableErrors: true })
      .catch(() => null)
    if (!parent || String(idOf(parent.article)) !== String(articleId)) {
      throw new APIError('A reply must answer a comment on the same article.', 400, undefined, true)
    }
  }
  return data
}

import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { threadOrder } from '../../../src/comments/thread'
import { commentsOpenOn } from '../../Comments/hooks/commentsOpenOn'

const MAX_THREAD = 2000

/**
 * GET /api/articles/:id/comments — the article's approved comments in thread order, with their
 * count and whether readers may add one. The article is looked up with the caller's access (a
 * reader gets only a published one); the comments are approved ones, public fields only.
 */
export const commentsEndpoint: Endpoint = {
  path: '/:id/comments',
  method: 'get',
  handler: async (req) => {
    const id = req.routeParams?.id as string
    const article = await req.payload
      .find({ collection: 'articles', where: { id: { equals: id } }, depth: 0, limit: 1, select: { slug: true }, overrideAccess: false, req })
      .catch(() => ({ docs: [] }))
    if (article.docs.length === 0) throw new APIError('No published article has this id.', 404, undefined, true)
    const { docs } = await req.payload.find({
      collection: 'comments',
      where: { and: [{ article: { equals: id } }, { status: { equals: 'approved' } }] },
      sort: 'createdAt',
      depth: 0,
      limit: MAX_THREAD,
      // The article was checked with the caller's access above; the thread is the public view
      // for everyone (staff included), so it reads approved comments and public fields only.
      select: { parent: true, authorName: true, body: true, createdAt: true },
      overrideAccess: true,
      req,
    })
    const comments = threadOrder(docs.map((doc) => ({ id: doc.id, parent: doc.parent ?? null, authorName: doc.authorName, body: doc.body, createdAt: doc.createdAt })))
    return Response.json({ article: article.docs[0]!.id, open: await commentsOpenOn(req, id), totalDocs: comments.length, docs: comments })
  },
}

import type { PayloadRequest, Where } from 'payload'

import { APIError } from 'payload'

/** 429 Too Many Requests; the API layer turns `retryAfterSeconds` into a Retry-After header. */
export class TooManyComments extends APIError {
  constructor(message: string, retryAfterSeconds: number) {
    super(`${message} Try again in ${retryAfterSeconds} s.`, 429, { retryAfterSeconds }, true)
  }
}

export type CommentLimit = { where: Where; limit: number; windowSeconds: number; message: string }

/**
 * A sliding-window limit counted in the comments table itself, so every server process sharing
 * the database enforces the same limit with no extra store. Refuses with 429 once `limit`
 * comments matching `where` arrived within the window; Retry-After is when the oldest of them
 * leaves it.
 */
export async function enforceCommentLimit(req: PayloadRequest, { where, limit, windowSeconds, message }: CommentLimit): Promise<void> {
  const now = Date.now()
  const since = new Date(now - windowSeconds * 1000).toISOString()
  const recent = await req.payload.find({
    collection: 'comments',
    where: { and: [where, { createdAt: { greater_than: since } }] },
    sort: '-createdAt',
    limit,
    depth: 0,
    select: { createdAt: true },
    overrideAccess: true,
    req,
  })
  if (recent.totalDocs < limit) return
  // The limit-th newest comment is the one whose ageing out makes room for another.
  const leaving = recent.docs[limit - 1] ?? recent.docs[recent.docs.length - 1]
  const freeAt = Date.parse(leaving!.createdAt) + windowSeconds * 1000
  throw new TooManyComments(message, Math.max(1, Math.ceil((freeAt - now) / 1000)))
}

import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

import type { Comment } from '../../../src/payload-types'

import { enforceCommentLimit } from '../../../src/comments/rateLimit'
import { addressFingerprint, bodyFingerprint, countLinks, sentTooFast } from '../../../src/comments/signals'
import { readEnv } from '../../../src/env'
import { clientAddressOf } from '../../../src/http/clientAddress'
import { commentsOpenOn } from './commentsOpenOn'

const DUPLICATE_WINDOW_SECONDS = 24 * 3600
type Submission = Partial<Comment> & { website?: string; renderedAt?: number }

/**
 * The rules for a reader's comment (REST, GraphQL, or the Local API acting for a reader), checked
 * inside the create's transaction: comments open, rate limits per address and per article (429),
 * no duplicate of a recent comment (409); the honeypot, a form sent too fast or too many links
 * file it as spam without telling the sender (the verdict is applied by `stampComment`). Staff and trusted server code (overrideAccess:
 * importers, seeds) skip these rules; the rules every comment obeys are field validation and
 * `requireLiveArticle`.
 */
export const checkSubmission: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' || args.overrideAccess || req.user) return args
  const env = readEnv()
  const data = (args.data ?? {}) as Submission
  const articleId = typeof data.article === 'object' && data.article ? data.article.id : data.article
  if (articleId === undefined || articleId === null) return args // field validation names it

  if (data.renderedAt !== undefined && data.renderedAt !== null && !Number.isFinite(data.renderedAt)) {
    throw new APIError('renderedAt must be when the form was shown, as a number of milliseconds since 1970 (Date.now()).', 400, undefined, true)
  }
  if (!(await commentsOpenOn(req, articleId))) {
    throw new APIError('Comments are closed on this article.', 403, undefined, true)
  }

  const address = clientAddressOf(req)
  const fingerprint = address ? addressFingerprint(address, env.PAYLOAD_SECRET) : undefined
  if (fingerprint) {
    await enforceCommentLimit(req, {
      where: { senderFingerprint: { equals: fingerprint } },
      limit: env.COMMENTS_PER_ADDRESS,
      windowSeconds: env.COMMENTS_ADDRESS_WINDOW_SECONDS,
      message: `You have posted ${env.COMMENTS_PER_ADDRESS} comments in the last ${env.COMMENTS_ADDRESS_WINDOW_SECONDS / 60} minutes.`,
    })
  }
  await enforceCommentLimit(req, {
    where: { article: { equals: articleId } },
    limit: env.COMMENTS_PER_ARTICLE,
    windowSeconds: env.COMMENTS_ARTICLE_WINDOW_SECONDS,
    message: 'This article is receiving too many comments right now.',
  })

  const body = typeof data.body === 'string' ? data.body : ''
  if (body) {
    const bodyHash = bodyFingerprint(body)
    const since = new Date(Date.now() - DUPLICATE_WINDOW_SECONDS * 1000).toISOString()
    const duplicates = await req.payload.count({
      collection: 'comments',
      where: { and: [{ article: { equals: articleId } }, { bodyFingerprint: { equals: bodyHash } }, { createdAt: { greater_than: since } }] },
      overrideAccess: true,
      req,
    })
    if (duplicates.totalDocs > 0) {
      throw new APIError('The same comment was already posted on this article.', 409, undefined, true)
    }
  }

  const looksLikeSpam =
    Boolean(data.website?.trim()) || sentTooFast(data.renderedAt, env.COMMENT_MIN_SECONDS) || countLinks(body) > env.COMMENT_MAX_LINKS
  // Readers may not set these fields themselves (field access drops them): `stampComment` does.
  const verdict: SubmissionVerdict = { status: looksLikeSpam ? 'spam' : 'pending', senderFingerprint: fingerprint }
  req.context.commentVerdict = verdict
  return args
}

export type SubmissionVerdict = { status: 'pending' | 'spam'; senderFingerprint?: string }

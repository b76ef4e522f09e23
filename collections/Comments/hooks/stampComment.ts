import type { CollectionBeforeChangeHook } from 'payload'

import type { Comment } from '../../../src/payload-types'
import type { SubmissionVerdict } from './checkSubmission'

import { bodyFingerprint } from '../../../src/comments/signals'

/**
 * Stores what the server decides about a comment: the body's fingerprint (duplicate detection)
 * and, for a reader's submission, the status and sender fingerprint `checkSubmission` decided.
 */
export const stampComment: CollectionBeforeChangeHook<Comment> = ({ data, operation, req }) => {
  if (typeof data.body === 'string') data.bodyFingerprint = bodyFingerprint(data.body)
  const verdict = req.context.commentVerdict as SubmissionVerdict | undefined
  if (operation === 'create' && verdict) {
    delete req.context.commentVerdict
    data.status = verdict.status
    data.senderFingerprint = verdict.senderFingerprint ?? null
  }
  return data
}

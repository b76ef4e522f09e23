import type { Access } from 'payload'

import { authorIdsForUser } from '../authors/authorIdsForUser'
import { isDeskRole } from './roles'

/**
 * Editors and admins may change any article; authors and contributors only those that credit
 * one of the author profiles linked to their account.
 */
export const ownArticlesOrDesk: Access = async ({ req }) => {
  if (!req.user) return false
  if (isDeskRole(req.user)) return true
  const authorIds = await authorIdsForUser(req)
  if (authorIds.length === 0) return false
  return { authors: { in: authorIds } }
}

import type { Access } from 'payload'

import { authorIdsForUser } from '../authors/authorIdsForUser'
import { isDeskRole } from './roles'

/**
 * Editors and admins: everything. Authors and contributors: the documents whose `authorsPath`
 * (a relationship to author profiles) credits one of the profiles linked to their account.
 */
export const deskOrCreditedWriter =
  (authorsPath: string): Access =>
  async ({ req }) => {
    if (!req.user) return false
    if (isDeskRole(req.user)) return true
    const authorIds = await authorIdsForUser(req)
    if (authorIds.length === 0) return false
    return { [authorsPath]: { in: authorIds } }
  }

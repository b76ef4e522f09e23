import type { Access, Where } from 'payload'

import { isDeskRole } from './roles'

/**
 * Payload's edit locks (payload-locked-documents): editors and admins may change or clear any
 * lock (to take a document over); everyone else only the locks they hold.
 */
export const lockOwnerOrDesk: Access = ({ req }) => {
  if (!req.user) return false
  if (isDeskRole(req.user)) return true
  const theirs: Where = { and: [{ 'user.relationTo': { equals: req.user.collection } }, { 'user.value': { equals: req.user.id } }] }
  return theirs
}

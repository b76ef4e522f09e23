import type { Access } from 'payload'

/** The public sees approved comments only; staff see the moderation queue. */
export const approvedOrStaff: Access = ({ req }) => {
  if (req.user) return true
  return { status: { equals: 'approved' } }
}

import type { Access } from 'payload'

/** Anonymous readers see only the published version; staff see drafts too. */
export const publishedOrStaff: Access = ({ req }) => {
  if (req.user) return true
  return { _status: { equals: 'published' } }
}

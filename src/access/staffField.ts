import type { FieldAccess } from 'payload'

/** Field-level: only signed-in staff may read (emails, links to user accounts, internal notes). */
export const staffField: FieldAccess = ({ req }) => Boolean(req.user)

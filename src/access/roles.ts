import type { PayloadRequest } from 'payload'

/** Staff roles, most powerful first. Anonymous readers have no user at all. */
export const ROLES = ['admin', 'editor', 'author', 'contributor'] as const
export type Role = (typeof ROLES)[number]

type MaybeUser = PayloadRequest['user'] | null | undefined

export const roleOf = (user: MaybeUser): Role | undefined =>
  user && 'role' in user ? (user.role as Role) : undefined

export const hasRole = (user: MaybeUser, ...roles: Role[]): boolean => {
  const role = roleOf(user)
  return role !== undefined && roles.includes(role)
}

/** Editors and admins run the desk: they may edit, publish and moderate everything. */
export const isDeskRole = (user: MaybeUser): boolean => hasRole(user, 'admin', 'editor')

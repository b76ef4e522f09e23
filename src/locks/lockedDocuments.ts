import type { CollectionBeforeChangeHook, SanitizedConfig } from 'payload'

import { authenticated } from '../access/authenticated'
import { lockOwnerOrDesk } from '../access/lockOwnerOrDesk'
import { serverTimestamps } from '../hooks/serverTimestamps'

const LOCKS = 'payload-locked-documents'

/**
 * A lock always belongs to whoever writes it and carries the server's time: whatever `user` or
 * `updatedAt` is sent is replaced, so nobody can lock a document in someone else's name or past
 * Payload's lock duration (five minutes since the last edit). Payload's own lock bookkeeping
 * writes through the database adapter and does not pass here.
 */
export const lockBelongsToRequester: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (!req.user) return data
  data.user = { relationTo: req.user.collection, value: req.user.id }
  data.updatedAt = new Date().toISOString()
  if (operation === 'create') data.createdAt = data.updatedAt
  else delete data.createdAt
  return data
}

/**
 * Payload adds its edit-lock collection while sanitising the config, after plugins have run, so
 * it is adjusted on the sanitised config: signed-in staff create and read locks; only a lock's
 * owner, editors and admins update or delete it; the owner and time are the server's.
 */
export async function withSafeEditLocks(config: Promise<SanitizedConfig> | SanitizedConfig): Promise<SanitizedConfig> {
  const sanitized = await config
  const locks = sanitized.collections.find((collection) => collection.slug === LOCKS)
  if (!locks) return sanitized
  locks.access = { ...locks.access, create: authenticated, read: authenticated, update: lockOwnerOrDesk, delete: lockOwnerOrDesk }
  locks.hooks = {
    ...locks.hooks,
    beforeOperation: [serverTimestamps, ...(locks.hooks?.beforeOperation ?? [])],
    beforeChange: [lockBelongsToRequester, ...(locks.hooks?.beforeChange ?? [])],
  }
  return sanitized
}

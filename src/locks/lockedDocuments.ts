import type { CollectionBeforeOperationHook, CollectionBeforeChangeHook, SanitizedConfig, Where } from 'payload'

import { APIError } from 'payload'

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
 * Only someone who may edit a document may lock it: a lock blocks everyone else's saves (423),
 * so a contributor locking the admin's account, a webhook or an article that does not credit
 * them would block the desk. Checked with the locked collection's (or global's) own update access.
 */
export const lockOnlyWhatYouMayEdit: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  if (!req.user) return data
  // A refresh sends only what changes: the lock's document is the stored one.
  const { document, globalSlug } = { ...originalDoc, ...data } as { document?: { relationTo?: unknown; value?: unknown }; globalSlug?: unknown }
  const refuse = () => {
    throw new APIError('You may lock only a document you may edit.', 403, undefined, true)
  }
  if (typeof globalSlug === 'string' && globalSlug) {
    const global = req.payload.config.globals.find((candidate) => candidate.slug === globalSlug)
    if (!global || !(await global.access.update?.({ req } as never))) refuse()
    return data
  }
  const slug = typeof document?.relationTo === 'string' ? document.relationTo : undefined
  const collection = slug ? req.payload.collections[slug as keyof typeof req.payload.collections]?.config : undefined
  const id = document?.value
  if (!collection || (typeof id !== 'string' && typeof id !== 'number')) return refuse()
  const access = (await collection.access.update?.({ req, id } as never)) as boolean | Where | undefined
  if (access === true) return data
  if (!access) return refuse()
  const { totalDocs } = await req.payload.count({ collection: collection.slug as 'articles', where: { and: [{ id: { equals: id } }, access] }, overrideAccess: true, req })
  if (totalDocs === 0) refuse()
  return data
}

/**
 * Payload adds its edit-lock collection while sanitising the config, after plugins have run, so
 * it is adjusted on the sanitised config: signed-in staff create and read locks; only a lock's
 * owner, editors and admins update or delete it; the owner and time are the server's.
 */
/**
 * Payload's GraphQL update and delete resolvers leave `overrideLock` unset, which Payload takes
 * as "ignore edit locks": a document another editor has open was changed or deleted over GraphQL
 * while REST answered 423. GraphQL writes check the lock as REST writes do; server code (the
 * Local API) still decides for itself.
 */
export const honourLocksOverGraphql: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if ((operation === 'update' || operation === 'delete') && req.payloadAPI === 'GraphQL' && (args as { overrideLock?: boolean }).overrideLock === undefined) {
    ;(args as { overrideLock?: boolean }).overrideLock = false
  }
  return args
}

export async function withSafeEditLocks(config: Promise<SanitizedConfig> | SanitizedConfig): Promise<SanitizedConfig> {
  const sanitized = await config
  const locks = sanitized.collections.find((collection) => collection.slug === LOCKS)
  if (!locks) return sanitized
  for (const collection of sanitized.collections) {
    if (collection.lockDocuments === false) continue
    collection.hooks = { ...collection.hooks, beforeOperation: [honourLocksOverGraphql, ...(collection.hooks?.beforeOperation ?? [])] }
  }
  locks.access = { ...locks.access, create: authenticated, read: authenticated, update: lockOwnerOrDesk, delete: lockOwnerOrDesk }
  locks.hooks = {
    ...locks.hooks,
    beforeOperation: [serverTimestamps, ...(locks.hooks?.beforeOperation ?? [])],
    beforeChange: [lockBelongsToRequester, lockOnlyWhatYouMayEdit, ...(locks.hooks?.beforeChange ?? [])],
  }
  return sanitized
}

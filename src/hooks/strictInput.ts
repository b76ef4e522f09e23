import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { APIError, NotFound } from 'payload'

/** Keys Payload itself accepts in a write besides the collection's fields. */
const SYSTEM_KEYS = new Set(['id', '_status', 'createdAt', 'updatedAt', 'password', 'file'])

/**
 * A write naming fields the collection does not have is refused with 400 listing them and the
 * fields it does have, instead of silently dropping them (a misspelt field would otherwise be
 * lost without a word). Trusted server code (overrideAccess) is not checked.
 */
export const rejectUnknownFields: CollectionBeforeOperationHook = ({ args, collection, operation }) => {
  if ((operation !== 'create' && operation !== 'update') || args.overrideAccess) return args
  const data = args.data as Record<string, unknown> | undefined
  if (!data || typeof data !== 'object' || Array.isArray(data)) return args
  const known = new Set(collection.flattenedFields.map((field) => field.name))
  const unknown = Object.keys(data).filter((key) => !known.has(key) && !SYSTEM_KEYS.has(key))
  if (unknown.length > 0) {
    const accepted = collection.flattenedFields.map((field) => field.name).filter((name) => !name.startsWith('_')).join(', ')
    throw new APIError(`Unknown field(s) for ${collection.slug}: ${unknown.join(', ')}. Accepted fields: ${accepted}.`, 400, undefined, true)
  }
  return args
}

/**
 * An id that cannot exist on this database (not a number where ids are numbers) is a 404 for
 * the document, not a database error.
 */
export const rejectMalformedId: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const id = (args as { id?: unknown }).id
  if (id === undefined || id === null || req.payload.db.defaultIDType !== 'number') return args
  if (typeof id === 'number' ? Number.isSafeInteger(id) : /^\d+$/.test(String(id))) return args
  throw new NotFound(req.t)
}

/** Adds the input checks to a collection, before its own hooks. */
export const withStrictInput = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeOperation: [rejectMalformedId, rejectUnknownFields, ...(collection.hooks?.beforeOperation ?? [])] },
})

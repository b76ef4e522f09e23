import type { CollectionBeforeOperationHook } from 'payload'

/**
 * `createdAt` and `updatedAt` are the server's time: whatever an API caller sends for them is
 * dropped (Payload would otherwise store a `createdAt` sent with any write, and an `updatedAt`
 * sent with a create). Trusted server code (overrideAccess, e.g. importers) may still set them.
 */
export const serverTimestamps: CollectionBeforeOperationHook = ({ args, operation }) => {
  if ((operation !== 'create' && operation !== 'update') || args.overrideAccess) return args
  const data = (args as { data?: unknown }).data
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    delete (data as Record<string, unknown>).createdAt
    delete (data as Record<string, unknown>).updatedAt
  }
  return args
}

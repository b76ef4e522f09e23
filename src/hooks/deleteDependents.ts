import type { CollectionBeforeDeleteHook, CollectionSlug } from 'payload'

/**
 * Deleting a document also deletes the documents that cannot exist without it (their required
 * relationship points at it), in the same transaction, instead of failing on the foreign key.
 */
export const deleteDependents =
  (dependents: Array<{ collection: CollectionSlug; field: string }>): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    for (const { collection, field } of dependents) {
      await req.payload.delete({ collection, where: { [field]: { equals: id } }, overrideAccess: true, req })
    }
  }

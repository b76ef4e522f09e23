import type { CollectionConfig } from 'payload'

/**
 * The purge log: each change to public content writes the surrogate keys it invalidates, in the
 * same transaction. Every server process reads new rows every half second and evicts those keys
 * from its response cache, so caches agree across processes without Redis. Rows older than an
 * hour are removed. Internal: no API access, not in the admin.
 */
export const CachePurges: CollectionConfig = {
  slug: 'cache-purges',
  admin: { hidden: true },
  access: { read: () => false, create: () => false, update: () => false, delete: () => false },
  graphQL: false,
  fields: [{ name: 'keys', type: 'json', required: true }],
}

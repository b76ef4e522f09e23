import type { GlobalConfig } from 'payload'

/**
 * The delivery store's article count, kept in the same transaction as every row added or removed
 * (src/delivery/store.ts), so a paginated list's `totalDocs` is one row read instead of a count
 * over every published article. Internal: no API access, not in the admin.
 */
export const DeliveryStats: GlobalConfig = {
  slug: 'delivery-stats',
  admin: { hidden: true },
  access: { read: () => false, update: () => false },
  graphQL: false,
  fields: [{ name: 'publishedArticles', type: 'number', required: true, defaultValue: 0 }],
}

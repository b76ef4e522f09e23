import type { GlobalConfig } from 'payload'

import { EDITIONS } from '../src/editions/locales'
import { countFieldOf } from '../src/delivery/counts'

/**
 * The delivery store's article count per edition, kept in the same transaction as every row added
 * or removed (src/delivery/store.ts), so a paginated list's `totalDocs` is one row read instead of
 * a count over every published article. Internal: no API access, not in the admin.
 */
export const DeliveryStats: GlobalConfig = {
  slug: 'delivery-stats',
  admin: { hidden: true },
  access: { read: () => false, update: () => false },
  graphQL: false,
  fields: EDITIONS.map((edition) => ({ name: countFieldOf(edition.code), type: 'number', required: true, defaultValue: 0 })),
}

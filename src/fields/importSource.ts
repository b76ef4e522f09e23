import type { TextField } from 'payload'

import { nobodyField } from '../access/nobodyField'
import { staffField } from '../access/staffField'

/**
 * Where an imported document came from (src/import/identity.ts): a re-import finds it by this,
 * never by its slug. Unique, read by staff only, written only by the importer (server code).
 */
export function importSourceField(what: string): TextField {
  return {
    name: 'importSource',
    type: 'text',
    index: true,
    unique: true,
    access: { read: staffField, create: nobodyField, update: nobodyField },
    // A copy made in the admin is no longer that post.
    hooks: { beforeDuplicate: [() => null] },
    admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.importSource), description: `The post this ${what} was imported from.` },
  }
}

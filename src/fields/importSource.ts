import type { TextField } from 'payload'

import { nobodyField } from '../access/nobodyField'
import { staffField } from '../access/staffField'

/** Read by staff only, written only by the importer (server code); a copy made in the admin is no longer that post. */
const importerOnly = (name: string, description: string): TextField => ({
  name,
  type: 'text',
  access: { read: staffField, create: nobodyField, update: nobodyField },
  hooks: { beforeDuplicate: [() => null] },
  admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.[name]), description },
})

/**
 * Where an imported document came from: `importSource`, its identity in the source
 * (src/import/identity.ts), by which a re-import finds it (never by its slug), and `originalUrl`,
 * its address on the old site (which also became a redirect to it).
 */
export function importedFromFields(what: string): TextField[] {
  return [
    { ...importerOnly('importSource', `The post this ${what} was imported from.`), index: true, unique: true },
    { ...importerOnly('originalUrl', `Where this ${what} was on the old site.`), maxLength: 2000 },
  ]
}

import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { authenticated } from '../src/access/authenticated'
import { editorsAndAdmins } from '../src/access/editorsAndAdmins'
import { publishedOrStaff } from '../src/access/publishedOrStaff'
import { liveVersionForReaders } from '../src/hooks/liveVersionForReaders'
import { purgeOnChange, purgeOnDelete } from '../src/cache/purgeHooks'
import { importedFromFields } from '../src/fields/importSource'
import { slugField } from '../src/fields/slug'

/**
 * The site's standing pages ("About", "Contact", "Masthead"): a title, a slug and a body, as
 * drafts until published. They are few and the desk's own, so editors and admins write and
 * publish them directly, without the article workflow. Readers get published pages over REST
 * and GraphQL, cached like articles. WordPress and Blogger pages are imported here.
 */
export const Pages: CollectionConfig<'pages'> = {
  slug: 'pages',
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'slug', '_status', 'updatedAt'], group: 'Content' },
  access: {
    read: publishedOrStaff,
    readVersions: authenticated,
    create: editorsAndAdmins,
    update: editorsAndAdmins,
    delete: editorsAndAdmins,
  },
  versions: { drafts: true, maxPerDoc: 20 },
  hooks: { beforeOperation: [liveVersionForReaders as CollectionBeforeOperationHook<'pages'>], afterChange: [purgeOnChange], afterDelete: [purgeOnDelete] },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 300 },
    slugField('title', 'page'),
    { name: 'body', type: 'richText', required: true },
    ...importedFromFields('page'),
  ],
}

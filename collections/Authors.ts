import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { slugField } from '../src/fields/slug'
import { editorsAndAdmins } from '../src/access/editorsAndAdmins'
import { staffField } from '../src/access/staffField'
import { purgeOnChange, purgeOnDelete } from '../src/cache/purgeHooks'
import { refreshArticlesShowingChange, refreshArticlesShowingDeleted } from '../src/delivery/hooks'
import { reindexDeleted, reindexRenamed } from '../src/search/indexing'

/** Public bylines. A byline may belong to a staff account (so its articles are that user's to edit). */
export const Authors: CollectionConfig = {
  slug: 'authors',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug', 'user'], group: 'Content' },
  access: {
    read: anyone,
    create: editorsAndAdmins,
    update: editorsAndAdmins,
    delete: editorsAndAdmins,
  },
  defaultPopulate: { name: true, slug: true, avatar: true },
  hooks: {
    // The search index follows a rename in the same transaction (src/search/indexing.ts); the stored articles in the background.
    afterChange: [reindexRenamed, refreshArticlesShowingChange, purgeOnChange],
    afterDelete: [reindexDeleted, refreshArticlesShowingDeleted, purgeOnDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true, admin: { description: 'As printed in the byline, in the script of each edition.' } },
    slugField('name', 'author'),
    { name: 'bio', type: 'textarea', localized: true, admin: { description: 'One or two sentences shown under the writer’s articles.' } },
    { name: 'avatar', type: 'upload', relationTo: 'media', admin: { description: 'A square portrait works best.' } },
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: { read: staffField },
      admin: { position: 'sidebar', description: 'The staff account that writes under this byline.' },
    },
  ],
}

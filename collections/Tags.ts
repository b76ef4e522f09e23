import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { slugField } from '../src/fields/slug'
import { editorsAndAdmins } from '../src/access/editorsAndAdmins'
import { hasRole } from '../src/access/roles'
import { purgeOnChange, purgeOnDelete } from '../src/cache/purgeHooks'
import { refreshArticlesShowingChange, refreshArticlesShowingDeleted } from '../src/delivery/hooks'
import { reindexDeleted, reindexRenamed } from '../src/search/indexing'

export const Tags: CollectionConfig = {
  slug: 'tags',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug'], group: 'Content' },
  access: {
    read: anyone,
    // Writers may add a tag while writing; only the desk renames or removes them.
    create: ({ req }) => hasRole(req.user, 'admin', 'editor', 'author'),
    update: editorsAndAdmins,
    delete: editorsAndAdmins,
  },
  defaultPopulate: { name: true, slug: true },
  hooks: {
    // The search index follows a rename in the same transaction (src/search/indexing.ts); the stored articles in the background.
    afterChange: [reindexRenamed, refreshArticlesShowingChange, purgeOnChange],
    afterDelete: [reindexDeleted, refreshArticlesShowingDeleted, purgeOnDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true, admin: { description: 'A topic, as readers see it (e.g. “Elections”).' } },
    slugField('name', 'tag', { localized: true }),
    { name: 'description', type: 'textarea', localized: true, admin: { description: 'Shown on the topic’s page; optional.' } },
  ],
}

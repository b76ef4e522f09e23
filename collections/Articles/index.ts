import type { CollectionConfig } from 'payload'

import { authenticated } from '../../src/access/authenticated'
import { editorsAndAdmins } from '../../src/access/editorsAndAdmins'
import { ownArticlesOrDesk } from '../../src/access/ownArticlesOrDesk'
import { publishedOrStaff } from '../../src/access/publishedOrStaff'
import { slugField } from '../../src/fields/slug'
import { creditTheWriter } from './hooks/creditTheWriter'
import { onlyDeskPublishes } from './hooks/onlyDeskPublishes'
import { stampPublishedAt } from './hooks/stampPublishedAt'

export const Articles: CollectionConfig<'articles'> = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'authors', '_status', 'publishedAt', 'updatedAt'],
    group: 'Content',
  },
  access: {
    read: publishedOrStaff,
    readVersions: authenticated,
    create: authenticated,
    update: ownArticlesOrDesk,
    delete: editorsAndAdmins,
  },
  // What a relationship to an article shows by default, so lists stay small.
  defaultPopulate: { title: true, slug: true, excerpt: true, publishedAt: true },
  versions: {
    drafts: { autosave: { interval: 1500 } },
    maxPerDoc: 50,
  },
  hooks: {
    beforeChange: [creditTheWriter, onlyDeskPublishes, stampPublishedAt],
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 300 },
    slugField('title'),
    {
      name: 'excerpt',
      type: 'textarea',
      maxLength: 600,
      admin: { description: 'One or two sentences for lists, social cards and search results.' },
    },
    { name: 'heroImage', type: 'upload', relationTo: 'media' },
    { name: 'body', type: 'richText', required: true },
    {
      name: 'authors',
      type: 'relationship',
      relationTo: 'authors',
      hasMany: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'tags',
      type: 'relationship',
      relationTo: 'tags',
      hasMany: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'publishedAt',
      type: 'date',
      index: true,
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: 'Set on first publish; editors may backdate.',
      },
    },
    {
      name: 'seo',
      type: 'group',
      label: 'SEO',
      fields: [
        { name: 'title', type: 'text', maxLength: 70, admin: { description: 'Defaults to the title.' } },
        {
          name: 'description',
          type: 'textarea',
          maxLength: 160,
          admin: { description: 'Defaults to the excerpt.' },
        },
      ],
    },
  ],
}

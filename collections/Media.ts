import type { CollectionConfig } from 'payload'

import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { anyone } from '../src/access/anyone'
import { authenticated } from '../src/access/authenticated'
import { editorsAndAdmins } from '../src/access/editorsAndAdmins'
import { purgeOnChange, purgeOnDelete } from '../src/cache/purgeHooks'
import { refreshArticlesShowingChange, refreshArticlesShowingDeleted } from '../src/delivery/hooks'

const mediaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../media')

export const Media: CollectionConfig = {
  slug: 'media',
  access: {
    read: anyone,
    create: authenticated,
    update: authenticated,
    delete: editorsAndAdmins,
  },
  admin: { useAsTitle: 'alt', group: 'Content' },
  hooks: { afterChange: [refreshArticlesShowingChange, purgeOnChange], afterDelete: [refreshArticlesShowingDeleted, purgeOnDelete] },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      localized: true,
      admin: { description: 'Describes the image for screen readers and search engines.' },
    },
    { name: 'caption', type: 'textarea', localized: true, maxLength: 500, admin: { description: 'Shown under the image; optional.' } },
    { name: 'credit', type: 'text', admin: { description: 'Photographer or agency.' } },
  ],
  upload: {
    staticDir: process.env.MEDIA_DIR ? path.resolve(process.env.MEDIA_DIR) : mediaDir,
    mimeTypes: ['image/*'],
    focalPoint: true,
    imageSizes: [
      { name: 'thumbnail', width: 300 },
      { name: 'card', width: 768 },
      { name: 'hero', width: 1600 },
    ],
    adminThumbnail: 'thumbnail',
  },
}

import type { CollectionConfig } from 'payload'

import { DEFAULT_EDITION } from '../src/editions/locales'

/**
 * The delivery store: each published edition of an article's public JSON, exactly as Payload's
 * REST API renders it for an anonymous reader at depth 1 in that edition, written in the same
 * transaction as the change that made it (src/delivery). The public API answers its common reads
 * (the latest articles, one by slug, in any edition) from here with one indexed query instead of
 * running Payload's read path each time. `keys` names every document the JSON shows
 * (`authors:3 tags:5 …`), so a change to one of them re-renders the articles that show it.
 * Internal: no API access, not in the admin.
 */
export const PublishedArticles: CollectionConfig = {
  slug: 'published-articles',
  admin: { hidden: true },
  access: { read: () => false, create: () => false, update: () => false, delete: () => false },
  graphQL: false,
  timestamps: false,
  indexes: [
    // One row per article and edition.
    { fields: ['article', 'locale'], unique: true },
    // An edition's front page, in Payload's order: publishedAt, then createdAt.
    { fields: ['locale', 'publishedAt', 'articleCreatedAt'] },
    { fields: ['locale', 'slug'] },
  ],
  fields: [
    { name: 'article', type: 'text', required: true, index: true },
    // The edition (src/editions/locales.ts); rows from before editions are the default one's.
    { name: 'locale', type: 'text', required: true, defaultValue: DEFAULT_EDITION },
    { name: 'slug', type: 'text' },
    { name: 'publishedAt', type: 'date' },
    { name: 'articleCreatedAt', type: 'date', required: true },
    { name: 'json', type: 'textarea', required: true },
    { name: 'keys', type: 'textarea', required: true },
    // Which rendering of the collections' fields wrote the row (src/delivery/format.ts).
    { name: 'format', type: 'text', required: true, index: true },
  ],
}

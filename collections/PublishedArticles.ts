import type { CollectionConfig } from 'payload'

/**
 * The delivery store: each published article's public JSON, exactly as Payload's REST API
 * renders it for an anonymous reader at depth 1, written in the same transaction as the change
 * that made it (src/delivery). The public API answers its common reads (the latest articles, one
 * by slug) from here with one indexed query instead of running Payload's read path each time.
 * `keys` names every document the JSON shows (`authors:3 tags:5 …`), so a change to one of them
 * re-renders the articles that show it. Internal: no API access, not in the admin.
 */
export const PublishedArticles: CollectionConfig = {
  slug: 'published-articles',
  admin: { hidden: true },
  access: { read: () => false, create: () => false, update: () => false, delete: () => false },
  graphQL: false,
  timestamps: false,
  // The front page's order, as Payload sorts it: publishedAt, then createdAt.
  indexes: [{ fields: ['publishedAt', 'articleCreatedAt'] }],
  fields: [
    { name: 'article', type: 'text', required: true, unique: true },
    { name: 'slug', type: 'text', index: true },
    { name: 'publishedAt', type: 'date' },
    { name: 'articleCreatedAt', type: 'date', required: true },
    { name: 'json', type: 'textarea', required: true },
    { name: 'keys', type: 'textarea', required: true },
    // Which rendering of the collections' fields wrote the row (src/delivery/format.ts).
    { name: 'format', type: 'text', required: true, index: true },
  ],
}

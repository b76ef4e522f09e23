import type { FieldHook, TextField } from 'payload'

import { decodedSlug } from '../slugs/decoded'
import { freeSlug } from '../slugs/freeSlug'
import { slugify } from '../slugs/slugify'

/**
 * A unique, indexed URL slug (the rule: src/slugs/slugify.ts). Left empty, it is made from
 * another field (the title, the name); typed by an editor, it is normalised the same way. When
 * another document already holds it, the next free `-2`, `-3`, … is taken instead of refusing
 * the save. It never changes by itself afterwards, so published URLs stay stable when a headline
 * is edited, and a document saved again keeps the slug it has.
 */
export function slugField(from: string, fallback: string, overrides: Partial<TextField> = {}): TextField {
  const makeSlug: FieldHook = async ({ collection, data, originalDoc, req, siblingData, value }) => {
    if (typeof value === 'string' && value !== '' && value === originalDoc?.slug) return value
    // A typed slug may arrive percent-encoded (copied from an address bar).
    const typed = typeof value === 'string' ? slugify(decodedSlug(value), '') : ''
    const source = [siblingData?.[from], data?.[from], originalDoc?.[from]].find((candidate) => typeof candidate === 'string')
    // Nothing typed and nothing to make one from (a partial update that leaves the slug alone).
    if (!typed && (value === undefined || value === null) && source === undefined) return value
    // A typed slug with no letter or digit (`..`, `?`, an emoji) is made from the title instead.
    const wanted = typed || slugify(source ?? '', fallback)
    return collection ? freeSlug(req, collection.slug, wanted, originalDoc?.id) : wanted
  }
  return {
    name: 'slug',
    type: 'text',
    index: true,
    unique: true,
    required: true,
    // Left empty, the slug is made by the hook below, so GraphQL inputs must not demand one:
    // Payload keeps a required field optional in GraphQL when it has read access control.
    access: { read: () => true },
    admin: {
      position: 'sidebar',
      description: `The address in URLs. Left empty, it is made from the ${from}; letters of every script are kept, accented Latin ones without their accents. Taken by another, it gets -2, -3, ….`,
    },
    hooks: { beforeValidate: [makeSlug] },
    ...overrides,
  } as TextField
}

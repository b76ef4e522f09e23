import type { TextField } from 'payload'

import { slugify } from 'payload/shared'

/**
 * A unique, indexed URL slug. Left empty, it is made from another field (the title, the name);
 * typed by an editor, it is normalised the same way. It never changes by itself afterwards,
 * so published URLs stay stable when a headline is edited.
 */
export function slugField(from: string, overrides: Partial<TextField> = {}): TextField {
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
      description: `The address in URLs. Left empty, it is made from the ${from}.`,
    },
    hooks: {
      beforeValidate: [
        ({ data, value }) => {
          const source = typeof value === 'string' && value.trim() ? value : data?.[from]
          return typeof source === 'string' ? slugify(source) || undefined : value
        },
      ],
    },
    ...overrides,
  } as TextField
}

import type { CollectionConfig } from 'payload'

import { authenticated } from '../src/access/authenticated'
import { STAGE_LABELS, STAGES, TRANSITIONS } from '../src/workflow/definition'
import { DEFAULT_EDITION, EDITIONS } from '../src/editions/locales'

const stageOptions = STAGES.map((stage) => ({ label: STAGE_LABELS[stage], value: stage }))

/**
 * Every workflow step taken on an article: who, when, from, to, and the note. Written only by
 * the workflow hooks (no API may create, change or delete entries); readable by staff only.
 */
export const ArticleHistory: CollectionConfig = {
  slug: 'article-history',
  labels: { singular: 'Workflow step', plural: 'Workflow history' },
  admin: {
    group: 'Workflow',
    defaultColumns: ['article', 'locale', 'transition', 'from', 'to', 'actor', 'createdAt'],
    description: 'Every review step taken on an article. Entries are written by the workflow and cannot be edited.',
  },
  access: {
    read: authenticated,
    create: () => false,
    update: () => false,
    delete: () => false,
  },
  fields: [
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
    {
      // Each edition has its own workflow; entries from before editions existed are English.
      name: 'locale',
      type: 'select',
      required: true,
      index: true,
      defaultValue: DEFAULT_EDITION,
      options: EDITIONS.map((edition) => ({ label: edition.label, value: edition.code })),
    },
    {
      name: 'transition',
      type: 'select',
      required: true,
      options: [...TRANSITIONS.map((t) => ({ label: t.label, value: t.name })), { label: 'Revision of the live article started', value: 'revise' }],
    },
    { name: 'from', type: 'select', options: stageOptions },
    { name: 'to', type: 'select', required: true, options: stageOptions },
    { name: 'note', type: 'textarea' },
    { name: 'actor', type: 'relationship', relationTo: 'users', admin: { description: 'Empty when the system acted (a scheduled job).' } },
  ],
}

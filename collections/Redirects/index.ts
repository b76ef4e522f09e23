import type { CollectionConfig, Field } from 'payload'

import { redirectsPlugin } from '@payloadcms/plugin-redirects'

import { authenticated } from '../../src/access/authenticated'
import { editorsAndAdmins } from '../../src/access/editorsAndAdmins'
import { purgeOnChange, purgeOnDelete } from '../../src/cache/purgeHooks'
import { withStrictInput } from '../../src/hooks/strictInput'
import { resolveRedirectEndpoint } from './resolveEndpoint'
import { collapseChains } from './hooks/collapseChains'
import { normaliseTarget } from './hooks/normaliseTarget'

/**
 * Redirects (Payload's @payloadcms/plugin-redirects, extended): from an old path to an article
 * (followed by its current slug, so it stays right when the slug changes) or to a URL, 301 or 302.
 * Made by hand, on a published article's slug change, and by every importer from the post's
 * original URL. Paths are stored in one canonical spelling, chains are collapsed to one hop and
 * loops refused. Readers resolve a path with GET /api/redirects/resolve?path=… (or GraphQL
 * `resolveRedirect`): the list itself is staff-only, so no reader learns where a draft lives.
 */
const fromDescription = 'The old address, as a path (/2020/10/old-post.html, /?p=123) or a full URL of the old site.'

export const redirects = redirectsPlugin({
  collections: ['articles'],
  redirectTypes: ['301', '302'],
  redirectTypeFieldOverride: { defaultValue: '301', admin: { description: '301: moved for good (search engines move the link). 302: for now.' } },
  // withStrictInput only adds hooks, so the plugin's `fields` function passes through it.
  overrides: withStrictInput({
    slug: 'redirects',
    admin: { group: 'Content', useAsTitle: 'from', defaultColumns: ['from', 'to.type', 'type', 'updatedAt'] },
    access: { read: authenticated, create: editorsAndAdmins, update: editorsAndAdmins, delete: editorsAndAdmins },
    endpoints: [resolveRedirectEndpoint],
    hooks: { beforeChange: [normaliseTarget], afterChange: [collapseChains, purgeOnChange], afterDelete: [purgeOnDelete] },
    fields: (({ defaultFields }: { defaultFields: Field[] }) =>
      defaultFields.map((field) => ('name' in field && field.name === 'from' ? { ...field, admin: { description: fromDescription } } : field))) as never,
  } as CollectionConfig) as never,
})

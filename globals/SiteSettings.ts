import type { GlobalConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { purgeSiteSettings } from '../src/cache/purgeHooks'
import { editorsAndAdmins } from '../src/access/editorsAndAdmins'

/**
 * Settings the desk changes at once, outside any article's review workflow: closing comments
 * site-wide or on particular articles takes effect immediately, not with the next published version.
 */
export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: 'Site settings',
  admin: { group: 'Settings' },
  access: { read: anyone, update: editorsAndAdmins },
  hooks: { afterChange: [purgeSiteSettings] },
  fields: [
    {
      name: 'commentsOpen',
      type: 'checkbox',
      defaultValue: true,
      admin: { description: 'Turn off to close comments on every article at once (existing comments stay visible).' },
    },
    {
      name: 'commentsClosedOn',
      label: 'Comments closed on',
      type: 'relationship',
      relationTo: 'articles',
      hasMany: true,
      admin: { description: 'Articles whose comments are closed while the rest of the site stays open.' },
    },
  ],
}

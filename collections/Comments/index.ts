import type { CollectionConfig, FieldAccess } from 'payload'

import { anyone } from '../../src/access/anyone'
import { approvedOrStaff } from '../../src/access/approvedOrStaff'
import { editorsAndAdmins, editorsAndAdminsField } from '../../src/access/editorsAndAdmins'
import { moderatorsOfComments } from '../../src/access/moderatorsOfComments'
import { staffField } from '../../src/access/staffField'
import { purgeApprovedComment } from '../../src/cache/purgeHooks'
import { announceApproval } from './hooks/announceApproval'
import { checkSubmission } from './hooks/checkSubmission'
import { requireLiveArticle } from './hooks/requireLiveArticle'
import { stampComment } from './hooks/stampComment'

const nobody: FieldAccess = () => false

export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const
export const COMMENT_MAX_LENGTH = 5000

/**
 * Readers' comments. Anyone may submit one on a live article (it waits as `pending`, or lands in
 * `spam`); the public reads approved comments only and never an email; editors moderate all,
 * writers the comments on their own articles. See docs/comments.md.
 */
export const Comments: CollectionConfig = {
  slug: 'comments',
  admin: {
    useAsTitle: 'authorName',
    defaultColumns: ['authorName', 'body', 'article', 'status', 'createdAt'],
    listSearchableFields: ['authorName', 'body'],
    group: 'Community',
    description: 'Moderate with the status links; select several rows and use Edit to approve or mark as spam in bulk.',
    components: { beforeListTable: ['/src/comments/admin/StatusTabs#StatusTabs'] },
  },
  access: {
    create: anyone,
    read: approvedOrStaff,
    update: moderatorsOfComments,
    delete: editorsAndAdmins,
  },
  hooks: {
    beforeOperation: [checkSubmission],
    beforeChange: [stampComment, requireLiveArticle],
    afterChange: [announceApproval, purgeApprovedComment],
  },
  fields: [
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true, access: { update: nobody } },
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'comments',
      index: true,
      access: { update: nobody },
      admin: { description: 'The comment this one replies to (same article).' },
    },
    { name: 'authorName', type: 'text', required: true, maxLength: 100, access: { update: editorsAndAdminsField } },
    // Never public: read access is staff-only for REST, GraphQL and the Local API alike.
    { name: 'email', type: 'email', required: true, access: { read: staffField, update: editorsAndAdminsField } },
    {
      name: 'body',
      type: 'textarea',
      required: true,
      maxLength: COMMENT_MAX_LENGTH,
      access: { update: editorsAndAdminsField },
      admin: { description: 'Plain text: frontends must display it as text, never as HTML.' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      // Readers cannot choose their comment's status (the server decides); moderators change it.
      access: { read: staffField, create: editorsAndAdminsField, update: staffField },
      options: COMMENT_STATUSES.map((value) => ({ label: value, value })),
      admin: { position: 'sidebar' },
    },
    // What a reader's form sends besides the comment. Never stored, never shown.
    {
      name: 'website',
      type: 'text',
      virtual: true,
      access: { read: nobody },
      admin: { hidden: true, description: 'Honeypot: hidden from people in the form; bots fill it in.' },
    },
    {
      name: 'renderedAt',
      type: 'number',
      virtual: true,
      access: { read: nobody },
      admin: { hidden: true, description: 'When the frontend showed the form (ms since the epoch).' },
    },
    // Server-side fingerprints for rate limits and duplicate detection; the address itself is never stored.
    { name: 'senderFingerprint', type: 'text', index: true, access: { read: nobody, create: nobody, update: nobody }, admin: { hidden: true } },
    { name: 'bodyFingerprint', type: 'text', index: true, access: { read: nobody, create: nobody, update: nobody }, admin: { hidden: true } },
  ],
}

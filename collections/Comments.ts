import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { Comment } from '../src/payload-types'

import { approvedOrStaff } from '../src/access/approvedOrStaff'
import { anyone } from '../src/access/anyone'
import { editorsAndAdmins, editorsAndAdminsField } from '../src/access/editorsAndAdmins'
import { staffField } from '../src/access/staffField'

/** Comments are accepted only on articles that are live. */
const readersCommentOnLiveArticles: CollectionBeforeChangeHook<Comment> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const articleId = typeof data.article === 'object' ? data.article?.id : data.article
  const live = articleId
    ? await req.payload.count({
        collection: 'articles',
        where: { and: [{ id: { equals: articleId } }, { _status: { equals: 'published' } }] },
        overrideAccess: true,
        req,
      })
    : { totalDocs: 0 }
  if (live.totalDocs === 0) {
    throw new APIError('Comments can only be posted on a published article.', 400, undefined, true)
  }
  return data
}

export const Comments: CollectionConfig = {
  slug: 'comments',
  admin: {
    useAsTitle: 'authorName',
    defaultColumns: ['authorName', 'article', 'status', 'createdAt'],
    group: 'Community',
  },
  access: {
    create: anyone,
    read: approvedOrStaff,
    update: editorsAndAdmins,
    delete: editorsAndAdmins,
  },
  hooks: {
    beforeChange: [readersCommentOnLiveArticles],
  },
  fields: [
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
    { name: 'parent', type: 'relationship', relationTo: 'comments', index: true },
    { name: 'authorName', type: 'text', required: true, maxLength: 100 },
    // Never public: read access is staff-only for REST, GraphQL and the Local API alike.
    { name: 'email', type: 'email', required: true, access: { read: staffField } },
    { name: 'body', type: 'textarea', required: true, maxLength: 5000 },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      // Readers cannot choose their comment's status: without this right it stays at the default, pending.
      access: { create: editorsAndAdminsField, update: editorsAndAdminsField },
      options: ['pending', 'approved', 'spam', 'trash'].map((value) => ({ label: value, value })),
      admin: { position: 'sidebar' },
    },
  ],
}

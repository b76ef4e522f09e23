import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { Comment } from '../src/payload-types'

import { approvedOrStaff } from '../src/access/approvedOrStaff'
import { anyone } from '../src/access/anyone'
import { editorsAndAdmins, editorsAndAdminsField } from '../src/access/editorsAndAdmins'
import { staffField } from '../src/access/staffField'
import { emitWebhookEvent } from '../src/webhooks/enqueue'

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

/** An approved comment is announced (without the reader's email): comment.approved. */
const announceApproval: CollectionAfterChangeHook<Comment> = async ({ doc, previousDoc, req }) => {
  if (doc.status !== 'approved' || previousDoc?.status === 'approved') return doc
  const articleId = typeof doc.article === 'object' ? doc.article.id : doc.article
  const article = await req.payload.findByID({ collection: 'articles', id: articleId, depth: 0, overrideAccess: true, req, select: { tags: true } })
  const tagIds = (article.tags ?? []).map((tag) => (typeof tag === 'object' ? tag.id : tag))
  const parent = typeof doc.parent === 'object' && doc.parent ? doc.parent.id : (doc.parent ?? null)
  await emitWebhookEvent(
    req,
    'comment.approved',
    { comment: { id: doc.id, article: articleId, parent, authorName: doc.authorName, body: doc.body, createdAt: doc.createdAt } },
    { tagIds },
  )
  return doc
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
    afterChange: [announceApproval],
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

import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { authenticated } from '../../src/access/authenticated'
import { editorsAndAdmins, editorsAndAdminsField } from '../../src/access/editorsAndAdmins'
import { ownArticlesOrDesk } from '../../src/access/ownArticlesOrDesk'
import { publishedOrStaff } from '../../src/access/publishedOrStaff'
import { staffField } from '../../src/access/staffField'
import { deleteDependents } from '../../src/hooks/deleteDependents'
import { STAGE_LABELS, STAGES } from '../../src/workflow/definition'
import { readerUrl } from '../../src/reader/readerUrl'
import { readingMinutes } from '../../src/richtext/readingTime'
import { storeTextDirections } from '../../src/richtext/direction'
import { importedFromFields } from '../../src/fields/importSource'
import { slugField } from '../../src/fields/slug'
import { creditTheWriter } from './hooks/creditTheWriter'
import { commentsEndpoint } from './endpoints/comments'
import { exportArticleEndpoint, exportArticlesEndpoint } from './endpoints/export'
import { scheduleEndpoint } from './endpoints/schedule'
import { awaitingTranslationEndpoint } from './endpoints/awaitingTranslation'
import { purgeOnChange, purgeOnDelete } from '../../src/cache/purgeHooks'
import { refreshStoredArticle, removeStoredArticle } from '../../src/delivery/hooks'
import { announceDeletion, rememberLiveEditions } from './hooks/announceDeletion'
import { applyWorkflow } from './hooks/applyWorkflow'
import { recordTransition } from './hooks/recordTransition'
import { deleteRedirectsToArticle, redirectOldSlug, rememberLiveSlug } from './hooks/redirectOldSlug'
import { stampPublishedAt } from './hooks/stampPublishedAt'
import { guardPublishedSlug } from './hooks/guardPublishedSlug'
import { applyRestoreRule, noteRestoreRequest } from './hooks/restoreThroughWorkflow'
import { serverTimestamps } from '../../src/hooks/serverTimestamps'
import { liveVersionForReaders } from '../../src/hooks/liveVersionForReaders'
import { oneEditionForReaders } from '../../src/editions/oneEditionForReaders'
import { fallBackOnlyToLiveEditions } from '../../src/editions/fallback'

export const Articles: CollectionConfig<'articles'> = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    // The reading page (/read/<slug>) shows the latest draft to signed-in staff, beside the editor.
    livePreview: { url: ({ data, locale, req }) => readerUrl(data.slug, req, { locale: locale?.code }) },
    preview: (doc, { locale, req }) => readerUrl(doc.slug, req, { locale }),
    defaultColumns: ['title', 'stage', 'assignee', 'dueDate', 'authors', 'publishedAt', 'updatedAt'],
    group: 'Content',
    components: {
      edit: {
        PublishButton: '/src/workflow/admin/GatedPublishButton#GatedPublishButton',
        UnpublishButton: '/src/workflow/admin/GatedPublishButton#GatedUnpublishButton',
      },
    },
  },
  access: {
    read: publishedOrStaff,
    readVersions: authenticated,
    create: authenticated,
    update: ownArticlesOrDesk,
    delete: editorsAndAdmins,
  },
  // What a relationship to an article shows by default, so lists stay small.
  defaultPopulate: { title: true, slug: true, excerpt: true, publishedAt: true },
  versions: {
    // Each edition is published and unpublished on its own (its own `_status`).
    drafts: { autosave: { interval: 1500 }, schedulePublish: true, localizeStatus: true },
    maxPerDoc: 50,
  },
  endpoints: [awaitingTranslationEndpoint, exportArticlesEndpoint, exportArticleEndpoint, scheduleEndpoint, commentsEndpoint],
  // No compound (_status, publishedAt) index: `_status` is per edition, kept in the locales table,
  // and SQL indexes cannot span the two. The front page reads the delivery store's own index.
  hooks: {
    beforeOperation: [oneEditionForReaders as CollectionBeforeOperationHook<'articles'>, liveVersionForReaders as CollectionBeforeOperationHook<'articles'>, serverTimestamps as CollectionBeforeOperationHook<'articles'>, noteRestoreRequest, applyWorkflow],
    // The restore rule first: a refused restore must stop before anything else runs.
    // With public fallback on, never from an edition that is not live (src/editions/fallback.ts).
    beforeRead: [fallBackOnlyToLiveEditions],
    beforeChange: [applyRestoreRule, guardPublishedSlug, creditTheWriter, stampPublishedAt, rememberLiveSlug],
    afterChange: [recordTransition, redirectOldSlug, refreshStoredArticle, purgeOnChange],
    // An article's comments and workflow history go with it.
    beforeDelete: [
      deleteDependents([
        { collection: 'comments', field: 'article' },
        { collection: 'article-history', field: 'article' },
      ]),
      deleteRedirectsToArticle,
      rememberLiveEditions,
    ],
    afterDelete: [announceDeletion, removeStoredArticle, purgeOnDelete],
  },
  fields: [
    { name: 'title', type: 'text', required: true, localized: true, maxLength: 300, admin: { description: 'The headline readers see. Keep it under about 90 characters for search results.' } },
    slugField('title', 'article', { localized: true }),
    {
      name: 'excerpt',
      type: 'textarea',
      localized: true,
      maxLength: 600,
      admin: { description: 'One or two sentences for lists, social cards and search results.' },
    },
    { name: 'heroImage', type: 'upload', relationTo: 'media', admin: { description: 'Shown above the article and on social cards; at least 1600 px wide looks sharp.' } },
    { name: 'body', type: 'richText', required: true, localized: true, hooks: { beforeChange: [storeTextDirections] }, admin: { description: 'The article. Headings, links, lists, quotes and images (drag one in, or type "/").' } },
    {
      name: 'readingTime',
      type: 'number',
      virtual: true,
      admin: { position: 'sidebar', readOnly: true, description: 'Minutes to read (230 words a minute), from the body as last saved.' },
      hooks: { afterRead: [({ siblingData }) => (siblingData?.body ? readingMinutes(siblingData.body) : undefined)] },
    },
    {
      name: 'authors',
      type: 'relationship',
      relationTo: 'authors',
      hasMany: true,
      index: true,
      admin: { position: 'sidebar', description: 'Bylines, in the order printed. Writers are credited on what they write.' },
    },
    {
      name: 'tags',
      type: 'relationship',
      relationTo: 'tags',
      hasMany: true,
      index: true,
      admin: { position: 'sidebar', description: 'Topics readers can browse; webhooks can filter on them.' },
    },
    {
      name: 'publishedAt',
      type: 'date',
      index: true,
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: 'Set on first publish; editors may backdate.',
      },
      // Editors and admins date articles; everyone else's value is dropped (the workflow stamps it at publish).
      access: { create: editorsAndAdminsField, update: editorsAndAdminsField },
    },
    {
      name: 'stage',
      type: 'select',
      required: true,
      // Each edition moves through the workflow on its own.
      localized: true,
      defaultValue: 'draft',
      index: true,
      options: STAGES.map((stage) => ({ label: STAGE_LABELS[stage], value: stage })),
      // Staff-only: readers never learn where an article is in review.
      access: { read: staffField },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Moved only by the workflow buttons (or the API), following the review rules.',
      },
    },
    {
      name: 'workflowPanel',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/workflow/admin/WorkflowPanel#WorkflowPanel' } },
    },
    {
      // Sent with a transition (required to request changes); kept in the history, not on the article.
      name: 'workflowNote',
      type: 'textarea',
      virtual: true,
      access: { read: staffField },
      admin: { hidden: true },
    },
    {
      name: 'assignee',
      type: 'relationship',
      relationTo: 'users',
      localized: true,
      index: true,
      filterOptions: { role: { in: ['editor', 'admin'] } },
      access: { read: staffField, create: editorsAndAdminsField, update: editorsAndAdminsField },
      admin: { position: 'sidebar', description: 'The editor reviewing this article.' },
    },
    {
      name: 'dueDate',
      type: 'date',
      localized: true,
      index: true,
      access: { read: staffField, create: editorsAndAdminsField, update: editorsAndAdminsField },
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' }, description: 'When the review is due.' },
    },
    {
      name: 'history',
      type: 'join',
      collection: 'article-history',
      on: 'article',
      defaultSort: '-createdAt',
      defaultLimit: 50,
      access: { read: staffField },
      // Every edition's steps, each marked with its edition.
      admin: { allowCreate: false, defaultColumns: ['locale', 'transition', 'from', 'to', 'actor', 'note', 'createdAt'] },
    },
    ...importedFromFields('article'),
    {
      name: 'seo',
      type: 'group',
      label: 'SEO',
      localized: true,
      fields: [
        { name: 'title', type: 'text', maxLength: 70, admin: { description: 'Defaults to the title.' } },
        {
          name: 'description',
          type: 'textarea',
          maxLength: 160,
          admin: { description: 'Defaults to the excerpt.' },
        },
      ],
    },
  ],
}

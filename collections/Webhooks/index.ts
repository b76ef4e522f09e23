import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { Webhook } from '../../src/payload-types'

import { isAdmin } from '../../src/access/isAdmin'
import { deleteDependents } from '../../src/hooks/deleteDependents'
import { readEnv } from '../../src/env'
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENTS } from '../../src/webhooks/events'
import { UnsafeTargetError, vetTarget } from '../../src/webhooks/safeTarget'
import { generateWebhookSecret } from '../../src/webhooks/secret'
import { rotateSecretEndpoint } from './rotateSecret'

const env = readEnv()

/** A new endpoint gets a generated secret; the URL must be a public address (or allow-listed). */
const prepareEndpoint: CollectionBeforeChangeHook<Webhook> = async ({ data, operation, req }) => {
  if (operation === 'create') {
    data.secret = generateWebhookSecret()
    req.context.revealWebhookSecret = data.secret
  }
  if (typeof data.url === 'string') {
    try {
      await vetTarget(data.url, env.WEBHOOK_ALLOWED_HOSTS)
    } catch (error) {
      if (error instanceof UnsafeTargetError) throw new APIError(error.message, 400, undefined, true)
      throw error
    }
  }
  return data
}

/** The secret is shown once: in the answer to the request that created (or rotated) it. */
const revealSecretOnce: CollectionAfterChangeHook<Webhook> = ({ doc, req }) => {
  const secret = req.context.revealWebhookSecret
  if (typeof secret !== 'string') return doc
  delete req.context.revealWebhookSecret
  return { ...doc, secret }
}

export const Webhooks: CollectionConfig = {
  slug: 'webhooks',
  admin: {
    useAsTitle: 'name',
    group: 'Settings',
    defaultColumns: ['name', 'url', 'events', 'active'],
    description: 'Other systems told the moment content changes. Signed per the Standard Webhooks spec.',
  },
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  endpoints: [rotateSecretEndpoint],
  hooks: {
    beforeChange: [prepareEndpoint],
    afterChange: [revealSecretOnce],
    beforeDelete: [deleteDependents([{ collection: 'webhook-deliveries', field: 'webhook' }])],
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'url', type: 'text', required: true, admin: { description: 'Where events are POSTed (public http/https).' } },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      required: true,
      options: WEBHOOK_EVENTS.map((event) => ({ label: `${event} — ${WEBHOOK_EVENT_DESCRIPTIONS[event]}`, value: event })),
    },
    { name: 'active', type: 'checkbox', defaultValue: true, admin: { description: 'Turned off automatically when the endpoint answers 410 Gone.' } },
    {
      name: 'filterTags',
      type: 'relationship',
      relationTo: 'tags',
      hasMany: true,
      admin: { description: 'Only articles with one of these tags (leave empty for all).' },
    },
    {
      name: 'secret',
      type: 'text',
      // Never read back: shown once on create and on rotation.
      access: { read: () => false, update: () => false },
      admin: { hidden: true },
    },
    { name: 'previousSecret', type: 'text', access: { read: () => false, update: () => false }, admin: { hidden: true } },
    {
      name: 'previousSecretExpiresAt',
      type: 'date',
      access: { update: () => false },
      admin: { readOnly: true, description: 'Until then deliveries are signed with both the old and the new secret.' },
    },
    { name: 'disabledReason', type: 'text', admin: { readOnly: true } },
    {
      name: 'signingSecret',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/webhooks/admin/RotateSecretButton#RotateSecretButton' } },
    },
  ],
}

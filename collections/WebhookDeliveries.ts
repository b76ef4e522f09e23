import type { CollectionConfig, Endpoint } from 'payload'

import { APIError } from 'payload'

import { isAdmin } from '../src/access/isAdmin'
import { hasRole } from '../src/access/roles'
import { queueDelivery } from '../src/webhooks/enqueue'
import { WEBHOOK_EVENTS } from '../src/webhooks/events'

/** POST /api/webhook-deliveries/:id/redeliver — sends the same event (same webhook-id) again. */
const redeliverEndpoint: Endpoint = {
  path: '/:id/redeliver',
  method: 'post',
  handler: async (req) => {
    if (!hasRole(req.user, 'admin')) throw new APIError('Only admins redeliver webhooks.', 403, undefined, true)
    const id = req.routeParams?.id as string
    const delivery = await req.payload.findByID({ collection: 'webhook-deliveries', id, overrideAccess: true, req })
    await req.payload.update({
      collection: 'webhook-deliveries',
      id: delivery.id,
      data: { status: 'pending', nextRetryAt: null, error: null },
      overrideAccess: true,
      req,
    })
    await queueDelivery(req, delivery.id)
    return Response.json({ message: 'Redelivery queued.', id: delivery.id }, { status: 202 })
  },
}

/** One event for one endpoint, with every attempt's outcome: the delivery log. */
export const WebhookDeliveries: CollectionConfig = {
  slug: 'webhook-deliveries',
  admin: {
    group: 'Settings',
    useAsTitle: 'eventId',
    defaultColumns: ['eventId', 'eventType', 'webhook', 'status', 'attempts', 'responseStatus', 'nextRetryAt', 'createdAt'],
  },
  access: { read: isAdmin, create: () => false, update: () => false, delete: isAdmin },
  endpoints: [redeliverEndpoint],
  fields: [
    { name: 'webhook', type: 'relationship', relationTo: 'webhooks', required: true, index: true },
    { name: 'eventId', type: 'text', required: true, index: true, admin: { description: 'The webhook-id header: the same on every retry.' } },
    { name: 'eventType', type: 'select', required: true, options: [...WEBHOOK_EVENTS] },
    { name: 'payload', type: 'json', required: true },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: ['pending', 'retrying', 'succeeded', 'failed'],
    },
    { name: 'attempts', type: 'number', defaultValue: 0 },
    { name: 'responseStatus', type: 'number' },
    { name: 'latencyMs', type: 'number' },
    { name: 'error', type: 'text' },
    { name: 'nextRetryAt', type: 'date' },
    { name: 'deliveredAt', type: 'date' },
    {
      name: 'redeliver',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/webhooks/admin/RedeliverButton#RedeliverButton' } },
    },
  ],
}

import type { PayloadRequest } from 'payload'

import { randomUUID } from 'node:crypto'

import type { WebhookEventType } from './events'

/** Queues the durable job that sends one delivery; with `req`, inside the caller's transaction. */
export async function queueDelivery(req: PayloadRequest, deliveryId: number | string, waitUntil?: Date): Promise<void> {
  await req.payload.jobs.queue({
    task: 'deliverWebhook',
    queue: 'webhooks',
    input: { deliveryId: String(deliveryId) },
    waitUntil,
    req,
  })
}

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: unknown }).id : value)

/**
 * Records an event for every active endpoint subscribed to it (honouring tag filters) and queues
 * its delivery: the outbox. Called from hooks with their `req`, so the deliveries commit with the
 * change that caused them, or not at all.
 */
export async function emitWebhookEvent(
  req: PayloadRequest,
  type: WebhookEventType,
  data: Record<string, unknown>,
  { tagIds = [] }: { tagIds?: Array<number | string> } = {},
): Promise<void> {
  const { docs: endpoints } = await req.payload.find({
    collection: 'webhooks',
    where: { and: [{ active: { equals: true } }, { events: { in: [type] } }] },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const wanted = endpoints.filter((endpoint) => {
    const filter = (endpoint.filterTags ?? []).map((tag) => String(idOf(tag)))
    return filter.length === 0 || tagIds.some((tag) => filter.includes(String(tag)))
  })
  if (wanted.length === 0) return
  const eventId = `msg_${randomUUID().replace(/-/g, '')}`
  const payload = { type, timestamp: new Date().toISOString(), data }
  for (const endpoint of wanted) {
    const delivery = await req.payload.create({
      collection: 'webhook-deliveries',
      data: { webhook: endpoint.id, eventId, eventType: type, payload, status: 'pending', attempts: 0 },
      overrideAccess: true,
      req,
    })
    await queueDelivery(req, delivery.id)
  }
}

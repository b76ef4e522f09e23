import type { TaskConfig } from 'payload'

import { readEnv } from '../env'
import { queueDelivery } from './enqueue'
import { isRetryable, nextRetryDelay } from './retry'
import { sendWebhook } from './send'

/**
 * The durable delivery job: one attempt per run. A retryable failure queues the next attempt
 * (exponential schedule with jitter, at least the receiver's Retry-After); the schedule's end, or
 * a final answer, marks the delivery failed; 410 Gone disables the endpoint. Every run updates
 * the delivery log. If the process dies mid-attempt the job is picked up again (at least once;
 * receivers deduplicate on webhook-id).
 */
export const deliverWebhookTask = {
  slug: 'deliverWebhook',
  inputSchema: [{ name: 'deliveryId', type: 'text', required: true }],
  handler: async ({ input: rawInput, req }) => {
    const input = rawInput as { deliveryId: string }
    const env = readEnv()
    const { payload } = req
    const delivery = await payload.findByID({ collection: 'webhook-deliveries', id: input.deliveryId, depth: 0, overrideAccess: true })
    if (delivery.status === 'succeeded' || delivery.status === 'failed') return { output: {} }
    const webhookId = typeof delivery.webhook === 'object' ? delivery.webhook.id : delivery.webhook
    const endpoint = await payload.findByID({ collection: 'webhooks', id: webhookId, depth: 0, overrideAccess: true, showHiddenFields: true })
    // The log is internal bookkeeping with nothing to validate or hook: write it straight to the
    // database, which keeps a delivery to a few writes (see bench/webhooks.ts).
    const record = (data: Record<string, unknown>) =>
      payload.db.updateOne({ collection: 'webhook-deliveries', id: delivery.id, data, returning: false })

    if (!endpoint.active) {
      await record({ status: 'failed', error: 'The endpoint is disabled.', nextRetryAt: null })
      return { output: {} }
    }
    const secrets = [endpoint.secret!]
    if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > Date.now()) {
      secrets.push(endpoint.previousSecret)
    }
    const payloadJson = delivery.payload as { timestamp?: string }
    const attempt = (delivery.attempts ?? 0) + 1
    const result = await sendWebhook(
      endpoint.url,
      secrets,
      { id: delivery.eventId, timestamp: new Date(), body: JSON.stringify(payloadJson) },
      { allowedHosts: env.WEBHOOK_ALLOWED_HOSTS, timeoutMs: env.WEBHOOK_TIMEOUT_MS },
    )
    const outcome = { attempts: attempt, responseStatus: result.status ?? null, latencyMs: result.latencyMs, error: result.error ?? null }

    if (result.ok) {
      await record({ ...outcome, status: 'succeeded', nextRetryAt: null, deliveredAt: new Date().toISOString() })
      return { output: {} }
    }
    if (result.status === 410) {
      await payload.update({
        collection: 'webhooks',
        id: endpoint.id,
        data: { active: false, disabledReason: `Disabled ${new Date().toISOString()}: the endpoint answered 410 Gone.` },
        overrideAccess: true,
      })
      await record({ ...outcome, status: 'failed', nextRetryAt: null })
      return { output: {} }
    }
    const delay = !result.refused && isRetryable(result.status) ? nextRetryDelay(attempt, env.WEBHOOK_RETRY_SCHEDULE, result.retryAfterMs) : null
    if (delay === null) {
      await record({ ...outcome, status: 'failed', nextRetryAt: null })
      return { output: {} }
    }
    const nextRetryAt = new Date(Date.now() + delay)
    await record({ ...outcome, status: 'retrying', nextRetryAt: nextRetryAt.toISOString() })
    await queueDelivery(req, delivery.id, nextRetryAt)
    return { output: {} }
  },
} as TaskConfig

import type { Payload } from 'payload'

/** Runs the webhooks queue until nothing is pending or retrying (bounded). */
export async function drainWebhooks(payload: Payload, maxMs = 8000): Promise<void> {
  const deadline = Date.now() + maxMs
  while (Date.now() < deadline) {
    await payload.jobs.run({ queue: 'webhooks', limit: 50 })
    const open = await payload.count({ collection: 'webhook-deliveries', where: { status: { in: ['pending', 'retrying'] } } })
    if (open.totalDocs === 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('webhook deliveries did not settle in time')
}

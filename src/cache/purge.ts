import type { Payload, PayloadRequest } from 'payload'

import { emitWebhookEvent } from '../webhooks/enqueue'
import { responseCache } from './responseCache'

/**
 * Invalidates responses that show the given content: in this process at once, in the others
 * through the purge log (written in the caller's transaction), and at a CDN through the
 * `cache.purge` webhook event (delivered after the commit, retried like any webhook).
 */
export async function purgeSurrogateKeys(req: PayloadRequest, keys: string[]): Promise<void> {
  await req.payload.create({ collection: 'cache-purges', data: { keys }, overrideAccess: true, req })
  responseCache.purge(keys)
  await emitWebhookEvent(req, 'cache.purge', { keys })
}

const RETENTION_MS = 60 * 60_000

/**
 * Applies purges written by any process (this one included, after its commit) to this process's
 * cache; checks every `intervalMs`. Returns a function that stops it.
 */
export function startPurgeListener(payload: Payload, intervalMs = 500): () => void {
  let lastId: number | string | undefined
  let lastCleanup = 0
  let running = false
  const poll = async () => {
    if (running) return
    running = true
    try {
      if (lastId === undefined) {
        const { docs } = await payload.find({ collection: 'cache-purges', sort: '-id', limit: 1, depth: 0, overrideAccess: true })
        lastId = docs[0]?.id ?? 0
      }
      const { docs } = await payload.find({
        collection: 'cache-purges',
        where: { id: { greater_than: lastId } },
        sort: 'id',
        limit: 500,
        depth: 0,
        overrideAccess: true,
      })
      const keys = docs.flatMap((doc) => (Array.isArray(doc.keys) ? (doc.keys as string[]) : []))
      if (keys.length > 0) responseCache.purge(keys)
      if (docs.length > 0) lastId = docs[docs.length - 1]!.id
      if (Date.now() - lastCleanup > 60_000) {
        lastCleanup = Date.now()
        const cutoff = new Date(Date.now() - RETENTION_MS).toISOString()
        await payload.delete({ collection: 'cache-purges', where: { createdAt: { less_than: cutoff } }, overrideAccess: true })
      }
    } catch (error) {
      // Until the database answers again, drop everything rather than serve what may be stale.
      responseCache.clear()
      payload.logger.warn({ err: error }, 'cache purge check failed; response cache cleared')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void poll(), intervalMs)
  timer.unref()
  void poll()
  return () => clearInterval(timer)
}

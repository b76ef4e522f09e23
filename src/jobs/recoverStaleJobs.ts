import type { Payload } from 'payload'

/**
 * A job whose runner died (SIGKILL, crash, deploy) stays marked as processing for ever. This
 * hands such jobs back to the queue once they have been silent for `staleSeconds`, so every
 * queued delivery or scheduled publish runs at least once.
 */
export async function recoverStaleJobs(payload: Payload, staleSeconds: number): Promise<number> {
  const cutoff = new Date(Date.now() - staleSeconds * 1000).toISOString()
  const { docs } = await payload.update({
    collection: 'payload-jobs',
    where: { and: [{ processing: { equals: true } }, { updatedAt: { less_than: cutoff } }] },
    data: { processing: false },
    overrideAccess: true,
    depth: 0,
  })
  if (docs.length > 0) payload.logger.warn(`Recovered ${docs.length} stale job(s) left processing by a stopped runner.`)
  return docs.length
}

/** Recovers now and then every half stale period; returns a function that stops it. */
export function startJobRecovery(payload: Payload, staleSeconds: number): () => void {
  const run = () => recoverStaleJobs(payload, staleSeconds).catch((error) => payload.logger.error({ err: error }, 'job recovery failed'))
  void run()
  const timer = setInterval(run, Math.max(1000, (staleSeconds * 1000) / 2))
  timer.unref()
  return () => clearInterval(timer)
}

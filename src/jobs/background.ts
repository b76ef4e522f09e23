import type { Payload } from 'payload'

import type { Env } from '../env'

import { startJobRecovery } from './recoverStaleJobs'
import { startWebhookRunner } from './webhookRunner'

/**
 * The durable background work a process takes on when RUN_JOBS allows: webhook deliveries (a
 * continuous runner) and hand-back of jobs a dead runner left behind. Scheduled publishing runs
 * on Payload's own cron (`getPayload({ cron: true })`). Returns a function that stops it all.
 */
export function startBackgroundJobs(payload: Payload, env: Pick<Env, 'STALE_JOB_SECONDS'>): () => Promise<void> {
  const stopRecovery = startJobRecovery(payload, env.STALE_JOB_SECONDS)
  const stopWebhooks = startWebhookRunner(payload)
  return async () => {
    stopRecovery()
    await stopWebhooks()
  }
}

import type { Payload } from 'payload'

import type { Env } from '../env'

import { startJobRecovery } from './recoverStaleJobs'
import { DELIVERY_QUEUE } from '../delivery/refreshTask'
import { startQueueRunner } from './queueRunner'

/**
 * The durable background work a process takes on when RUN_JOBS allows: webhook deliveries and
 * delivery-store refreshes (continuous runners), and hand-back of jobs a dead runner left behind.
 * Scheduled publishing runs on Payload's own cron (`getPayload({ cron: true })`). Returns a
 * function that stops it all.
 */
export function startBackgroundJobs(payload: Payload, env: Pick<Env, 'STALE_JOB_SECONDS'>): () => Promise<void> {
  const stopRecovery = startJobRecovery(payload, env.STALE_JOB_SECONDS)
  const stopWebhooks = startQueueRunner(payload, 'webhooks')
  const stopDelivery = startQueueRunner(payload, DELIVERY_QUEUE)
  return async () => {
    stopRecovery()
    await Promise.all([stopWebhooks(), stopDelivery()])
  }
}

import type { Payload } from 'payload'

export type RunnerOptions = { batchSize?: number; idleMs?: number }

/**
 * Runs a jobs queue back to back while it has work, and checks again every `idleMs` when it is
 * empty. Payload's cron runs a queue at most once a second with a fixed batch, which would hold
 * jobs up to a second and cap them at one batch a second; this keeps the delay to about `idleMs`
 * and the throughput to what the database (and, for webhooks, the receivers) allow.
 * Returns a function that stops it after the batch in progress.
 */
export function startQueueRunner(payload: Payload, queue: string, { batchSize = 50, idleMs = 250 }: RunnerOptions = {}): () => Promise<void> {
  let stopped = false
  let wake: (() => void) | undefined
  const rest = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, idleMs)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  const loop = async () => {
    while (!stopped) {
      let ranSome = false
      try {
        const result = await payload.jobs.run({ queue, limit: batchSize, silent: { info: true } })
        ranSome = Object.keys(result.jobStatus ?? {}).length > 0
      } catch (error) {
        payload.logger.error({ err: error }, `the ${queue} queue runner failed a batch; trying again shortly`)
      }
      if (!ranSome && !stopped) await rest()
    }
  }
  const running = loop()
  return async () => {
    stopped = true
    wake?.()
    await running
  }
}

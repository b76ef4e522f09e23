/**
 * npm run worker — runs the jobs queue (webhook deliveries, scheduled publishing) without an HTTP
 * server, so delivery can scale apart from the API. Run the API with RUN_JOBS=false to leave all
 * jobs to workers. Stops cleanly on SIGTERM.
 */
import { getPayload } from 'payload'

import { closeDatabase } from './db/connection'
import { readEnv } from './env'
import { startBackgroundJobs } from './jobs/background'
import { logger } from './logger'
import { installProcessGuard } from './process/guard'

async function main() {
  process.env.RUN_JOBS = 'true'
  const env = readEnv()
  const { default: config } = await import('../payload.config')
  const payload = await getPayload({ config, cron: true })
  const stopBackgroundJobs = startBackgroundJobs(payload, env)
  logger.info('Newsroom CMS worker running jobs (webhook deliveries continuously, scheduled publishing every minute)')
  const stop = async (signal: string) => {
    logger.info({ signal }, 'worker stopping')
    await stopBackgroundJobs()
    await closeDatabase(payload)
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

// A request's or a job's failure is logged, never the end of the process (src/process/guard.ts).
installProcessGuard({ role: 'worker' })
main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'the worker could not start')
  process.exit(1)
})

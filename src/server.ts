/**
 * The CMS process: Express in front, Payload's REST/GraphQL API, and the Next.js admin UI.
 * `npm run dev` (development) or `npm start` (production, after `npm run build`).
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import path from 'node:path'
import { fileURLToPath } from 'node:url'
import next from 'next'
import { getPayload } from 'payload'

import { keepConnectionsAlive } from './http/keepAlive'
import { createApp } from './app'
import { databaseKind } from './db/adapter'
import { closeDatabase } from './db/connection'
import { ConfigError, readEnv } from './env'
import { startPurgeListener } from './cache/purge'
import { startBackgroundJobs } from './jobs/background'
import { logger } from './logger'
import { installProcessGuard } from './process/guard'
import { seedDemoContent } from './seed/demo'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SHUTDOWN_GRACE_MS = 10_000

async function main() {
  const env = readEnv()
  // Imported here so configuration errors are reported by the handler below, not as a stack trace.
  const { default: config } = await import('../payload.config')
  // cron: true runs scheduled publishing in this process when RUN_JOBS allows (jobs.shouldAutoRun).
  const payload = await getPayload({ config, cron: true }).catch((error: unknown) => {
    throw new ConfigError(
      `Could not connect to the ${databaseKind(env.DATABASE_URL)} database at DATABASE_URL ` +
        `(${redact(env.DATABASE_URL)}): ${error instanceof Error ? error.message : String(error)}. ` +
        'Check that the server is running and the URL, user and password are right.',
    )
  })
  if (env.SEED_DEMO) await seedDemoContent(payload)
  const stopBackgroundJobs = env.RUN_JOBS ? startBackgroundJobs(payload, env) : async () => {}
  // Purges written by any process reach this one's response cache.
  const stopPurgeListener = startPurgeListener(payload)

  // API-only processes (SERVE_ADMIN=false) skip Next.js entirely.
  const nextApp = env.SERVE_ADMIN
    ? next({ dev: env.NODE_ENV !== 'production', dir: rootDir, hostname: env.HOST, port: env.PORT })
    : undefined
  await nextApp?.prepare()
  const nextHandler = nextApp?.getRequestHandler()

  const app = createApp({ payload, nextHandler: nextHandler && ((req, res) => nextHandler(req, res)) })
  const server = app.listen(env.PORT, env.HOST, () => {
    const { port } = server.address() as AddressInfo
    const url = `http://${env.HOST}:${port}`
    const admin = nextApp ? `admin ${url}/admin · ` : ''
    logger.info({ url }, `Newsroom CMS ready: ${admin}REST ${url}/api · GraphQL ${url}/api/graphql`)
  })
  keepConnectionsAlive(server)

  installGracefulShutdown(server, async () => {
    stopPurgeListener()
    await stopBackgroundJobs()
    await nextApp?.close?.()
    await closeDatabase(payload)
  })
}

/** SIGTERM/SIGINT: stop accepting, let in-flight requests finish (up to a grace period), close the database. */
function installGracefulShutdown(server: Server, closeResources: () => Promise<void>) {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests')
    const force = setTimeout(() => {
      logger.warn('grace period over: closing remaining connections')
      server.closeAllConnections()
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    server.close(async () => {
      try {
        await closeResources()
        logger.info('shutdown complete')
        process.exit(0)
      } catch (error) {
        logger.error({ err: error }, 'error while closing resources')
        process.exit(1)
      }
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')

// A request's or a job's failure is logged, never the end of the process (src/process/guard.ts).
installProcessGuard({ role: 'server' })
main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    logger.fatal(error.message)
  } else {
    logger.fatal({ err: error }, 'the CMS could not start')
  }
  process.exit(1)
})

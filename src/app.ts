import type { NextFunction, Request, Response } from 'express'
import type { Payload } from 'payload'

import express from 'express'
import helmet from 'helmet'
import { pinoHttp } from 'pino-http'

import { pingDatabase } from './db/connection'
import { databaseUnavailableErrorHandler } from './errors/databaseUnavailable'
import { readEnv } from './env'
import { abuseLimits } from './http/abuseLimits'
import { classifyApiRequests } from './http/apiOperation'
import { payloadApi } from './http/payloadApi'
import { apiLocale } from './editions/requestLocale'
import { prepareDeliveryStore } from './delivery/readiness'
import { prepareSearchIndex } from './search/readiness'
import { apiRequestLimits, clientErrorHandler } from './http/requestLimits'
import { logger } from './logger'
import { oldPathRedirects } from './reader/oldPaths'
import { readerRouter } from './reader/router'
import { EDITIONS } from './editions/locales'
import { readingPageMount, searchPageMount } from './editions/readingPages'
import { searchPageRouter } from './reader/searchPage'
import { resolveRequestUser } from './http/requestUser'

export type AppOptions = {
  payload: Payload
  /** Next.js's request handler for the admin UI; omitted in API-only processes and tests. */
  nextHandler?: (req: Request, res: Response) => Promise<void>
}

/** The Express application: server concerns first, then Payload's API, then the admin UI. */
export function createApp({ payload, nextHandler }: AppOptions): express.Express {
  // Public reads are answered from the delivery store once it is checked (or rebuilt); Payload answers until then.
  void prepareDeliveryStore(payload)
  // Searches answer 503 until the search index is checked (or rebuilt) after it.
  void prepareSearchIndex(payload)
  const app = express()
  app.disable('x-powered-by')
  // Behind a proxy or CDN, the reader's address (rate limits) comes from X-Forwarded-For.
  app.set('trust proxy', readEnv().TRUST_PROXY)

  app.use(
    pinoHttp({
      logger,
      // Probes would drown the log.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // A password-reset link's token is a credential: never in the request log.
      serializers: { req: (req: { url?: string }) => Object.assign(req, { url: req.url?.replace(/(\/reset\/)[^/?#]+/g, '$1[redacted]') }) },
    }),
  )
  // The admin UI (Next.js) needs inline scripts, so the strict CSP is set on API responses only.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }))
  app.use(
    '/api',
    helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  )

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' })
  })
  app.get('/readyz', async (_req, res) => {
    try {
      await pingDatabase(payload)
      res.json({ status: 'ready', database: payload.db.name })
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed')
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' })
    }
  })

  const env = readEnv()
  app.use(
    '/api',
    // Who the request is (Payload's own authentication) and what it does decide every limit after.
    resolveRequestUser(payload),
    classifyApiRequests({ bodyBytes: env.API_BODY_LIMIT_BYTES }),
    abuseLimits(env).middleware,
    apiRequestLimits({ bodyBytes: env.API_BODY_LIMIT_BYTES, uploadBytes: env.UPLOAD_LIMIT_BYTES, maxDepth: payload.config.maxDepth }),
    // Which edition (src/editions): checked, and the default named when none is asked for.
    apiLocale(payload),
    payloadApi(payload),
  )

  // Each edition's reading pages: /read/<slug> (English), /ar/read/<slug> (Arabic).
  for (const { code } of EDITIONS) app.use(readingPageMount(code), readerRouter(payload, code))
  // Each edition's search page: /search, /ar/search.
  for (const { code } of EDITIONS) app.use(searchPageMount(code), searchPageRouter(code))
  app.use(oldPathRedirects(payload))

  if (nextHandler) {
    app.all('/{*path}', (req, res) => nextHandler(req, res))
  } else {
    app.use((_req, res) => {
      res.status(404).json({ errors: [{ message: 'Not found. The admin UI is not served by this process.' }] })
    })
  }

  app.use(clientErrorHandler)
  app.use(databaseUnavailableErrorHandler)
  // Last resort: never leak a stack trace to a client.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log.error({ err: error }, 'unhandled request error')
    if (res.headersSent) return res.end()
    res.status(500).json({ errors: [{ message: 'Something went wrong. The error has been logged.' }] })
  })

  return app
}

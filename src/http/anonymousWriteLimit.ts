import type { RequestHandler } from 'express'

import { rateLimit } from 'express-rate-limit'

import { isAnonymous } from './isAnonymous'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Per-address limit on REST writes sent without credentials: readers' comments, sign-ins, password
 * resets, and whatever an attacker sends. Payload opens a write transaction before it checks
 * access, so even writes it will refuse take a turn at the database's write lock (SQLite) or a
 * pooled connection (PostgreSQL); without a bound, one address could make editors' saves wait.
 * GraphQL is left out (its queries are POSTs), as are signed-in users. Answers 429 with
 * Retry-After. Counted in this process.
 */
export function anonymousWriteLimit({ limit, windowSeconds }: { limit: number; windowSeconds: number }): RequestHandler {
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => READS.has(req.method) || req.path === '/graphql' || !isAnonymous(req),
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({
        errors: [
          {
            message: `Too many changes sent from this address without signing in (the limit is ${limit} per ${windowSeconds} seconds). Wait for the time in Retry-After, or sign in.`,
          },
        ],
      })
    },
  })
}

import type { RequestHandler } from 'express'

import { rateLimit } from 'express-rate-limit'

/**
 * Per-address limit on password attempts (login and password reset requests), on top of
 * Payload's per-account lockout: one address cannot spray passwords across many accounts.
 * Answers 429 with Retry-After. Counted in this process (each process allows the limit).
 */
export function loginRateLimit({ limit, windowSeconds }: { limit: number; windowSeconds: number }): RequestHandler {
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({
        errors: [{ message: `Too many sign-in attempts from this address. Try again in ${Math.ceil(windowSeconds / 60)} minutes.` }],
      })
    },
  })
}

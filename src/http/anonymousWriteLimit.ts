import type { Request, RequestHandler } from 'express'

import express from 'express'
import { rateLimit } from 'express-rate-limit'
import { Kind, parse } from 'graphql'

import { isAnonymous } from './isAnonymous'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

type Options = { limit: number; windowSeconds: number; bodyBytes: number }

/** Does this GraphQL request body run a mutation? Bodies GraphQL cannot parse are not: Payload answers them 400. */
export function isGraphqlMutation(body: Buffer, contentType: string | undefined): boolean {
  // Cheap first look: reads, the common case, never contain the word.
  if (!body.includes('mutation')) return false
  let query: unknown = body.toString('utf8')
  let operationName: unknown
  if (!(contentType ?? '').includes('application/graphql')) {
    try {
      ;({ query, operationName } = JSON.parse(query as string) as { query?: unknown; operationName?: unknown })
    } catch {
      return false
    }
  }
  if (typeof query !== 'string') return false
  try {
    const operations = parse(query).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    const chosen = typeof operationName === 'string' ? operations.filter((operation) => operation.name?.value === operationName) : operations
    return chosen.some((operation) => operation.operation === 'mutation')
  } catch {
    return false
  }
}

/**
 * Per-address limit on writes sent without credentials: REST POST/PUT/PATCH/DELETE (readers'
 * comments, sign-ins, password resets, and whatever an attacker sends) and GraphQL mutations.
 * Payload opens a write transaction before it checks access, so even writes it will refuse take
 * a turn at the database's write lock (SQLite) or a pooled connection (PostgreSQL); without a
 * bound, one address could make editors' saves wait. GraphQL queries (POSTs too) and signed-in
 * users are not counted. Answers 429 with Retry-After. Counted in this process.
 */
export function anonymousWriteLimit({ limit, windowSeconds, bodyBytes }: Options): RequestHandler[] {
  const isGraphql = (req: Request) => req.path === '/graphql'
  // An anonymous GraphQL body is read here (up to the API's body limit) to tell mutations from
  // queries, and handed on to Payload as it was.
  const readGraphqlBody = express.raw({ type: () => true, limit: bodyBytes })
  const readAnonymousGraphql: RequestHandler = (req, res, next) => {
    if (req.method !== 'POST' || !isGraphql(req) || !isAnonymous(req)) return next()
    readGraphqlBody(req, res, next)
  }
  const limiter = rateLimit({
    windowMs: windowSeconds * 1000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) =>
      READS.has(req.method) ||
      !isAnonymous(req) ||
      (isGraphql(req) && !(Buffer.isBuffer(req.body) && isGraphqlMutation(req.body, req.headers['content-type']))),
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
  return [readAnonymousGraphql, limiter]
}

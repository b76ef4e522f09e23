import type { ErrorRequestHandler } from 'express'
import type { AfterErrorHook } from 'payload'

// SQLITE_BUSY*: another process held SQLite's write lock past the busy timeout (src/db/sqliteWriteQueue.ts).
const UNAVAILABLE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_BUSY_RECOVERY', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006'])
// pg's own words for a connection PostgreSQL closed, including queries sent on one afterwards.
// Payload's "cannot begin transaction" keeps only the words of what failed: a `begin` that fails is a lost connection
// (or, on SQLite, a write lock another process held past the busy timeout: SQLITE_BUSY).
const UNAVAILABLE_MESSAGE = /SQLITE_BUSY|connect ECONNREFUSED|Connection terminated|cannot begin transaction: Failed query: begin|database system is (shutting down|starting up|in recovery|not yet accepting connections)|terminating connection due to administrator command|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable/i

/** What a 503 tells clients to wait before trying again: a PostgreSQL restart takes a few seconds. */
export const RETRY_AFTER_SECONDS = 5

/** Whether an error (or one it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown }
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

/**
 * Payload's sign-in check swallows a failed user lookup and goes on as if nobody were signed in,
 * so a signed-in request that lost the database there is refused 401, 403 or 404 for the wrong
 * reason. The lookup reaches the adapter without the request (Payload hands it a bare
 * `{ transactionID }`), so what ties the two together is time: a request that carried credentials,
 * ended up with no user and was refused within ten seconds of a sign-in lookup that lost the
 * database (it may wait up to the pool's 5 s connection timeout in between) gets the true answer,
 * 503. At worst a bad token sent during an outage is told to try again.
 */
let signInLookupLostAt = Number.NEGATIVE_INFINITY
const SIGN_IN_LOOKUP_WINDOW_MS = 10_000

/** Called by the PostgreSQL adapter when a lookup in an auth collection fails for want of the database. */
export function noteSignInLookupLost(now = Date.now()): void {
  signInLookupLostAt = now
}

type RequestLike = { user?: unknown; headers?: { get(name: string): null | string } }

const carriesCredentials = (req: RequestLike): boolean =>
  Boolean(req.headers?.get('authorization') || /(?:^|;\s*)[\w-]*-token=/.test(req.headers?.get('cookie') ?? ''))

function refusedForALostSignIn(status: unknown, req: RequestLike, now = Date.now()): boolean {
  if (status !== 401 && status !== 403 && status !== 404) return false
  return !req.user && carriesCredentials(req) && now - signInLookupLostAt < SIGN_IN_LOOKUP_WINDOW_MS
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable right now; nothing was changed. Try again shortly.'

/**
 * A request that failed because the database is down is answered 503 (try again), not 500:
 * clients and load balancers retry a 503, and nothing was written. Retry-After goes through
 * req.responseHeaders, which Payload adds to the REST and GraphQL answers; a GraphQL error
 * carries statusCode 503 in its extensions (the HTTP status is taken from there by the API layer).
 */
export const answerUnavailableWith503: AfterErrorHook = ({ error, graphqlResult, req }) => {
  const { originalError, status } = error as { originalError?: { status?: unknown }; status?: unknown }
  const unavailable =
    isDatabaseUnavailable(error) ||
    isDatabaseUnavailable(originalError) ||
    refusedForALostSignIn(graphqlResult ? (graphqlResult.extensions as { statusCode?: unknown } | undefined)?.statusCode : status, req)
  if (!unavailable) return
  const headers = new Headers(req.responseHeaders)
  headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
  req.responseHeaders = headers
  const message = DATABASE_UNAVAILABLE_MESSAGE
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message, extensions: { ...graphqlResult.extensions, statusCode: 503 } } }
  return { status: 503, response: { errors: [{ message }] } }
}

/**
 * The same answer for an error that reaches Express instead of Payload's error handling (a read
 * answered by the delivery store, a middleware that queries the database): 503 with Retry-After.
 * Mounted before the final error handler, which answers 500 for everything else.
 */
export const databaseUnavailableErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent || !isDatabaseUnavailable(error)) return next(error)
  req.log?.warn({ err: error }, 'the database is unavailable: answered 503')
  res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ errors: [{ message: DATABASE_UNAVAILABLE_MESSAGE }] })
}

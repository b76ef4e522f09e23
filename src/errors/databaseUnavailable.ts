import type { AfterErrorHook } from 'payload'

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006'])
const UNAVAILABLE_MESSAGE = /connect ECONNREFUSED|Connection terminated|database system is (shutting down|starting up|in recovery)|terminating connection due to administrator command|timeout exceeded when trying to connect/i

/** Whether an error (or one it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown }
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

/**
 * A request that failed because the database is down is answered 503 (try again), not 500:
 * clients and load balancers retry a 503, and nothing was written.
 */
export const answerUnavailableWith503: AfterErrorHook = ({ error, graphqlResult }) => {
  if (!isDatabaseUnavailable(error) && !isDatabaseUnavailable((error as { originalError?: unknown }).originalError)) return
  const message = 'The database is unavailable right now; nothing was changed. Try again shortly.'
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message, extensions: { ...graphqlResult.extensions, statusCode: 503 } } }
  return { status: 503, response: { errors: [{ message }] } }
}

import type { Request, RequestHandler, Response } from 'express'

import type { Env } from '../env'

import { apiOperation } from './apiOperation'
import { RateBudget } from './rateBudget'
import { isAnonymous, requestUser } from './requestUser'

type Limits = Pick<
  Env,
  | 'LOGIN_ATTEMPTS_PER_ADDRESS'
  | 'LOGIN_WINDOW_SECONDS'
  | 'ANONYMOUS_WRITES_PER_ADDRESS'
  | 'ANONYMOUS_WRITES_WINDOW_SECONDS'
  | 'GRAPHQL_QUERIES_PER_CLIENT'
  | 'EXPENSIVE_READS_PER_CLIENT'
  | 'READ_BUDGET_WINDOW_SECONDS'
>

const refuse = (res: Response, retryAfterSeconds: number, message: string) =>
  res.status(429).set('retry-after', String(retryAfterSeconds)).json({ errors: [{ message, data: { retryAfterSeconds } }] })

/** Signed-in staff are counted per account (a newsroom shares one office address), readers per address. */
const clientKey = (req: Request) => {
  const user = requestUser(req)
  return user ? `user:${user.collection}:${user.id}` : `address:${req.ip ?? ''}`
}

/**
 * The per-client limits of the API, keyed on what each request does (src/http/apiOperation.ts),
 * not on how its path is spelled:
 * - password attempts (REST sign-in, reset and unlock, and GraphQL `loginUser`,
 *   `forgotPasswordUser`, `resetPasswordUser`, `unlockUser`, each counted, also when aliased
 *   several times in one document), per address;
 * - writes sent without signing in (REST writes and GraphQL mutations), per address: Payload
 *   opens a write transaction before it checks access, so refused writes still take a turn at
 *   the database's write lock;
 * - GraphQL queries and REST reads with pattern filters (`like`, `contains`), per address or
 *   per signed-in account: the reads whose cost grows with the data.
 * Each answers 429 with Retry-After and a message saying what to do. Counted in this process.
 */
export function abuseLimits(limits: Limits): { middleware: RequestHandler; reset: () => void } {
  const passwords = new RateBudget(limits.LOGIN_ATTEMPTS_PER_ADDRESS, limits.LOGIN_WINDOW_SECONDS)
  const anonymousWrites = new RateBudget(limits.ANONYMOUS_WRITES_PER_ADDRESS, limits.ANONYMOUS_WRITES_WINDOW_SECONDS)
  const graphqlQueries = new RateBudget(limits.GRAPHQL_QUERIES_PER_CLIENT, limits.READ_BUDGET_WINDOW_SECONDS)
  const expensiveReads = new RateBudget(limits.EXPENSIVE_READS_PER_CLIENT, limits.READ_BUDGET_WINDOW_SECONDS)

  const middleware: RequestHandler = (req, res, next) => {
    const operation = apiOperation(req)
    if (!operation) return next()
    const address = `address:${req.ip ?? ''}`
    if (operation.passwordAttempts > 0) {
      const answer = passwords.take(address, operation.passwordAttempts)
      if (!answer.allowed) {
        return void refuse(res, answer.retryAfterSeconds, `Too many sign-in attempts (sign-ins and password resets) from this address (the limit is ${passwords.limit} per ${Math.round(passwords.windowSeconds / 60)} minutes). Try again in ${answer.retryAfterSeconds} seconds.`)
      }
    }
    if (operation.write && isAnonymous(req)) {
      const answer = anonymousWrites.take(address)
      if (!answer.allowed) {
        return void refuse(res, answer.retryAfterSeconds, `Too many changes sent from this address without signing in (the limit is ${anonymousWrites.limit} per ${anonymousWrites.windowSeconds} seconds). Wait for the time in Retry-After, or sign in.`)
      }
    }
    if (operation.expensiveRead) {
      const budget = operation.graphql ? graphqlQueries : expensiveReads
      const answer = budget.take(clientKey(req))
      if (!answer.allowed) {
        const what = operation.graphql ? 'GraphQL queries' : 'searches with like/contains filters'
        return void refuse(res, answer.retryAfterSeconds, `Too many ${what} from this client (the limit is ${budget.limit} per ${budget.windowSeconds} seconds). Wait for the time in Retry-After; cached REST reads (no pattern filters) are not counted.`)
      }
    }
    next()
  }
  return {
    middleware,
    reset: () => [passwords, anonymousWrites, graphqlQueries, expensiveReads].forEach((budget) => budget.clear()),
  }
}

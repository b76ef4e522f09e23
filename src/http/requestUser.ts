import type { Request, RequestHandler } from 'express'
import type { Payload, TypedUser } from 'payload'

import { executeAuthStrategies } from 'payload'

/** Who each API request is, as Payload's own authentication decided it (null: nobody). */
const users = new WeakMap<Request, TypedUser | null>()

/**
 * Runs Payload's own auth strategies once per request, before anything that treats signed-in
 * and anonymous requests differently (the public response cache, the delivery store, rate
 * limits). Deciding that from the headers' spelling went wrong: Payload trims cookie names, so
 * `payload-token =<jwt>` signed a user in while a pattern match called the request anonymous
 * and cached a staff answer as public. Only what Payload concluded counts here.
 */
export function resolveRequestUser(payload: Payload): RequestHandler {
  return async (req, _res, next) => {
    try {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value)
        else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
      }
      const { user } = await executeAuthStrategies({ headers, payload, isGraphQL: req.path === '/graphql', canSetHeaders: false })
      users.set(req, user ?? null)
      next()
    } catch (error) {
      next(error)
    }
  }
}

/** The signed-in user Payload found for this request, null for nobody, undefined if not resolved. */
export const requestUser = (req: Request): TypedUser | null | undefined => users.get(req)

/**
 * A reader, not a signed-in user, by Payload's own authentication. A request whose user was
 * never resolved is not treated as anonymous, so it can never be stored as a public answer.
 */
export const isAnonymous = (req: Request): boolean => users.get(req) === null

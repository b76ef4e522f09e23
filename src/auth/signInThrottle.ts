import type { CollectionAfterLoginHook, CollectionBeforeOperationHook } from 'payload'

import { pbkdf2 } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { APIError } from 'payload'

import { clientAddressOf } from '../http/clientAddress'

/**
 * Throttling of wrong passwords, instead of Payload's account lockout. A hard lock after five
 * failures let anyone lock any editor out, again and again, by sending five wrong passwords,
 * and told known accounts from unknown ones ("locked"). Here failures earn growing delays:
 * - per account and address: five free, then 1 s, 2 s, 4 s … up to 15 minutes: one address
 *   cannot guess a password faster than that;
 * - per account from all addresses: twenty free, then 1 s doubling up to 60 s, which bounds
 *   guessing spread over many addresses. It does not apply to an address that signed in to the
 *   account successfully in the last 30 days, so an attack elsewhere never keeps the owner out.
 * A refused attempt is not checked and not counted; a sign-in resets both. Accounts are keyed
 * by the email as typed (lower-cased), existing or not, so the answers tell nothing about which
 * accounts exist, and an unknown email costs the same password hashing as a known one.
 */
export const SIGN_IN_THROTTLE = {
  perAddress: { freeFailures: 5, maxDelaySeconds: 15 * 60 },
  perAccount: { freeFailures: 20, maxDelaySeconds: 60 },
  trustedAddressDays: 30,
} as const

type Failures = { count: number; lastAt: number }
type Rule = { freeFailures: number; maxDelaySeconds: number }

const failures = new LRUCache<string, Failures>({ max: 100_000, ttl: 24 * 60 * 60 * 1000 })
const trusted = new LRUCache<string, true>({ max: 100_000, ttl: SIGN_IN_THROTTLE.trustedAddressDays * 24 * 60 * 60 * 1000 })

const delaySeconds = (count: number, rule: Rule) => (count < rule.freeFailures ? 0 : Math.min(2 ** (count - rule.freeFailures), rule.maxDelaySeconds))

/** Seconds until the next attempt under `rule` is checked (0: now). */
function waitFor(key: string, rule: Rule, now: number): number {
  const entry = failures.get(key)
  if (!entry) return 0
  return Math.max(0, Math.ceil((entry.lastAt + delaySeconds(entry.count, rule) * 1000 - now) / 1000))
}

function recordFailure(key: string, now: number) {
  const entry = failures.get(key)
  failures.set(key, { count: (entry?.count ?? 0) + 1, lastAt: now })
}

const accountOf = (email: unknown) => (typeof email === 'string' ? email.trim().toLowerCase() : '')

// Payload's current password hash (pbkdf2-sha256, 600,000 rounds, 32 bytes): what checking a real account costs.
const hashLikePayload = (password: string) =>
  new Promise<void>((resolve) => pbkdf2(password, 'no-such-account', 600_000, 32, 'sha256', () => resolve()))

export const throttleSignIn: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const address = clientAddressOf(req)
  // The Local API (trusted server code) has no address and is not throttled.
  if (!address) return args
  const data = (args as { data?: { email?: unknown; password?: unknown } }).data
  const account = accountOf(data?.email)
  const now = Date.now()
  const pairKey = `${account}\n${address}`
  const accountKey = account
  const wait = Math.max(
    waitFor(pairKey, SIGN_IN_THROTTLE.perAddress, now),
    trusted.has(pairKey) ? 0 : waitFor(accountKey, SIGN_IN_THROTTLE.perAccount, now),
  )
  if (wait > 0) {
    throw new APIError(`Too many failed sign-ins for this account. Try again in ${wait} seconds.`, 429, { retryAfterSeconds: wait }, true)
  }
  // Counted as failed until the sign-in succeeds (afterLogin clears it), so parallel bursts count too.
  recordFailure(pairKey, now)
  recordFailure(accountKey, now)
  const user = await req.payload.db.findOne({ collection: 'users', where: { email: { equals: account } }, req })
  if (!user) await hashLikePayload(typeof data?.password === 'string' ? data.password : '')
  return args
}

export const clearSignInFailures: CollectionAfterLoginHook = ({ req, user }) => {
  const address = clientAddressOf(req)
  const account = accountOf((user as { email?: unknown }).email)
  if (!address || !account) return
  const pairKey = `${account}\n${address}`
  failures.delete(pairKey)
  failures.delete(account)
  trusted.set(pairKey, true)
}

/** For tests: forget every failure and trusted address. */
export const resetSignInThrottle = () => {
  failures.clear()
  trusted.clear()
}

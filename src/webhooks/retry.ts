/**
 * When to try again after failed attempt number `attempt` (1-based), or null to give up.
 * The delay follows the schedule with ±20% jitter (so a recovering receiver is not hit by every
 * retry at once) and never comes sooner than the receiver's Retry-After.
 */
export function nextRetryDelay(
  attempt: number,
  schedule: number[],
  retryAfterMs?: number,
  random: () => number = Math.random,
): null | number {
  const base = schedule[attempt - 1]
  if (base === undefined) return null
  const jittered = base * (0.8 + 0.4 * random())
  return Math.round(Math.max(jittered, retryAfterMs ?? 0))
}

/** Network errors, timeouts, 5xx and 429 are worth retrying; other answers are final. */
export const isRetryable = (status: number | undefined): boolean =>
  status === undefined || status === 429 || status === 408 || status >= 500

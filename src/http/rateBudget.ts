import { LRUCache } from 'lru-cache'

export type BudgetAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/**
 * A fixed-window budget per key (an address, an account): `limit` units per `windowSeconds`.
 * Counted in this process; keys are bounded (least recently used ones are forgotten first), so
 * a flood of addresses cannot grow memory.
 */
export class RateBudget {
  private readonly windows: LRUCache<string, { used: number; resetsAt: number }>

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    maxKeys = 100_000,
  ) {
    this.windows = new LRUCache({ max: maxKeys, ttl: windowSeconds * 1000 })
  }

  /** Spends `units` for `key`; refused (nothing spent) once the window's budget is used up. */
  take(key: string, units = 1, now = Date.now()): BudgetAnswer {
    let window = this.windows.get(key)
    if (!window || window.resetsAt <= now) {
      window = { used: 0, resetsAt: now + this.windowSeconds * 1000 }
      this.windows.set(key, window)
    }
    if (window.used + units > this.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetsAt - now) / 1000)) }
    window.used += units
    return { allowed: true }
  }

  clear(): void {
    this.windows.clear()
  }
}

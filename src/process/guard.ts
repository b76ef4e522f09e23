import type { Logger } from 'pino'

import { logger as defaultLogger } from '../logger'

type GuardTarget = Pick<NodeJS.Process, 'on' | 'off' | 'pid'>

export type ProcessGuard = {
  /** Removes the listeners (tests). */
  uninstall: () => void
  /** How many unhandled rejections and uncaught exceptions were logged so far. */
  counts: () => { unhandledRejection: number; uncaughtException: number }
}

/**
 * The last line of defence: a promise nobody awaited that rejects, or an exception thrown where
 * nothing catches it (an event emitter's 'error', a timer), would end the process by Node's
 * default, and with it every request in flight and every later one. Both are bugs to fix where
 * they happen; until then they are logged at `error` with what there is to know, and the process
 * keeps serving. Node warns that after an uncaught exception the process may be in an undefined
 * state; here each one comes from one request, one job or one connection, and a process ended by
 * any request that finds such a bug is the worse outcome. The readiness check
 * (database ping) still takes the instance out of a load balancer when it cannot serve.
 */
export function installProcessGuard({
  role,
  logger = defaultLogger,
  target = process,
}: {
  /** Which process this is ("server", "worker"): in every line logged. */
  role: string
  logger?: Pick<Logger, 'error'>
  target?: GuardTarget
}): ProcessGuard {
  const counts = { unhandledRejection: 0, uncaughtException: 0 }
  const context = (event: keyof typeof counts, reason: unknown) => ({
    event,
    role,
    pid: target.pid,
    occurrences: counts[event],
    // pino serialises Error objects under `err`; anything else that was thrown is kept as text.
    ...(reason instanceof Error ? { err: reason } : { reason: asText(reason) }),
  })

  const onRejection = (reason: unknown) => {
    counts.unhandledRejection++
    logger.error(context('unhandledRejection', reason), 'unhandled promise rejection (a bug: a promise nobody awaited or caught); the process keeps serving')
  }
  const onException = (error: unknown, origin?: string) => {
    counts.uncaughtException++
    logger.error({ ...context('uncaughtException', error), origin }, 'uncaught exception (a bug: thrown where nothing catches it); the process keeps serving')
  }
  target.on('unhandledRejection', onRejection)
  target.on('uncaughtException', onException)
  return {
    uninstall: () => {
      target.off('unhandledRejection', onRejection)
      target.off('uncaughtException', onException)
    },
    counts: () => ({ ...counts }),
  }
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

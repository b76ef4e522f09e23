import { pino } from 'pino'

type LogListener = (level: number, args: unknown[]) => void
const listeners = new Set<LogListener>()

/** Hears every entry at `error` level or above, from the logger and all its children (tests check the log stays clean). */
export function onErrorLogged(listener: LogListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** One structured JSON logger for Express, Payload and scripts. */
export const logger = pino({
  hooks: {
    logMethod(args, method, level) {
      if (level >= 50) for (const listener of listeners) listener(level, args)
      return method.apply(this, args)
    },
  },
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { service: 'newsroom-cms' },
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    censor: '[redacted]',
  },
})

import { pino } from 'pino'

/**
 * What Payload's upload code logs at error level before it refuses a file with a 400
 * (checkFileRestrictions, generateFileData): a wrong or restricted type, an unsafe SVG, an image
 * sharp cannot read.
 */
const UPLOAD_REFUSALS = /File type .* (is )?not allowed|Restricted file type|SVG file contains potentially harmful content|Unsupported image type|unsupported image format|Input file (is missing|contains unsupported)/
// An error Payload's upload code caught from sharp (any image it cannot read) before answering 400.
const FROM_UPLOAD_CHECKS = /generateFileData|probeImageSize|getImageSize|checkFileRestrictions/
const isPayloadUploadRefusal = (args: unknown[]) =>
  args.some((arg) =>
    typeof arg === 'string' ? UPLOAD_REFUSALS.test(arg) : arg instanceof Error && (UPLOAD_REFUSALS.test(arg.message) || FROM_UPLOAD_CHECKS.test(arg.stack ?? '')),
  )

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
      // Uploads Payload refuses (answered 400) are logged by Payload itself at error: they are answers, not faults.
      if (level === 50 && isPayloadUploadRefusal(args)) return this.info(...(args as [string]))
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

import { z } from 'zod'

import { EDITION_CODES } from './editions/locales'
import { parseSender } from './email/from'

/** Thrown for configuration a person must fix before the CMS can start; the message says how. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

const DEV_SECRET = 'dev-only-secret-change-me-before-production'

/** An on/off setting: true/false or 1/0. */
const flag = (defaultValue: 'false' | 'true') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue)
    .transform((value) => value === 'true' || value === '1')

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().trim().min(1).default('file:./data/newsroom.db'),
  PAYLOAD_SECRET: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SERVER_URL: z.string().url().optional(),
  // Where a frontend shows an article: redirects made on slug changes point from and to it.
  ARTICLE_PATH: z
    .string()
    .trim()
    .default('/read/{slug}')
    .refine((value) => /^\/[^?#]*\{slug\}[^?#{}]*$/.test(value) && value.split('{slug}').length === 2, 'a path with {slug} once, e.g. /articles/{slug}'),
  // Public reads of another edition fill its empty fields from this edition (docs/editions.md,
  // "Fallback"); `none`, the default, shows each edition exactly as written.
  PUBLIC_FALLBACK_LOCALE: z.enum(['none', ...EDITION_CODES] as [string, ...string[]]).default('none'),
  // Password-reset mail: smtp://user:pass@host:587, smtps://user:pass@host:465, or off. Unset, mail goes to the log (not in production).
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || value === 'off' || isSmtpUrl(value), 'use smtp://user:pass@host:587, smtps://user:pass@host:465 or off'),
  // The sender of that mail: `Newsroom <newsroom@example.com>` or an address.
  EMAIL_FROM: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || parseSender(value) !== undefined, 'use "Newsroom <newsroom@example.com>" or newsroom@example.com'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVE_ADMIN: flag('true'),
  RUN_JOBS: flag('true'),
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)),
  // Hosts the importer may download images from even though they are internal; its own list, since
  // import files come from outside while webhook targets are set by admins.
  IMPORT_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'a comma-separated list of seconds, e.g. 5,300,1800')
    // Standard Webhooks' schedule: about three days in all.
    .default('5,300,1800,7200,18000,36000,36000,50400,72000,86400')
    .transform((value) => value.split(',').map((seconds) => Number(seconds) * 1000)),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  WEBHOOK_SECRET_OVERLAP_HOURS: z.coerce.number().nonnegative().default(24),
  STALE_JOB_SECONDS: z.coerce.number().positive().default(120),
  SEED_DEMO: flag('true'),
  // Express's "trust proxy": which X-Forwarded-For hops name the reader's address (rate limits).
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value) => (value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value)),
  COMMENTS_PER_ADDRESS: z.coerce.number().int().positive().default(5),
  COMMENTS_ADDRESS_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
  COMMENTS_PER_ARTICLE: z.coerce.number().int().positive().default(30),
  COMMENTS_ARTICLE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  COMMENT_MAX_LINKS: z.coerce.number().int().nonnegative().default(2),
  COMMENT_MIN_SECONDS: z.coerce.number().nonnegative().default(3),
  // How long CDNs may keep a public API response, and serve it stale while they refresh it.
  CACHE_S_MAXAGE: z.coerce.number().int().nonnegative().default(60),
  CACHE_STALE_WHILE_REVALIDATE: z.coerce.number().int().nonnegative().default(300),
  // Largest API request body; uploads (multipart) have their own limit.
  API_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  // Browser origins (frontends, previews) allowed to call the API with cookies (CORS and CSRF).
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim().replace(/\/$/, '')).filter(Boolean)),
  LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  // Writes one address may send without signing in per window: REST writes (comments, sign-ins, abuse) and GraphQL mutations.
  ANONYMOUS_WRITES_PER_ADDRESS: z.coerce.number().int().positive().default(120),
  ANONYMOUS_WRITES_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  // Reads whose cost grows with the data, per address (readers) or per account (staff) and window:
  // GraphQL queries, and REST reads with like/contains filters.
  GRAPHQL_QUERIES_PER_CLIENT: z.coerce.number().int().positive().default(600),
  EXPENSIVE_READS_PER_CLIENT: z.coerce.number().int().positive().default(120),
  READ_BUDGET_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
})

export type Env = z.infer<typeof schema> & { PAYLOAD_SECRET: string }

/** Reads and checks the environment once; every module reads settings through this. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ')
    throw new ConfigError(`Invalid environment: ${problems}. See the "Environment" section of README.md.`)
  }
  const env = parsed.data
  if (!env.PAYLOAD_SECRET) {
    // `next build` loads the config to compile the admin but signs nothing: no secret needed there.
    const building = source.NEXT_PHASE === 'phase-production-build'
    if (env.NODE_ENV === 'production' && !building) {
      throw new ConfigError(
        'PAYLOAD_SECRET is not set. In production it must be a long random string, e.g. `PAYLOAD_SECRET=$(openssl rand -hex 32)`.',
      )
    }
    return { ...env, PAYLOAD_SECRET: DEV_SECRET }
  }
  // Mail must go somewhere in production, or be switched off on purpose (`next build` sends none).
  const serving = env.NODE_ENV === 'production' && source.NEXT_PHASE !== 'phase-production-build'
  if (serving && !env.SMTP_URL) {
    throw new ConfigError(
      'SMTP_URL is not set. In production password-reset mail goes out over SMTP: set SMTP_URL=smtps://user:pass@smtp.example.com:465 ' +
        '(or smtp://…:587) and EMAIL_FROM="Newsroom <newsroom@example.com>", or set SMTP_URL=off to run without reset mail (forgot-password then answers 503).',
    )
  }
  if (serving && env.SMTP_URL !== 'off' && !env.SERVER_URL) {
    throw new ConfigError('SERVER_URL is not set. Password-reset mail links to SERVER_URL/admin/reset/…: set it to the address people open the admin at, e.g. SERVER_URL=https://cms.example.com.')
  }
  return env as Env
}

const isSmtpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== ''
  } catch {
    return false
  }
}

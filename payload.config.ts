import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig, type PayloadRequest } from 'payload'
import sharp from 'sharp'
import { ar } from '@payloadcms/translations/languages/ar'
import { en } from '@payloadcms/translations/languages/en'

import { ArticleHistory } from './collections/ArticleHistory'
import { Articles } from './collections/Articles'
import { Authors } from './collections/Authors'
import { CachePurges } from './collections/CachePurges'
import { PublishedArticles } from './collections/PublishedArticles'
import { Comments } from './collections/Comments'
import { Media } from './collections/Media'
import { Pages } from './collections/Pages'
import { redirects } from './collections/Redirects'
import { Tags } from './collections/Tags'
import { Users } from './collections/Users'
import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { Webhooks } from './collections/Webhooks'
import { DeliveryStats } from './globals/DeliveryStats'
import { SiteSettings } from './globals/SiteSettings'
import { databaseAdapter } from './src/db/adapter'
import { readEnv } from './src/env'
import { emailAdapter } from './src/email/adapter'
import { withStrictInput, withStrictInputOnInternalCollections } from './src/hooks/strictInput'
import { graphqlHardening } from './src/graphql/limits'
import { hasRole } from './src/access/roles'
import { answerUnavailableWith503 } from './src/errors/databaseUnavailable'
import { answerMalformedInputWith400 } from './src/errors/malformedInput'
import { clientErrorLoggingLevels, logServerErrors } from './src/errors/logging'
import { logger } from './src/logger'
import { deliverWebhookTask } from './src/webhooks/deliverTask'
import { registerWebhookSubscribers } from './src/webhooks/subscribers'
import { registerCacheSubscribers } from './src/cache/subscribers'
import { refreshShownTask } from './src/delivery/refreshTask'
import { withSafeEditLocks } from './src/locks/lockedDocuments'
import { withoutUnusedAuthEndpoints } from './src/auth/unusedEndpoints'
import { localization } from './src/editions/locales'
import { searchEndpoint } from './src/search/endpoint'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = readEnv()

const onlyAdmins = ({ req }: { req: PayloadRequest }) => hasRole(req.user, 'admin')

// Payload's own collections and endpoints exist only once the config is sanitised: adjusted afterwards
// (edit locks, unused auth endpoints, query checks on the internal collections).
export default withStrictInputOnInternalCollections(withoutUnusedAuthEndpoints(withSafeEditLocks(buildConfig({
  secret: env.PAYLOAD_SECRET,
  serverURL: env.SERVER_URL,
  db: databaseAdapter(env.DATABASE_URL),
  editor: lexicalEditor(),
  collections: [Articles, Pages, Authors, Tags, Media, Comments, ArticleHistory, Users, Webhooks, WebhookDeliveries, CachePurges, PublishedArticles].map(withStrictInput),
  globals: [SiteSettings, DeliveryStats],
  plugins: [redirects],
  // GET /api/search: readers' full-text search (src/search, docs/search.md).
  endpoints: [searchEndpoint],
  // The English and Arabic editions (src/editions/locales.ts); each is published on its own.
  localization,
  experimental: { localizeStatus: true },
  // Editors may switch the admin itself to Arabic (right to left) under Account.
  i18n: { supportedLanguages: { en, ar }, fallbackLanguage: 'en' },
  // What public reads of an edition fall back to (src/editions/fallback.ts); off unless set.
  custom: { publicFallbackLocale: env.PUBLIC_FALLBACK_LOCALE === 'none' ? undefined : env.PUBLIC_FALLBACK_LOCALE },
  admin: {
    user: Users.slug,
    // No Gravatar: the admin makes no requests to third parties about its users.
    avatar: 'default',
    meta: { titleSuffix: ' · Newsroom CMS' },
    components: { beforeDashboard: ['/src/dashboard/EditorialDashboard#EditorialDashboard'] },
    importMap: {
      baseDir: dirname,
      importMapFile: path.resolve(dirname, 'src/app/(payload)/admin/importMap.js'),
    },
  },
  graphQL: graphqlHardening,
  // Other origins may call the API only when listed; cookies sent from an unlisted origin are
  // ignored (CSRF). SERVER_URL, when set, is always allowed.
  cors: env.ALLOWED_ORIGINS,
  csrf: env.ALLOWED_ORIGINS,
  loggingLevels: clientErrorLoggingLevels,
  hooks: { afterError: [answerUnavailableWith503, answerMalformedInputWith400, logServerErrors] },
  jobs: {
    // Durable background work lives in the database: scheduled publishing runs on this cron
    // (every minute); webhook deliveries and delivery-store refreshes on their own continuous
    // runners (src/jobs/queueRunner).
    // RUN_JOBS=false leaves both to `npm run worker`.
    tasks: [deliverWebhookTask, refreshShownTask],
    // Payload lets any signed-in user run, queue or cancel jobs over HTTP; here only admins may.
    access: { run: onlyAdmins, queue: onlyAdmins, cancel: onlyAdmins },
    autoRun: [{ cron: '* * * * *', queue: 'default', limit: 50 }],
    shouldAutoRun: () => env.RUN_JOBS,
  },
  onInit: () => {
    registerWebhookSubscribers()
    registerCacheSubscribers()
  },
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  sharp,
  logger,
  // Password-reset mail: SMTP_URL (an SMTP server, or off); unset outside production, the log.
  email: emailAdapter(env),
  telemetry: false,
}))))

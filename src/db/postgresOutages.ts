import { isDatabaseUnavailable, noteSignInLookupLost } from '../errors/databaseUnavailable'
import { resilientPg } from './postgresPool'
import { reportFailedCommits } from './postgresTransactions'

type PostgresAdapter = Parameters<typeof reportFailedCommits>[0] & {
  pg?: Parameters<typeof resilientPg>[0]
  findOne?: (...args: unknown[]) => Promise<unknown>
  payload: { collections?: Record<string, { config?: { auth?: unknown } }> }
}

/**
 * What the PostgreSQL adapter needs to live through PostgreSQL closing its connections (a restart,
 * a stop, pg_terminate_backend, a network cut), applied to the adapter as Payload creates it:
 * - its pool looks after every connection, in use or idle (src/db/postgresPool.ts);
 * - a COMMIT that fails is reported, not swallowed (src/db/postgresTransactions.ts);
 * - a sign-in lookup that lost the database is noted, so the request it belonged to answers 503.
 */
export function hardenPostgresAdapter(adapter: object): void {
  const db = adapter as PostgresAdapter
  if (db.pg) db.pg = resilientPg(db.pg)
  reportFailedCommits(db)
  noteLostSignInLookups(db)
}

/**
 * Payload's sign-in check swallows a failed user lookup and goes on as if nobody were signed in;
 * noting it lets the afterError hook answer that request 503 rather than 401, 403 or 404.
 */
function noteLostSignInLookups(db: PostgresAdapter): void {
  const findOne = db.findOne
  if (typeof findOne !== 'function') return
  db.findOne = async function (this: unknown, ...args: unknown[]) {
    try {
      return await findOne.apply(this, args)
    } catch (error) {
      const slug = (args[0] as { collection?: string } | undefined)?.collection
      if (slug && db.payload.collections?.[slug]?.config?.auth && isDatabaseUnavailable(error)) noteSignInLookupLost()
      throw error
    }
  }
}

import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

/** Rows ANALYZE samples per index on SQLite: enough for the planner, and bounded (about 60 ms at 100k articles). */
const SQLITE_ANALYSIS_LIMIT = 1000

/**
 * Gives SQLite's query planner statistics about the tables (sqlite_stat1), which it never gathers
 * by itself. Without them it guesses, and for Payload's own reads it guesses badly: it walks
 * `articles_rels` by its `order` index once per article instead of by `parent_id`, so rendering
 * a batch of articles scans the whole relationship table, and rebuilding the delivery store of a
 * seeded or imported 10k-article database took 880 s instead of 30 s. PostgreSQL's autovacuum
 * keeps its own statistics, so this does nothing there.
 */
export async function refreshPlannerStatistics(payload: Payload): Promise<void> {
  if (payload.db.name !== 'sqlite') return
  const db = (payload.db as unknown as { drizzle: { run: (query: unknown) => Promise<unknown> } }).drizzle
  await db.run(sql.raw(`PRAGMA analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`))
  await db.run(sql`ANALYZE`)
}

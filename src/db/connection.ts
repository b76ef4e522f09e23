import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { stopPreparations } from '../process/preparation'

/** The adapter internals these helpers reach for; Payload's adapters expose them but do not type them in common. */
type AdapterInternals = {
  connection?: { db?: { admin(): { ping(): Promise<unknown> } } }
  drizzle?: { execute?: (query: unknown) => Promise<unknown>; run?: (query: unknown) => Promise<unknown> }
  pool?: { end(): Promise<void>; ended?: boolean; _clients?: Array<{ release?: (destroy: boolean) => void }> }
  client?: { close(): void; closed?: boolean }
}

/** Resolves when the database answers a trivial query within `timeoutMs`; rejects otherwise. */
export async function pingDatabase(payload: Payload, timeoutMs = 2000): Promise<void> {
  const db = payload.db as unknown as AdapterInternals
  const query = (async () => {
    if (db.connection?.db) return db.connection.db.admin().ping()
    if (db.drizzle?.run) return db.drizzle.run(sql`select 1`) // SQLite (libsql)
    if (db.drizzle?.execute) return db.drizzle.execute(sql`select 1`) // PostgreSQL
    throw new Error(`the ${payload.db.name} connection is closed`)
  })()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([query, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Closes the database for good. Payload's `destroy()` resets the SQL adapters but leaves their
 * connection pool (PostgreSQL) or client (SQLite) open, which would keep connections on the
 * server and the process alive; this closes those too. A rebuild of the delivery store or the
 * search index under way is stopped at its next batch first.
 */
export async function closeDatabase(payload: Payload): Promise<void> {
  const db = payload.db as unknown as AdapterInternals
  await stopPreparations(payload)
  await payload.destroy()
  if (db.pool && !db.pool.ended) {
    // The PostgreSQL adapter keeps one pooled client checked out for good (to watch for
    // connection resets), and pool.end() waits for it forever: release (and destroy) it first.
    for (const client of [...(db.pool._clients ?? [])]) {
      try {
        client.release?.(true)
      } catch {
        // an idle client: pool.end() closes it
      }
    }
    await db.pool.end()
  }
  if (db.client && !db.client.closed) db.client.close()
}

import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

/** Resolves when the database answers a trivial query within `timeoutMs`; rejects otherwise. */
export async function pingDatabase(payload: Payload, timeoutMs = 2000): Promise<void> {
  const db = payload.db as unknown as {
    connection?: { db?: { admin(): { ping(): Promise<unknown> } } }
    drizzle?: { execute?: (query: unknown) => Promise<unknown>; run?: (query: unknown) => Promise<unknown> }
  }
  const query = (async () => {
    if (db.connection?.db) return db.connection.db.admin().ping()
    if (db.drizzle?.run) return db.drizzle.run(sql`select 1`) // SQLite (libsql)
    if (db.drizzle?.execute) return db.drizzle.execute(sql`select 1`) // PostgreSQL
    throw new Error(`No ping for database adapter "${payload.db.name}"`)
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

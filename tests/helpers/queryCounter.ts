import type { Payload } from 'payload'

/**
 * Counts the database queries Payload sends while `run` runs: through the Drizzle session's
 * query logger (SQLite and PostgreSQL) or Mongoose's debug hook (MongoDB).
 */
export async function countQueries(payload: Payload, run: () => Promise<unknown>): Promise<number> {
  let count = 0
  const db = payload.db as unknown as {
    drizzle?: { session?: { logger: { logQuery: (query: string, params: unknown[]) => void } } }
    mongoose?: { set: (option: string, value: unknown) => void }
  }
  const session = db.drizzle?.session
  if (session) {
    const original = session.logger
    session.logger = { logQuery: () => void count++ }
    try {
      await run()
    } finally {
      session.logger = original
    }
    return count
  }
  if (db.mongoose) {
    db.mongoose.set('debug', () => void count++)
    try {
      await run()
    } finally {
      db.mongoose.set('debug', false)
    }
    return count
  }
  throw new Error(`cannot count queries on the ${payload.db.name} adapter`)
}

import type { Payload } from 'payload'

import { setTimeout as sleep } from 'node:timers/promises'

type Client = { execute(sql: string): Promise<{ rows: Array<Record<string, unknown>> }> }

/**
 * Copies SQLite's WAL back into the database file and truncates it (a TRUNCATE checkpoint), after
 * a bulk write such as an import. SQLite's automatic checkpoints copy pages but can only start
 * the WAL over at a moment no reader is using it, which a busy server beside a long import rarely
 * offers, so the file kept growing (hundreds of MB). The checkpoint waits for readers to move to
 * the latest data; if they do not within `waitMs` it gives up quietly (never failing the import) and a later one catches up.
 * Other databases: nothing to do. Resolves true when the WAL was emptied.
 */
export async function checkpointWal(payload: Payload, waitMs = 2000): Promise<boolean> {
  if (payload.db.name !== 'sqlite') return true
  const client = (payload.db as unknown as { client?: Client }).client
  if (!client) return true
  const deadline = Date.now() + waitMs
  for (;;) {
    const rows = await client.execute('PRAGMA wal_checkpoint(TRUNCATE)').then(
      (result) => result.rows,
      () => undefined, // the database is busy or gone: a later checkpoint catches up
    )
    if (rows && Number(rows[0]?.busy ?? 0) === 0) return true
    if (Date.now() >= deadline) return false
    await sleep(20)
  }
}

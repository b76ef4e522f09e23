import type { Pool, PoolClient } from 'pg'
import type { EventEmitter } from 'node:events'

import { logger } from '../logger'

/** The `pg` module as the PostgreSQL adapter uses it (it only builds pools and clients from it). */
type PgDependency = { Pool: new (...args: any[]) => Pool }

/**
 * How long a checked-out client whose connection died may stay checked out. Its holder normally
 * gives it back at once (every query on a dead connection fails straight away); a client nobody
 * gives back (the adapter's connection watcher, a transaction whose `begin` failed) would hold
 * its pool slot for good, and a few restarts would leave no slot for any request.
 */
export const RELEASE_DEAD_CLIENT_AFTER_MS = 1000

const watched = new WeakSet<EventEmitter>()

/**
 * Makes a pg Pool survive its connections being closed by PostgreSQL (a restart, a stop,
 * pg_terminate_backend, a network cut):
 * - an idle client's error is emitted by the pool, which drops the client: listened to, so it is
 *   not an unhandled 'error';
 * - a checked-out client emits 'error' on itself, not on the pool, and with no listener that ends
 *   the process: every client gets a listener that logs it, and once its holder had the time to
 *   give it back, releases it with the error so the pool closes it and frees its slot.
 * Clients the pool already has when this is called get the same listener.
 */
export function watchPool(pool: Pool): void {
  if (watched.has(pool)) return
  watched.add(pool)
  const checkedOut = new WeakSet<PoolClient>()
  pool.on('acquire', (client) => checkedOut.add(client))
  pool.on('release', (_err, client) => checkedOut.delete(client))
  pool.on('remove', (client) => checkedOut.delete(client as PoolClient))
  // The pool has already dropped the idle client; the client's own listener logged why.
  pool.on('error', () => {})
  pool.on('connect', (client) => watchClient(client, checkedOut))

  const internals = pool as unknown as { _clients?: PoolClient[]; _idle?: Array<{ client: PoolClient }> }
  const idle = new Set((internals._idle ?? []).map((item) => item.client))
  for (const client of internals._clients ?? []) {
    if (!idle.has(client)) checkedOut.add(client)
    watchClient(client, checkedOut)
  }
}

function watchClient(client: PoolClient, checkedOut: WeakSet<PoolClient>): void {
  if (watched.has(client)) return
  watched.add(client)
  let failed = false
  client.on('error', (err: Error) => {
    // A dead connection reports more than once (PostgreSQL's own notice, then the closed socket).
    if (failed) return
    failed = true
    const inUse = checkedOut.has(client)
    logger.warn(
      { err, inUse },
      inUse
        ? 'PostgreSQL closed a connection in use; its request fails (503) and the pool opens a new connection for the next one'
        : 'PostgreSQL closed an idle connection; the pool opens a new one when needed',
    )
    if (!inUse) return
    setTimeout(() => {
      if (checkedOut.has(client)) releaseForGood(client, err)
    }, RELEASE_DEAD_CLIENT_AFTER_MS).unref()
  })
}

/** Gives a dead client back to the pool, which closes it; its holder's own release later is a no-op. */
function releaseForGood(client: PoolClient, err: Error): void {
  const release = client.release.bind(client)
  client.release = () => {}
  try {
    release(err)
  } catch (error) {
    logger.warn({ err: error }, 'could not release a closed PostgreSQL connection')
  }
}

/** The adapter's `pg` module with a Pool that calls `watchPool` on itself as it is made. */
export function resilientPg<P extends PgDependency>(pg: P): P {
  const Base = pg.Pool
  class ResilientPool extends Base {
    constructor(...args: any[]) {
      super(...args)
      watchPool(this as unknown as Pool)
    }
  }
  return { ...pg, Pool: ResilientPool }
}

import { E_TIMEOUT, Mutex, withTimeout } from 'async-mutex'

type Statement = string | { sql: string }
type Transaction = { commit(): Promise<void>; rollback(): Promise<void>; close(): void; readonly closed: boolean }
/** The parts of a libsql client this module wraps. */
export type SqliteClient = {
  transaction(mode?: 'deferred' | 'read' | 'write'): Promise<Transaction>
  execute(statement: Statement, args?: unknown): Promise<unknown>
  batch(statements: Statement[], mode?: unknown): Promise<unknown>
}

const isRead = (statement: Statement) => /^\s*(select|explain)\b/i.test(typeof statement === 'string' ? statement : statement.sql)

/**
 * Queues this process's SQLite writes one at a time, asynchronously.
 *
 * libsql runs statements synchronously and opens a fresh connection after every transaction.
 * Two writers in one process therefore cannot wait for each other with SQLite's busy timeout
 * (waiting blocks the very event loop the lock holder needs to commit), so the second one fails
 * at once with SQLITE_BUSY. Here a write transaction (and a write outside one) first waits its
 * turn in an async queue, up to `busyTimeoutMs`; every new connection also gets the busy
 * timeout, which still covers writers in other processes (a worker beside the server).
 * After the wait runs out the write goes ahead anyway and SQLite has the last word.
 */
export function queueSqliteWrites<C extends SqliteClient>(client: C, busyTimeoutMs: number): C {
  const queue = withTimeout(new Mutex(), busyTimeoutMs)
  const takeTurn = async (): Promise<() => void> => {
    try {
      return await queue.acquire()
    } catch (error) {
      if (error === E_TIMEOUT) return () => {}
      throw error
    }
  }
  const execute = client.execute.bind(client)
  const batch = client.batch.bind(client)
  const transaction = client.transaction.bind(client)
  const applyBusyTimeout = () => execute(`PRAGMA busy_timeout = ${busyTimeoutMs}`)

  client.transaction = async (mode) => {
    if (mode === 'read') return transaction(mode)
    const release = await takeTurn()
    try {
      const tx = await transaction(mode)
      // libsql hands this connection to the transaction and lazily opens a new one for the next
      // statement: give that one the busy timeout too.
      await applyBusyTimeout()
      return releasedWhenClosed(tx, release)
    } catch (error) {
      release()
      throw error
    }
  }
  client.execute = async (statement, args) => {
    if (isRead(statement)) return execute(statement, args)
    const release = await takeTurn()
    try {
      return await execute(statement, args)
    } finally {
      release()
    }
  }
  client.batch = async (statements, mode) => {
    const release = await takeTurn()
    try {
      return await batch(statements, mode)
    } finally {
      release()
    }
  }
  return client
}

/** Lets the next writer in once the transaction has committed, rolled back or been closed. */
function releasedWhenClosed<T extends Transaction>(tx: T, release: () => void): T {
  let released = false
  const releaseIfClosed = () => {
    if (!released && tx.closed) {
      released = true
      release()
    }
  }
  const commit = tx.commit.bind(tx)
  const rollback = tx.rollback.bind(tx)
  const close = tx.close.bind(tx)
  tx.commit = () => commit().finally(releaseIfClosed)
  tx.rollback = () => rollback().finally(releaseIfClosed)
  tx.close = () => {
    try {
      close()
    } finally {
      releaseIfClosed()
    }
  }
  return tx
}

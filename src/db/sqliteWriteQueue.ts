import { E_TIMEOUT, Mutex, withTimeout } from 'async-mutex'
import { setTimeout as sleep } from 'node:timers/promises'

type Statement = string | { sql: string }
type Transaction = { commit(): Promise<void>; rollback(): Promise<void>; close(): void; readonly closed: boolean }
/** The parts of a libsql client this module wraps. */
export type SqliteClient = {
  transaction(mode?: 'deferred' | 'read' | 'write'): Promise<Transaction>
  execute(statement: Statement, args?: unknown): Promise<unknown>
  batch(statements: Statement[], mode?: unknown): Promise<unknown>
}

/** Where reads outside a transaction run instead of the main connection (src/db/sqliteReadThreads.ts). */
export type Readers = { readonly size: number; execute(statement: Statement, args?: unknown): Promise<unknown> }

/** Settings every connection gets (libsql opens a new one after each transaction). */
export type ConnectionSettings = { busyTimeoutMs: number; journalSizeLimitBytes: number; synchronous: string }

const isRead = (statement: Statement) => /^\s*(select|explain)\b/i.test(typeof statement === 'string' ? statement : statement.sql)
const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(String((error as { code?: unknown })?.code ?? ''))

/**
 * How long SQLite's own busy handler may wait, per attempt. libsql is synchronous: that wait
 * blocks the whole event loop, so it is kept short and the rest of the wait is asynchronous.
 */
const BLOCKING_WAIT_MS = 10

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY or `waitMs` has passed, sleeping a few
 * milliseconds (without blocking the event loop) between tries. Only for work that has no effect
 * when it fails busy: BEGIN IMMEDIATE, one autocommit statement, a batch (rolled back whole).
 */
async function whileBusy<T>(waitMs: number, attempt: () => Promise<T>, onBusy: () => Promise<void> = async () => {}): Promise<T> {
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error
      await onBusy()
      await sleep(1 + Math.random() * 4)
    }
  }
}

/**
 * Makes SQLite writers wait for each other instead of failing, in this process and across
 * processes (the server, `npm run worker`, `npm run import` on one file).
 *
 * - Write transactions begin IMMEDIATE (the write lock first): a deferred transaction that read
 *   and then wrote would fail with SQLITE_BUSY_SNAPSHOT whenever another process had committed
 *   meanwhile; an immediate one waits for the lock and then reads the latest data.
 * - This process's writers take turns in an async queue (up to `busyTimeoutMs`): libsql runs
 *   statements synchronously, so a second writer waiting inside SQLite's busy handler would block
 *   the very event loop the lock holder needs to commit.
 * - Waiting for another process's write lock is asynchronous too: SQLite's busy handler waits at
 *   most BLOCKING_WAIT_MS per attempt, and the attempt is repeated every few milliseconds until
 *   `busyTimeoutMs`. Short, frequent attempts also find the gaps between a bulk import's
 *   transactions, where SQLite's own backoff (sleeps of up to 100 ms) kept missing them, so the
 *   server's writers were starved until their timeout.
 * - A transaction is always ended: a failed commit or rollback still rolls the connection back,
 *   so no connection is left inside a transaction holding the lock or an old snapshot (which
 *   would also keep checkpoints from resetting the WAL).
 * - Every connection libsql opens gets the same settings (busy timeout, journal size limit,
 *   synchronous); Payload applies them to the first connection only.
 */
export function queueSqliteWrites<C extends SqliteClient>(client: C, settings: ConnectionSettings, readers?: Readers): C {
  const { busyTimeoutMs } = settings
  const queue = withTimeout(new Mutex(), busyTimeoutMs)
  const takeTurn = async (): Promise<() => void> => {
    try {
      return await queue.acquire()
    } catch (error) {
      // After the wait runs out the write goes ahead anyway and SQLite has the last word.
      if (error === E_TIMEOUT) return () => {}
      throw error
    }
  }
  const execute = client.execute.bind(client)
  const batch = client.batch.bind(client)
  const transaction = client.transaction.bind(client)
  const prepareConnection = async () => {
    await execute(`PRAGMA busy_timeout = ${Math.min(BLOCKING_WAIT_MS, busyTimeoutMs)}`)
    await execute(`PRAGMA journal_size_limit = ${settings.journalSizeLimitBytes}`)
    await execute(`PRAGMA synchronous = ${settings.synchronous}`)
  }
  const ready = prepareConnection()
  /**
   * A statement that failed busy on the shared connection may be left unreset, and with it a read
   * snapshot: every later read on that connection sees old data and every write fails with
   * SQLITE_BUSY_SNAPSHOT (until the process restarts), and checkpoints cannot reset the WAL.
   * After a busy failure the connection is handed to a throwaway transaction (libsql opens a new
   * one for the next statement) and rolled back, which ends whatever it held.
   */
  const freshConnection = async () => {
    await transaction('deferred').then((stale) => stale.close(), () => undefined)
    await prepareConnection().catch(() => undefined)
  }

  client.transaction = async (mode) => {
    await ready
    if (mode === 'read') return transaction(mode)
    const release = await takeTurn()
    let tx: Transaction | undefined
    try {
      // 'deferred' is never wanted for a write: see above.
      tx = await whileBusy(busyTimeoutMs, () => transaction('write'), freshConnection)
      // libsql hands this connection to the transaction and lazily opens a new one for the next
      // statement: give that one the same settings.
      await prepareConnection()
      return endedForSure(tx, release, busyTimeoutMs)
    } catch (error) {
      if (tx && !tx.closed) tx.close()
      release()
      throw error
    }
  }
  client.execute = async (statement, args) => {
    await ready
    if (isRead(statement)) {
      // A reader thread renews its own connection after a busy failure.
      if (readers && readers.size > 0) return whileBusy(busyTimeoutMs, () => readers.execute(statement, args))
      return whileBusy(busyTimeoutMs, () => execute(statement, args), freshConnection)
    }
    const release = await takeTurn()
    try {
      return await whileBusy(busyTimeoutMs, () => execute(statement, args), freshConnection)
    } finally {
      release()
    }
  }
  client.batch = async (statements, mode) => {
    await ready
    const release = await takeTurn()
    try {
      return await whileBusy(busyTimeoutMs, () => batch(statements, mode === 'deferred' || mode === undefined ? 'write' : mode), freshConnection)
    } finally {
      release()
    }
  }
  return client
}

/**
 * Lets the next writer in once the transaction has ended, and makes sure it does end: a COMMIT
 * that finds the database busy is retried (the transaction stays open meanwhile, as SQLite
 * allows); if COMMIT or ROLLBACK still fails, the connection is rolled back anyway.
 */
function endedForSure<T extends Transaction>(tx: T, release: () => void, busyTimeoutMs: number): T {
  let released = false
  const end = () => {
    try {
      if (!tx.closed) close()
    } catch {
      // the connection is gone; nothing is held any more
    }
    if (!released) {
      released = true
      release()
    }
  }
  const commit = tx.commit.bind(tx)
  const rollback = tx.rollback.bind(tx)
  const close = tx.close.bind(tx)
  tx.commit = () => whileBusy(busyTimeoutMs, commit).finally(end)
  tx.rollback = () => rollback().finally(end)
  tx.close = end
  return tx
}

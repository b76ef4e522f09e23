import { randomUUID } from 'node:crypto'

/** The parts of the PostgreSQL adapter that Payload's transactions use. */
type Session = { db: unknown; reject: () => Promise<void>; resolve: () => Promise<void> }
type TransactionAdapter = {
  drizzle: { transaction: (run: (tx: unknown) => Promise<void>, options?: unknown) => Promise<void> }
  initializing?: Promise<void>
  payload: { logger: { error: (details: object) => void } }
  sessions: Record<string, Session>
  transactionOptions?: unknown
  beginTransaction?: (options?: unknown) => Promise<null | number | string>
  commitTransaction?: (id: number | Promise<number | string> | string) => Promise<void>
}

/**
 * Payload's drizzle transactions swallow a failed COMMIT: the transaction's promise is caught
 * (`.catch(transactionFailed)`, meant for a failed BEGIN) and commitTransaction catches again,
 * so a write whose COMMIT never happened, because PostgreSQL closed the connection just then
 * (a restart, a terminated backend), is answered 201 and is not there. These two replace
 * Payload's own, identical but for that: a COMMIT that fails makes commitTransaction throw, so
 * the operation fails (503, see src/errors/databaseUnavailable.ts) instead of claiming success.
 */
export function reportFailedCommits(adapter: TransactionAdapter): void {
  if (typeof adapter.beginTransaction !== 'function' || typeof adapter.commitTransaction !== 'function') return

  adapter.beginTransaction = async function beginTransaction(this: TransactionAdapter, options?: unknown) {
    const id = randomUUID()
    try {
      // Payload may be connecting again; `drizzle` exists once that is done.
      await this.initializing
      let transaction: unknown
      let resolve!: () => Promise<void>
      let reject!: () => Promise<void>
      let ready!: () => void
      let failedToStart!: (error: unknown) => void
      let outcome: { error?: unknown } = {}
      const started = new Promise<void>((res, rej) => {
        ready = res
        failedToStart = rej
      })
      // Payload's operations are spread over many calls, so the transaction is held open on a
      // promise that commitTransaction (resolve) or rollbackTransaction (reject) settles.
      const done: Promise<void> = this.drizzle
        .transaction(async (tx) => {
          transaction = tx
          await new Promise<void>((res, rej) => {
            resolve = () => {
              res()
              return done.then(() => {
                if (outcome.error) throw outcome.error
              })
            }
            reject = () => {
              rej(new Error('transaction rolled back'))
              return done
            }
            ready()
          })
        }, options ?? this.transactionOptions)
        .catch((error: unknown) => {
          outcome = { error }
          failedToStart(error) // a no-op once started
        })
      await started
      this.sessions[id] = { db: transaction, reject, resolve }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.payload.logger.error({ err: error, msg: `Error: cannot begin transaction: ${message}` })
      throw new Error(`Error: cannot begin transaction: ${message}`, { cause: error })
    }
    return id
  }

  adapter.commitTransaction = async function commitTransaction(this: TransactionAdapter, incomingID = '') {
    const id = incomingID instanceof Promise ? await incomingID : incomingID
    // A session already gone was ended by another operation sharing it.
    const session = this.sessions[id]
    if (!session) return
    delete this.sessions[id]
    // Throws when COMMIT failed; PostgreSQL has then rolled the transaction back by itself.
    await session.resolve()
  }
}

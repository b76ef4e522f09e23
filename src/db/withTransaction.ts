import type { Payload } from 'payload'

/**
 * Runs `work` in a transaction of its own: committed when it returns, rolled back when it throws.
 * `work` gets the transaction's id, to put on the request it passes to Payload and to the store
 * (MongoDB without a replica set has no transactions: the id is then undefined and each write
 * stands alone).
 */
export async function withTransaction<T>(payload: Payload, work: (transactionID: number | string | undefined) => Promise<T>): Promise<T> {
  const transactionID = (await payload.db.beginTransaction()) ?? undefined
  try {
    const result = await work(transactionID)
    if (transactionID !== undefined) await payload.db.commitTransaction(transactionID)
    return result
  } catch (error) {
    if (transactionID !== undefined) await payload.db.rollbackTransaction(transactionID)
    throw error
  }
}

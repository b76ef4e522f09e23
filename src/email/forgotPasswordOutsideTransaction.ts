import type { CollectionBeforeOperationHook } from 'payload'

import { commitTransaction } from 'payload'

/**
 * Works around Payload 3.90's forgotPassword operation (payload/dist/auth/operations/forgotPassword.js):
 * it opens a transaction, then writes its "one mail per 15 s" reservation
 * (`resetPasswordRequestedAt`, `auth.forgotPassword.minRequestInterval`) deliberately outside it,
 * with `transactionID` cleared. SQLite has one writer at a time, and this process's writers queue
 * for it (src/db/sqliteWriteQueue.ts) from the start of a write transaction: the reservation waited
 * for the transaction its own request held, for the queue's 5 s and then SQLite's busy timeout,
 * and the request failed with "database is locked" (500, known and unknown addresses alike)
 * while every other writer waited behind it.
 *
 * Here the transaction is ended before the operation has written anything, so each of its writes
 * (the reservation, then the token through payload.update) is its own short transaction, as
 * Payload intends for the reservation, and no lock is held while the mail is handed over.
 * Nothing of Payload's behaviour is lost: one mail per account per interval, the same answer for
 * every address. Only REST and GraphQL requests: they never bring a transaction of their own,
 * whereas a Local API caller's req may carry one that is not ours to end (such a caller should
 * pass `disableEmail` and send the mail itself).
 */
export const forgotPasswordOutsideTransaction: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'forgotPassword' || args.disableEmail || req.payloadAPI === 'local') return args
  if (req.transactionID) await commitTransaction(req)
  return args
}

import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'

import { purgeSurrogateKeys } from '../cache/purge'
import { withTransaction } from '../db/withTransaction'

import { countRows } from '../delivery/store'
import { deliveryFormat } from '../delivery/format'
import { prepareDeliveryStore } from '../delivery/readiness'
import { isStopping, preparationStates, stopIfStopping } from '../process/preparation'
import { entriesOf } from './entries'
import { searchEngineOf, storeIdsByPublication, storeRowsAfter } from './indexing'
import { SEARCH_FORMAT } from './schema'

const RETRY_MS = 30_000
const BATCH = 2000

const stateOf = preparationStates()

/** Whether this process may answer searches from the index (false while it is being built). */
export const isSearchReady = (payload: Payload): boolean => stateOf(payload).ready

/**
 * Builds the index afresh from the delivery store, batch by batch, each batch in a transaction
 * that reads its rows and writes their entries (a save of one of them meanwhile waits, then
 * indexes its own). Returns how many entries were written.
 */
export async function rebuildSearchIndex(payload: Payload): Promise<number> {
  const engine = searchEngineOf(payload)
  if (!engine) return 0
  stopIfStopping(payload)
  await engine.reset(payload, SEARCH_FORMAT)
  // Rows saved from here on index themselves; rows deleted meanwhile are not found in their batch.
  const ids = await storeIdsByPublication(payload)
  let written = 0
  for (let start = 0; start < ids.length; start += BATCH) {
    stopIfStopping(payload)
    written += await withTransaction(payload, async (transactionID) => {
      const req = { payload, transactionID } as Partial<PayloadRequest>
      const rows = await storeRowsAfter(payload, 0, BATCH, req, ids.slice(start, start + BATCH))
      await engine.write(payload, await entriesOf(payload, rows, req), req)
      return rows.length
    })
  }
  // Cached searches, in every process and at a CDN, were answered from the index before.
  await purgeSurrogateKeys(await createLocalReq({}, payload), ['search'])
  return written
}

/**
 * Checks the index once per process, after the delivery store, and rebuilds it when it does not
 * match the store (a new database, one from before search, a changed format). Until then
 * searches answer 503. Safe to call more than once.
 */
export function prepareSearchIndex(payload: Payload): Promise<void> {
  const state = stateOf(payload)
  const engine = searchEngineOf(payload)
  if (!engine) {
    state.ready = true // the fallback reads through Payload
    return Promise.resolve()
  }
  state.preparing ??= (async () => {
    const started = Date.now()
    try {
      // A new index (no format, no entries) is filled by the delivery store's own writes if the
      // store is rebuilt now: mark its format first, so that one pass does both.
      const before = await engine.state(payload)
      if (before.format === undefined && before.entries === 0) await engine.setFormat(payload, SEARCH_FORMAT)
      await prepareDeliveryStore(payload)
      const [{ entries, format }, { all }] = await Promise.all([engine.state(payload), countRows(payload, deliveryFormat(payload))])
      if (format !== SEARCH_FORMAT || entries !== all) {
        const written = await rebuildSearchIndex(payload)
        payload.logger.info({ entries: written, ms: Date.now() - started }, 'search index rebuilt')
      }
      state.ready = true
    } catch (error) {
      state.preparing = undefined
      if (isStopping(payload)) return
      payload.logger.error({ err: error }, `the search index could not be prepared; searches answer 503, trying again in ${RETRY_MS / 1000} s`)
      setTimeout(() => isStopping(payload) || void prepareSearchIndex(payload), RETRY_MS).unref()
    }
  })()
  return state.preparing
}

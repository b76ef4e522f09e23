import type { Payload } from 'payload'

import { createLocalReq } from 'payload'

import { refreshPlannerStatistics } from '../db/plannerStatistics'
import { deliveryFormat } from './format'
import { isStopping, preparationStates, stopIfStopping } from '../process/preparation'
import { refreshArticles } from './refresh'
import type { EditionCode } from '../editions/locales'

import { EDITION_CODES } from '../editions/locales'
import { countRows, deleteRows, hasDeliveryStore, recountRows, storedFormats } from './store'

const RETRY_MS = 30_000
/** Articles rendered between two checks of whether the process is stopping. */
const REBUILD_BATCH = 500

const stateOf = preparationStates()

/** Whether this process may answer public reads from the delivery store. */
export const isDeliveryReady = (payload: Payload): boolean => stateOf(payload).ready

/** Ids read per query: Payload reads a page's documents with `id IN (…)`, and SQLite allows 32,766 parameters. */
const ID_PAGE = 5000

/** Every article published in an edition, by id. */
export async function publishedArticleIds(payload: Payload, locale: EditionCode, pageSize = ID_PAGE): Promise<string[]> {
  const ids: string[] = []
  // By id, a page at a time: one query for every article failed on SQLite past 32,766 of them.
  for (let after: number | string | undefined; ; ) {
    const { docs } = await payload.find({
      collection: 'articles',
      where: { and: [{ _status: { equals: 'published' } }, ...(after === undefined ? [] : [{ id: { greater_than: after } }])] },
      locale,
      select: {},
      depth: 0,
      sort: 'id',
      limit: pageSize,
      pagination: false,
      overrideAccess: true,
    })
    ids.push(...docs.map((doc) => String(doc.id)))
    if (docs.length < pageSize) return ids
    after = docs[docs.length - 1]!.id
  }
}

/**
 * Makes the store match the database, edition by edition: renders every published edition whose
 * row is missing or was written under another format (src/delivery/format.ts), and removes rows
 * of editions that are no longer published. Rows already current are left alone (the change hooks
 * keep them so) unless `all` is set: after content was changed around the API, re-render everything.
 */
export async function rebuildDeliveryStore(payload: Payload, { all = false } = {}): Promise<{ rendered: number; removed: number }> {
  stopIfStopping(payload)
  const format = deliveryFormat(payload)
  const req = await createLocalReq({}, payload)
  // A rebuild follows content written in bulk (a seed, an import, a restore): plan its reads on current statistics.
  await refreshPlannerStatistics(payload)
  let rendered = 0
  let removed = 0
  for (const locale of EDITION_CODES) {
    const [published, stored] = await Promise.all([publishedArticleIds(payload, locale), storedFormats(payload, locale)])
    const stale = all ? published : published.filter((id) => stored.get(id) !== format)
    const publishedSet = new Set(published)
    const gone = [...stored.keys()].filter((id) => !publishedSet.has(id))
    for (let start = 0; start < stale.length; start += REBUILD_BATCH) {
      stopIfStopping(payload)
      await refreshArticles(req, stale.slice(start, start + REBUILD_BATCH), [locale])
    }
    await deleteRows(payload, gone, undefined, locale)
    rendered += stale.length
    removed += gone.length
  }
  await recountRows(payload)
  return { rendered, removed }
}

/** How many editions of articles are published, over every edition: the rows the store should hold. */
const publishedEditions = async (payload: Payload) =>
  (await Promise.all(EDITION_CODES.map((locale) => payload.count({ collection: 'articles', where: { _status: { equals: 'published' } }, locale, overrideAccess: true })))).reduce((sum, { totalDocs }) => sum + totalDocs, 0)

/**
 * Checks the store once per process and rebuilds it when it does not match (a new database, a
 * database from before the store existed, articles written around the API, a changed format);
 * until then public reads go through Payload. Safe to call more than once.
 */
export function prepareDeliveryStore(payload: Payload): Promise<void> {
  const state = stateOf(payload)
  if (!hasDeliveryStore(payload)) return Promise.resolve()
  state.preparing ??= (async () => {
    const started = Date.now()
    try {
      const format = deliveryFormat(payload)
      const [{ current, all }, published] = await Promise.all([countRows(payload, format), publishedEditions(payload)])
      if (current !== all || all !== published) {
        const { rendered, removed } = await rebuildDeliveryStore(payload)
        payload.logger.info({ rendered, removed, ms: Date.now() - started }, 'delivery store rebuilt')
      } else {
        // Once per process, before the reads it serves (a rebuild does it first itself): the
        // statistics may be missing or stale.
        await refreshPlannerStatistics(payload)
        // The kept count may lag the rows if a process stopped between a rebuild's writes.
        await recountRows(payload)
      }
      state.ready = true
    } catch (error) {
      state.preparing = undefined
      if (isStopping(payload)) return
      payload.logger.error({ err: error }, `the delivery store could not be prepared; public reads go through Payload, trying again in ${RETRY_MS / 1000} s`)
      setTimeout(() => isStopping(payload) || void prepareDeliveryStore(payload), RETRY_MS).unref()
    }
  })()
  return state.preparing
}

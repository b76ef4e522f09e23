import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Payload, PayloadRequest } from 'payload'

import { and, asc, gt, inArray } from '@payloadcms/db-postgres/drizzle'

import type { SearchEngine } from './engine'
import type { StoreRow } from './entries'

import { purgeSurrogateKeys } from '../cache/purge'
import { adapterOf, dbFor } from '../delivery/store'
import { entriesOf } from './entries'
import { postgresEngine } from './postgresEngine'
import { sqliteEngine } from './sqliteEngine'

/** The database's own engine; none on MongoDB, which has no delivery store (src/search/fallbackSearch.ts). */
export function searchEngineOf(payload: Payload): SearchEngine | undefined {
  switch (payload.db.name) {
    case 'sqlite':
      return sqliteEngine
    case 'postgres':
      return postgresEngine
    default:
      return undefined
  }
}

/** Indexes delivery-store rows just written, in the same transaction (src/delivery/store.ts calls it). */
export async function indexStoreRows(payload: Payload, rows: StoreRow[], req?: Partial<PayloadRequest>): Promise<void> {
  const engine = searchEngineOf(payload)
  if (!engine || rows.length === 0) return
  await engine.write(payload, await entriesOf(payload, rows, req), req)
}

/** Takes delivery-store rows just deleted out of the index, in the same transaction. */
export async function unindexStoreRows(payload: Payload, ids: number[], req?: Partial<PayloadRequest>): Promise<void> {
  await searchEngineOf(payload)?.remove(payload, ids, req)
}

const storeTable = (payload: Payload) => adapterOf(payload).tables.published_articles

/** Store rows by id, as the index is built from them. */
export async function storeRowsAfter(payload: Payload, afterId: number, limit: number, req?: Partial<PayloadRequest>, ids?: number[]): Promise<StoreRow[]> {
  const table = storeTable(payload)
  const db = await dbFor(payload, req)
  const where = ids ? and(gt(table.id, afterId), inArray(table.id, ids)) : gt(table.id, afterId)
  let query = db.select({ id: table.id, article: table.article, locale: table.locale, json: table.json }).from(table).where(where).orderBy(table.id).limit(limit)
  // A concurrent save of one of these rows waits until they are indexed (it then indexes its own).
  if (payload.db.name === 'postgres' && req?.transactionID) query = query.for('share')
  return (await query) as StoreRow[]
}

/**
 * An author or tag renamed or deleted: the entries of the articles it is on are re-made with the
 * current names, in the same transaction, so the new name is found from the moment it is saved
 * (the articles' stored JSON follows in the background, src/delivery/hooks.ts).
 */
async function reindexShowing(collection: 'authors' | 'tags', id: number | string, req: PayloadRequest): Promise<void> {
  const { payload } = req
  const engine = searchEngineOf(payload)
  if (!engine) return
  const ids = await engine.idsShowing(payload, collection, String(id), req)
  // Searches for the new name may now find articles they did not (src/cache/httpCache.ts: `search`).
  if (ids.length > 0) await purgeSurrogateKeys(req, ['search'])
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await storeRowsAfter(payload, 0, 500, req, ids.slice(start, start + 500))
    await engine.write(payload, await entriesOf(payload, rows, req), req)
  }
}

const nameOf = (doc: unknown) => JSON.stringify((doc as { name?: unknown } | undefined)?.name ?? null)

export const reindexRenamed: CollectionAfterChangeHook<{ id: number | string; name?: unknown }> = async ({ collection, doc, previousDoc, operation, req }) => {
  if (operation === 'update' && nameOf(doc) !== nameOf(previousDoc)) await reindexShowing(collection.slug as 'authors' | 'tags', doc.id, req)
  return doc
}

export const reindexDeleted: CollectionAfterDeleteHook<{ id: number | string }> = async ({ collection, id, req }) => {
  await reindexShowing(collection.slug as 'authors' | 'tags', id, req)
}

/** Every store row's id, oldest publication first: a rebuild writes entries in the order SQLite's index keeps them (src/search/sqliteEngine.ts). */
export async function storeIdsByPublication(payload: Payload): Promise<number[]> {
  const table = storeTable(payload)
  const rows = (await adapterOf(payload).drizzle.select({ id: table.id }).from(table).orderBy(asc(table.publishedAt), asc(table.id))) as Array<{ id: number }>
  return rows.map((row) => Number(row.id))
}

import type { Payload, PayloadRequest } from 'payload'

import { count, desc, eq, inArray, like, sql } from '@payloadcms/db-postgres/drizzle'

/** One row of the delivery store (collections/PublishedArticles.ts). */
export type StoredArticle = {
  article: string
  slug: null | string
  publishedAt: null | string
  articleCreatedAt: string
  json: string
  keys: string
  format: string
}

// Drizzle's table and query types differ per dialect; these queries are the same in both.
type Drizzle = any
type SqlAdapter = { name: string; drizzle: Drizzle; tables: Record<string, any>; sessions?: Record<string, { db: Drizzle }> }

const TABLE = 'published_articles'

/** The delivery store lives in the SQL databases; on MongoDB the public API reads through Payload. */
export const hasDeliveryStore = (payload: Payload): boolean => payload.db.name !== 'mongoose'

const adapterOf = (payload: Payload) => payload.db as unknown as SqlAdapter
const tableOf = (payload: Payload) => adapterOf(payload).tables[TABLE]

/** The caller's transaction when there is one, so store writes commit or roll back with the change. */
async function dbFor(payload: Payload, req?: Partial<PayloadRequest>): Promise<Drizzle> {
  const adapter = adapterOf(payload)
  const id = req?.transactionID ? await req.transactionID : undefined
  return (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}

const STATS_TABLE = 'delivery_stats'
const statsOf = (payload: Payload) => adapterOf(payload).tables[STATS_TABLE]
const isPostgres = (payload: Payload) => adapterOf(payload).name === 'postgres'

/** Moves the stored article count (globals/DeliveryStats.ts) by `delta`, in the same transaction as the rows. */
async function adjustCount(payload: Payload, db: Drizzle, delta: number): Promise<void> {
  if (delta === 0) return
  const stats = statsOf(payload)
  await db.update(stats).set({ publishedArticles: sql`${stats.publishedArticles} + ${delta}` })
}

/** Inserts or replaces rows, keyed by article id, and counts the new ones. */
export async function saveRows(payload: Payload, rows: StoredArticle[], req?: Partial<PayloadRequest>): Promise<void> {
  if (rows.length === 0) return
  const table = tableOf(payload)
  const db = await dbFor(payload, req)
  const replace = Object.fromEntries(
    (['slug', 'publishedAt', 'articleCreatedAt', 'json', 'keys', 'format'] as const).map((key) => [key, sql.raw(`excluded.${table[key].name}`)]),
  )
  const upsert = db.insert(table).values(rows).onConflictDoUpdate({ target: table.article, set: replace })
  let inserted: number
  if (isPostgres(payload)) {
    // A row PostgreSQL inserted (not updated) has no deleting transaction: exact even when two
    // transactions save the same article at once (the second waits, then updates).
    const result: Array<{ inserted: boolean }> = await upsert.returning({ inserted: sql<boolean>`(xmax = 0)` })
    inserted = result.filter((row) => row.inserted).length
  } else {
    // SQLite has one writer at a time, and a save holds the write lock by now: nothing can slip in between.
    const existing = await db.select({ article: table.article }).from(table).where(inArray(table.article, rows.map((row) => row.article)))
    await upsert
    inserted = rows.length - existing.length
  }
  await adjustCount(payload, db, inserted)
}

export async function deleteRows(payload: Payload, articleIds: string[], req?: Partial<PayloadRequest>): Promise<void> {
  if (articleIds.length === 0) return
  const table = tableOf(payload)
  const db = await dbFor(payload, req)
  const deleted: unknown[] = await db.delete(table).where(inArray(table.article, articleIds)).returning({ article: table.article })
  await adjustCount(payload, db, -deleted.length)
}

/**
 * Sets the stored article count from the rows themselves (creating the stats row if needed),
 * with writers held off meanwhile: on PostgreSQL by a table lock for the moment of the count, on
 * SQLite by the single statement.
 */
export async function recountRows(payload: Payload): Promise<void> {
  const table = tableOf(payload)
  const stats = statsOf(payload)
  const now = new Date().toISOString()
  const recount = async (db: Drizzle) => {
    await db.insert(stats).values({ id: 1, publishedArticles: 0, updatedAt: now, createdAt: now }).onConflictDoNothing()
    await db.update(stats).set({ publishedArticles: sql`(select count(*) from ${table})` })
  }
  const { drizzle } = adapterOf(payload)
  if (!isPostgres(payload)) return recount(drizzle)
  await drizzle.transaction(async (tx: Drizzle) => {
    await tx.execute(sql`lock table ${table} in share row exclusive mode`)
    await recount(tx)
  })
}

/** The stored article count, or undefined before the first recount. */
export async function storedCount(payload: Payload): Promise<number | undefined> {
  const stats = statsOf(payload)
  const [row] = await adapterOf(payload).drizzle.select({ n: stats.publishedArticles }).from(stats).limit(1)
  return row ? Number(row.n) : undefined
}

/** The stored JSON and format of these articles, by article id. */
export async function storedRows(payload: Payload, articleIds: string[], req?: Partial<PayloadRequest>): Promise<Map<string, { json: string; format: string }>> {
  if (articleIds.length === 0) return new Map()
  const table = tableOf(payload)
  const rows: Array<{ article: string; json: string; format: string }> = await (await dbFor(payload, req))
    .select({ article: table.article, json: table.json, format: table.format })
    .from(table)
    .where(inArray(table.article, articleIds))
  return new Map(rows.map((row) => [row.article, row]))
}

/** Articles whose stored JSON shows the document named by `key` (`authors:3`). */
export async function articlesShowing(payload: Payload, key: string, req?: Partial<PayloadRequest>): Promise<string[]> {
  const table = tableOf(payload)
  const rows: Array<{ article: string }> = await (await dbFor(payload, req))
    .select({ article: table.article })
    .from(table)
    .where(like(table.keys, `% ${key} %`))
  return rows.map((row) => row.article)
}

/** How many rows were written in `format`, and how many in all. */
export async function countRows(payload: Payload, format: string): Promise<{ current: number; all: number }> {
  const table = tableOf(payload)
  const db = adapterOf(payload).drizzle
  const [current] = await db.select({ n: count() }).from(table).where(eq(table.format, format))
  const [all] = await db.select({ n: count() }).from(table)
  return { current: Number(current.n), all: Number(all.n) }
}

/** Every stored article id with the format its row was written in. */
export async function storedFormats(payload: Payload): Promise<Map<string, string>> {
  const table = tableOf(payload)
  const rows: Array<{ article: string; format: string }> = await adapterOf(payload).drizzle.select({ article: table.article, format: table.format }).from(table)
  return new Map(rows.map((row) => [row.article, row.format]))
}

/** Which stored articles a public read asks for: all of them, or the one with a slug. */
export type StoreFilter = { slug?: string }

const whereOf = (table: any, filter: StoreFilter) => (filter.slug === undefined ? undefined : eq(table.slug, filter.slug))

/** A page of stored JSON in Payload's order for `sort=-publishedAt` (publishedAt, then createdAt, descending). */
export async function pageJson(payload: Payload, filter: StoreFilter, limit: number, offset: number): Promise<string[]> {
  const table = tableOf(payload)
  const rows: Array<{ json: string }> = await adapterOf(payload)
    .drizzle.select({ json: table.json })
    .from(table)
    .where(whereOf(table, filter))
    .orderBy(desc(table.publishedAt), desc(table.articleCreatedAt))
    .limit(limit)
    .offset(offset)
  return rows.map((row) => row.json)
}

/** How many stored articles match: the kept count for all of them, a count for a slug. */
export async function countMatching(payload: Payload, filter: StoreFilter): Promise<number> {
  if (filter.slug === undefined) {
    const kept = await storedCount(payload)
    if (kept !== undefined) return kept
  }
  const table = tableOf(payload)
  const [row] = await adapterOf(payload).drizzle.select({ n: count() }).from(table).where(whereOf(table, filter))
  return Number(row.n)
}

import type { Payload, PayloadRequest } from 'payload'

import { and, count, desc, eq, inArray, like, sql } from '@payloadcms/db-postgres/drizzle'

import type { EditionCode } from '../editions/locales'

import { EDITION_CODES } from '../editions/locales'
import { indexStoreRows, unindexStoreRows } from '../search/indexing'
import { countFieldOf } from './counts'

/** One row of the delivery store (collections/PublishedArticles.ts): one edition of an article. */
export type StoredArticle = {
  article: string
  locale: EditionCode
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

export const adapterOf = (payload: Payload) => payload.db as unknown as SqlAdapter
const tableOf = (payload: Payload) => adapterOf(payload).tables[TABLE]

/** The caller's transaction when there is one, so store writes commit or roll back with the change. */
export async function dbFor(payload: Payload, req?: Partial<PayloadRequest>): Promise<Drizzle> {
  const adapter = adapterOf(payload)
  const id = req?.transactionID ? await req.transactionID : undefined
  return (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}

const STATS_TABLE = 'delivery_stats'
const statsOf = (payload: Payload) => adapterOf(payload).tables[STATS_TABLE]
export const isPostgres = (payload: Payload) => adapterOf(payload).name === 'postgres'
const rowKey = (article: string, locale: string) => `${article}:${locale}`

/** Moves each edition's stored article count (globals/DeliveryStats.ts) by its delta, in the same transaction as the rows. */
async function adjustCounts(payload: Payload, db: Drizzle, deltas: Map<EditionCode, number>): Promise<void> {
  const stats = statsOf(payload)
  const set = Object.fromEntries([...deltas].filter(([, delta]) => delta !== 0).map(([locale, delta]) => [countFieldOf(locale), sql`${stats[countFieldOf(locale)]} + ${delta}`]))
  if (Object.keys(set).length > 0) await db.update(stats).set(set)
}

const tally = (locales: EditionCode[]) => {
  const deltas = new Map<EditionCode, number>()
  for (const locale of locales) deltas.set(locale, (deltas.get(locale) ?? 0) + 1)
  return deltas
}

/** Inserts or replaces rows, keyed by article and edition, and counts the new ones. */
export async function saveRows(payload: Payload, rows: StoredArticle[], req?: Partial<PayloadRequest>): Promise<void> {
  if (rows.length === 0) return
  const table = tableOf(payload)
  const db = await dbFor(payload, req)
  const replace = Object.fromEntries(
    (['slug', 'publishedAt', 'articleCreatedAt', 'json', 'keys', 'format'] as const).map((key) => [key, sql.raw(`excluded.${table[key].name}`)]),
  )
  const upsert = db.insert(table).values(rows).onConflictDoUpdate({ target: [table.article, table.locale], set: replace })
  let inserted: EditionCode[]
  let saved: Array<{ id: number; article: string; locale: EditionCode }>
  if (isPostgres(payload)) {
    // A row PostgreSQL inserted (not updated) has no deleting transaction: exact even when two
    // transactions save the same article at once (the second waits, then updates).
    const result: Array<{ id: number; article: string; inserted: boolean; locale: EditionCode }> = await upsert.returning({ id: table.id, article: table.article, inserted: sql<boolean>`(xmax = 0)`, locale: table.locale })
    inserted = result.filter((row) => row.inserted).map((row) => row.locale)
    saved = result
  } else {
    // SQLite has one writer at a time, and a save holds the write lock by now: nothing can slip in between.
    const existing: Array<{ article: string; locale: string }> = await db
      .select({ article: table.article, locale: table.locale })
      .from(table)
      .where(inArray(table.article, [...new Set(rows.map((row) => row.article))]))
    const there = new Set(existing.map((row) => rowKey(row.article, row.locale)))
    saved = await upsert.returning({ id: table.id, article: table.article, locale: table.locale })
    inserted = rows.filter((row) => !there.has(rowKey(row.article, row.locale))).map((row) => row.locale)
  }
  await adjustCounts(payload, db, tally(inserted))
  // The search index follows the store, in the same transaction.
  const jsonOf = new Map(rows.map((row) => [rowKey(row.article, row.locale), row.json]))
  await indexStoreRows(payload, saved.map((row) => ({ ...row, id: Number(row.id), json: jsonOf.get(rowKey(row.article, row.locale))! })), req)
}

/** Deletes the stored rows of these articles: in one edition, or in all of them. */
export async function deleteRows(payload: Payload, articleIds: string[], req?: Partial<PayloadRequest>, locale?: EditionCode): Promise<void> {
  if (articleIds.length === 0) return
  const table = tableOf(payload)
  const db = await dbFor(payload, req)
  const where = locale === undefined ? inArray(table.article, articleIds) : and(inArray(table.article, articleIds), eq(table.locale, locale))
  const deleted: Array<{ id: number; locale: EditionCode }> = await db.delete(table).where(where).returning({ id: table.id, locale: table.locale })
  await unindexStoreRows(payload, deleted.map((row) => Number(row.id)), req)
  await adjustCounts(payload, db, new Map([...tally(deleted.map((row) => row.locale))].map(([code, n]) => [code, -n])))
}

/**
 * Sets each edition's stored article count from the rows themselves (creating the stats row if
 * needed), with writers held off meanwhile: on PostgreSQL by a table lock for the moment of the
 * count, on SQLite by the single statement.
 */
export async function recountRows(payload: Payload): Promise<void> {
  const table = tableOf(payload)
  const stats = statsOf(payload)
  const now = new Date().toISOString()
  const recount = async (db: Drizzle) => {
    await db.insert(stats).values({ id: 1, updatedAt: now, createdAt: now, ...Object.fromEntries(EDITION_CODES.map((code) => [countFieldOf(code), 0])) }).onConflictDoNothing()
    await db.update(stats).set(Object.fromEntries(EDITION_CODES.map((code) => [countFieldOf(code), sql`(select count(*) from ${table} where ${table.locale} = ${code})`])))
  }
  const { drizzle } = adapterOf(payload)
  if (!isPostgres(payload)) return recount(drizzle)
  await drizzle.transaction(async (tx: Drizzle) => {
    await tx.execute(sql`lock table ${table} in share row exclusive mode`)
    await recount(tx)
  })
}

/** An edition's stored article count, or undefined before the first recount. */
export async function storedCount(payload: Payload, locale: EditionCode): Promise<number | undefined> {
  const stats = statsOf(payload)
  const [row] = await adapterOf(payload).drizzle.select({ n: stats[countFieldOf(locale)] }).from(stats).limit(1)
  return row ? Number(row.n) : undefined
}

/** The stored JSON and format of these articles in one edition, by article id. */
export async function storedRows(payload: Payload, articleIds: string[], locale: EditionCode, req?: Partial<PayloadRequest>): Promise<Map<string, { json: string; format: string }>> {
  if (articleIds.length === 0) return new Map()
  const table = tableOf(payload)
  const rows: Array<{ article: string; json: string; format: string }> = await (await dbFor(payload, req))
    .select({ article: table.article, json: table.json, format: table.format })
    .from(table)
    .where(and(inArray(table.article, articleIds), eq(table.locale, locale)))
  return new Map(rows.map((row) => [row.article, row]))
}

/** Articles whose stored JSON (in any edition) shows the document named by `key` (`authors:3`). */
export async function articlesShowing(payload: Payload, key: string, req?: Partial<PayloadRequest>): Promise<string[]> {
  const table = tableOf(payload)
  const rows: Array<{ article: string }> = await (await dbFor(payload, req))
    .selectDistinct({ article: table.article })
    .from(table)
    .where(like(table.keys, `% ${key} %`))
  return rows.map((row) => row.article)
}

/** How many rows were written in `format`, and how many in all, over every edition. */
export async function countRows(payload: Payload, format: string): Promise<{ current: number; all: number }> {
  const table = tableOf(payload)
  const db = adapterOf(payload).drizzle
  const [current] = await db.select({ n: count() }).from(table).where(eq(table.format, format))
  const [all] = await db.select({ n: count() }).from(table)
  return { current: Number(current.n), all: Number(all.n) }
}

/** Every stored article id of one edition with the format its row was written in. */
export async function storedFormats(payload: Payload, locale: EditionCode): Promise<Map<string, string>> {
  const table = tableOf(payload)
  const rows: Array<{ article: string; format: string }> = await adapterOf(payload).drizzle.select({ article: table.article, format: table.format }).from(table).where(eq(table.locale, locale))
  return new Map(rows.map((row) => [row.article, row.format]))
}

/** Which stored articles a public read asks for: an edition's, all of them or the one with a slug. */
export type StoreFilter = { locale: EditionCode; slug?: string }

const whereOf = (table: any, filter: StoreFilter) => (filter.slug === undefined ? eq(table.locale, filter.locale) : and(eq(table.locale, filter.locale), eq(table.slug, filter.slug)))

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

/** How many stored articles match: the kept count for an edition's all, a count for a slug. */
export async function countMatching(payload: Payload, filter: StoreFilter): Promise<number> {
  if (filter.slug === undefined) {
    const kept = await storedCount(payload, filter.locale)
    if (kept !== undefined) return kept
  }
  const table = tableOf(payload)
  const [row] = await adapterOf(payload).drizzle.select({ n: count() }).from(table).where(whereOf(table, filter))
  return Number(row.n)
}

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

/* eslint-disable @typescript-eslint/no-explicit-any -- drizzle's table and query types differ per dialect; these queries are the same in both */
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

/** Inserts or replaces rows, keyed by article id. */
export async function saveRows(payload: Payload, rows: StoredArticle[], req?: Partial<PayloadRequest>): Promise<void> {
  if (rows.length === 0) return
  const table = tableOf(payload)
  const db = await dbFor(payload, req)
  const replace = Object.fromEntries(
    (['slug', 'publishedAt', 'articleCreatedAt', 'json', 'keys', 'format'] as const).map((key) => [key, sql.raw(`excluded.${table[key].name}`)]),
  )
  await db.insert(table).values(rows).onConflictDoUpdate({ target: table.article, set: replace })
}

export async function deleteRows(payload: Payload, articleIds: string[], req?: Partial<PayloadRequest>): Promise<void> {
  if (articleIds.length === 0) return
  const table = tableOf(payload)
  await (await dbFor(payload, req)).delete(table).where(inArray(table.article, articleIds))
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

export async function countMatching(payload: Payload, filter: StoreFilter): Promise<number> {
  const table = tableOf(payload)
  const [row] = await adapterOf(payload).drizzle.select({ n: count() }).from(table).where(whereOf(table, filter))
  return Number(row.n)
}

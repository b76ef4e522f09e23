import type { SQL } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import type { SearchEngine, SearchRequest, SearchRow } from './engine'
import type { SearchEntry } from './entries'
import type { Hit } from './window'

import type { EditionCode } from '../editions/locales'

import { withTransaction } from '../db/withTransaction'
import { adapterOf, dbFor } from '../delivery/store'
import { EDITION_CODES } from '../editions/locales'
import { facetOf, facetsOf } from './entries'
import { SQLITE_INDEX_TABLE } from './schema'
import { fts5Facet, fts5Match } from './sqlExpressions'
import { windowedSearch } from './window'

type Db = { all: (query: SQL) => Promise<unknown[]>; run: (query: SQL) => Promise<unknown> }

/** The columns searched, and how much a match in each counts (bm25 weights, in table order). */
const TEXT_COLUMNS = ['title', 'excerpt', 'people', 'tags', 'body']
const BM25 = sql.raw('bm25(search_index, 10.0, 5.0, 3.0, 3.0, 1.0, 0.0)')
const BATCH = 100
const IDS_PER_STATEMENT = 500

/**
 * Entry keys (FTS5 rowids) order entries by edition, then publication time: each edition has its
 * own span of keys (by its place in EDITIONS), and within it the second of publication times
 * SLOTS, plus a slot within that second. A search keeps to its edition's span, which FTS5 seeks
 * to, instead of matching an edition column (that doubled the time at 100k articles). Every key
 * is a safe JavaScript integer. An entry with no publication date sorts before year 1.
 */
const SLOTS = 4096
const NO_DATE_SECOND = -62_135_596_801 // the second before 0001-01-01
const LAST_SECOND = 253_402_300_799 // 9999-12-31T23:59:59Z
const EDITION_SPAN = (LAST_SECOND - NO_DATE_SECOND + 2) * SLOTS
const KEY_ORIGIN = Number.MIN_SAFE_INTEGER
if (KEY_ORIGIN + EDITION_CODES.length * EDITION_SPAN > Number.MAX_SAFE_INTEGER) throw new Error(`SQLite's search index keys have room for ${Math.floor((Number.MAX_SAFE_INTEGER - KEY_ORIGIN) / EDITION_SPAN)} editions`)

const secondOf = (instant: string) => Math.floor(Date.parse(instant) / 1000)
const editionStart = (locale: EditionCode) => KEY_ORIGIN + EDITION_CODES.indexOf(locale) * EDITION_SPAN
/** The keys of an edition's entries: from the first, up to the last (excluded). */
export const editionKeys = (locale: EditionCode): [number, number] => [editionStart(locale), editionStart(locale) + EDITION_SPAN]
/** The first key of a second in an edition. */
const firstKeyOf = (locale: EditionCode, second: number) => editionStart(locale) + (Math.min(Math.max(second, NO_DATE_SECOND), LAST_SECOND + 1) - NO_DATE_SECOND) * SLOTS

/** Keys for new entries: the entry's second, and the store row's id as the slot unless another entry holds it. */
async function allocateKeys(db: Db, entries: SearchEntry[]): Promise<number[]> {
  const wanted = entries.map((entry) => firstKeyOf(entry.locale, entry.publishedAt ? secondOf(entry.publishedAt) : NO_DATE_SECOND) + (entry.id % SLOTS))
  const taken = new Set<number>()
  for (let start = 0; start < wanted.length; start += IDS_PER_STATEMENT) {
    const rows = (await db.all(sql`SELECT key FROM search_keys WHERE key IN (${sql.join(wanted.slice(start, start + IDS_PER_STATEMENT).map((key) => sql`${key}`), sql`, `)})`)) as Array<{ key: number }>
    for (const row of rows) taken.add(Number(row.key))
  }
  const keys: number[] = []
  for (let key of wanted) {
    // Two entries in the same second on the same slot (rare): the next free key. Past SLOTS
    // entries in one second that is a later second's, and the order is off by a second.
    while (taken.has(key)) {
      key++
      if ((await db.all(sql`SELECT 1 FROM search_keys WHERE key = ${key}`)).length > 0) taken.add(key)
    }
    taken.add(key)
    keys.push(key)
  }
  return keys
}

/** The MATCH expression and the key range of a request: its edition's span, narrowed by a date range exact at its ends. */
function filters(request: SearchRequest): SQL {
  const facets = [...(request.tag === undefined ? [] : [facetOf('tags', request.tag)]), ...(request.author === undefined ? [] : [facetOf('authors', request.author)])]
  const { locale } = request
  const parts: SQL[] = [sql`search_index MATCH ${fts5Match(request.query, TEXT_COLUMNS, facets)}`]
  if (request.from === undefined) parts.push(sql`rowid >= ${editionKeys(locale)[0]}`)
  else {
    const second = secondOf(request.from)
    parts.push(sql`rowid >= ${firstKeyOf(locale, second)} AND (rowid >= ${firstKeyOf(locale, second + 1)} OR published_at >= ${request.from})`)
  }
  if (request.to === undefined) parts.push(sql`rowid < ${editionKeys(locale)[1]}`)
  else {
    // `to` is exclusive: its own second holds entries on both sides of it.
    const second = secondOf(request.to)
    parts.push(sql`rowid < ${firstKeyOf(locale, second + 1)} AND (rowid < ${firstKeyOf(locale, second)} OR published_at < ${request.to})`)
  }
  return sql.join(parts, sql` AND `)
}

const recordFormat = (db: Db, format: string) => db.run(sql`INSERT INTO search_state (id, format) VALUES (1, ${format}) ON CONFLICT (id) DO UPDATE SET format = excluded.format`)

const hitsOf = (rows: unknown[]): Hit[] => (rows as Array<{ key: number; score: number }>).map((row) => ({ key: Number(row.key), score: -Number(row.score) }))
const list = (values: number[]) => sql.join(values.map((value) => sql`${value}`), sql`, `)

/**
 * SQLite's FTS5 (docs/search.md): one table of normalised text, tokenised by `unicode61` with
 * diacritics removed and English stemmed by `porter`, ranked by bm25 with the title above the
 * excerpt, the byline and tags above the body. FTS5 walks matches in key order, newest first
 * here, so a search reads the newest matches it needs (src/search/window.ts) and stops.
 */
export const sqliteEngine: SearchEngine = {
  name: 'sqlite-fts5',

  async search(payload: Payload, request: SearchRequest) {
    const db = adapterOf(payload).drizzle as Db
    const where = filters(request)
    return windowedSearch(request, {
      // FTS5 walks matches in key order, newest first here: the LIMIT stops the walk.
      newest: async (n) => hitsOf(await db.all(sql`SELECT rowid AS key, ${BM25} AS score FROM search_index WHERE ${where} ORDER BY rowid DESC LIMIT ${n}`)),
      rows: async (keys) => {
        const rows = (await db.all(sql`SELECT s.rowid AS key, p.json AS json, s.body_text AS bodyText, s.body AS body
          FROM search_index s JOIN published_articles p ON p.id = s.entry WHERE s.rowid IN (${list(keys)})`)) as Array<Omit<SearchRow, 'score'> & { key: number }>
        return new Map(rows.map(({ key, ...row }) => [Number(key), row]))
      },
    })
  },

  async write(payload: Payload, entries: SearchEntry[], req?: Partial<PayloadRequest>) {
    if (entries.length === 0) return
    const db = (await dbFor(payload, req)) as Db
    await this.remove(payload, entries.map((entry) => entry.id), req)
    const keys = await allocateKeys(db, entries)
    // In key order: FTS5 flushes what it holds in memory whenever a key is lower than the last
    // one written, so entries in random order would make a segment each (3.5 times slower).
    const order = entries.map((_, index) => index).sort((a, b) => keys[a]! - keys[b]!)
    const batches = Array.from({ length: Math.ceil(order.length / BATCH) }, (_, index) => order.slice(index * BATCH, (index + 1) * BATCH))
    // Every key first, then every entry: a statement on another table between two inserts into
    // FTS5 makes it flush its pending entries early, as a small segment of their own.
    for (const batch of batches) {
      await db.run(sql`INSERT INTO search_keys (id, key) VALUES ${sql.join(batch.map((index) => sql`(${entries[index]!.id}, ${keys[index]!})`), sql`, `)}`)
    }
    for (const batch of batches) {
      const values = batch.map((index) => {
        const entry = entries[index]!
        return sql`(${keys[index]!}, ${entry.title}, ${entry.excerpt}, ${entry.people}, ${entry.tags}, ${entry.body}, ${facetsOf(entry)}, ${entry.id}, ${entry.article}, ${entry.locale}, ${entry.publishedAt}, ${entry.bodyText})`
      })
      await db.run(sql`INSERT INTO search_index (rowid, title, excerpt, people, tags, body, facets, entry, article, locale, published_at, body_text) VALUES ${sql.join(values, sql`, `)}`)
    }
  },

  async remove(payload: Payload, ids: number[], req?: Partial<PayloadRequest>) {
    if (ids.length === 0) return
    const db = (await dbFor(payload, req)) as Db
    for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
      const chunk = list(ids.slice(start, start + IDS_PER_STATEMENT))
      const keys = ((await db.all(sql`SELECT key FROM search_keys WHERE id IN (${chunk})`)) as Array<{ key: number }>).map((row) => Number(row.key))
      if (keys.length === 0) continue
      await db.run(sql`DELETE FROM search_index WHERE rowid IN (${list(keys)})`)
      await db.run(sql`DELETE FROM search_keys WHERE id IN (${chunk})`)
    }
  },

  async idsShowing(payload: Payload, collection: 'authors' | 'tags', id: string, req?: Partial<PayloadRequest>) {
    const db = (await dbFor(payload, req)) as Db
    const rows = (await db.all(sql`SELECT entry AS id FROM search_index WHERE search_index MATCH ${fts5Facet(facetOf(collection, id))}`)) as Array<{ id: number }>
    return rows.map((row) => Number(row.id))
  },

  async state(payload: Payload) {
    const db = adapterOf(payload).drizzle as Db
    const [counted, format] = await Promise.all([db.all(sql`SELECT count(*) AS n FROM search_keys`), db.all(sql`SELECT format FROM search_state WHERE id = 1`)])
    return { entries: Number((counted[0] as { n: number }).n), format: (format[0] as { format?: string } | undefined)?.format }
  },

  async reset(payload: Payload, format: string) {
    // A new table, not DELETE: FTS5 deletes by writing a tombstone for every word of every entry,
    // which later merges carry along with the old segments, so the rebuild after a DELETE was
    // seven times slower and grew faster than the index (231 s instead of 34 s for 40,000 entries).
    await withTransaction(payload, async (transactionID) => {
      const db = (await dbFor(payload, { transactionID })) as Db
      await db.run(sql`DROP TABLE IF EXISTS search_index`)
      await db.run(sql.raw(SQLITE_INDEX_TABLE))
      await db.run(sql`DELETE FROM search_keys`)
      await recordFormat(db, format)
    })
  },

  async setFormat(payload: Payload, format: string) {
    await recordFormat(adapterOf(payload).drizzle as Db, format)
  },
}

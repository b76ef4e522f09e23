import type { SQL } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import type { SearchEngine, SearchRequest, SearchRow } from './engine'
import type { SearchEntry } from './entries'

import { adapterOf, dbFor } from '../delivery/store'
import { fts5Match } from './sqlExpressions'

type Db = { all: (query: SQL) => Promise<unknown[]>; run: (query: SQL) => Promise<unknown> }

/** The columns searched, and how much a match in each counts (bm25 weights, in table order). */
const TEXT_COLUMNS = ['title', 'excerpt', 'people', 'tags', 'body']
const BM25 = sql.raw('bm25(search_index, 10.0, 5.0, 3.0, 3.0, 1.0, 0.0)')
const BATCH = 100

function filters(request: SearchRequest): SQL {
  const parts: SQL[] = [sql`search_index MATCH ${fts5Match(request.query, TEXT_COLUMNS, request.locale)}`]
  if (request.tag !== undefined) parts.push(sql`search_index.tag_ids LIKE ${`% ${request.tag} %`}`)
  if (request.author !== undefined) parts.push(sql`search_index.author_ids LIKE ${`% ${request.author} %`}`)
  if (request.from !== undefined) parts.push(sql`search_index.published_at >= ${request.from}`)
  if (request.to !== undefined) parts.push(sql`search_index.published_at < ${request.to}`)
  return sql.join(parts, sql` AND `)
}

/**
 * SQLite's FTS5 (docs/search.md): one table of normalised text, tokenised by `unicode61` with
 * diacritics removed and English stemmed by `porter`, ranked by bm25 with the title above the
 * excerpt, the byline and tags above the body.
 */
export const sqliteEngine: SearchEngine = {
  name: 'sqlite-fts5',

  async search(payload: Payload, request: SearchRequest) {
    const db = adapterOf(payload).drizzle as Db
    const where = filters(request)
    const order = request.sort === 'newest' ? sql`search_index.published_at DESC, search_index.rowid DESC` : sql`score ASC, search_index.published_at DESC`
    const [rows, counted] = await Promise.all([
      db.all(sql`SELECT p.json AS json, search_index.body_text AS bodyText, search_index.body AS body, ${BM25} AS score
        FROM search_index JOIN published_articles p ON p.id = search_index.rowid
        WHERE ${where} ORDER BY ${order} LIMIT ${request.limit} OFFSET ${(request.page - 1) * request.limit}`),
      db.all(sql`SELECT count(*) AS n FROM search_index WHERE ${where}`),
    ])
    return {
      rows: (rows as SearchRow[]).map((row) => ({ ...row, score: -Number(row.score) })),
      total: Number((counted[0] as { n: number }).n),
    }
  },

  async write(payload: Payload, entries: SearchEntry[], req?: Partial<PayloadRequest>) {
    if (entries.length === 0) return
    const db = (await dbFor(payload, req)) as Db
    await this.remove(payload, entries.map((entry) => entry.id), req)
    for (let start = 0; start < entries.length; start += BATCH) {
      const values = entries.slice(start, start + BATCH).map(
        (entry) =>
          sql`(${entry.id}, ${entry.title}, ${entry.excerpt}, ${entry.people}, ${entry.tags}, ${entry.body}, ${entry.locale}, ${entry.article}, ${entry.publishedAt}, ${entry.bodyText}, ${entry.authorIds}, ${entry.tagIds})`,
      )
      await db.run(sql`INSERT INTO search_index (rowid, title, excerpt, people, tags, body, locale, article, published_at, body_text, author_ids, tag_ids) VALUES ${sql.join(values, sql`, `)}`)
    }
  },

  async remove(payload: Payload, ids: number[], req?: Partial<PayloadRequest>) {
    if (ids.length === 0) return
    const db = (await dbFor(payload, req)) as Db
    for (let start = 0; start < ids.length; start += 500) {
      await db.run(sql`DELETE FROM search_index WHERE rowid IN (${sql.join(ids.slice(start, start + 500).map((id) => sql`${id}`), sql`, `)})`)
    }
  },

  async idsShowing(payload: Payload, collection: 'authors' | 'tags', id: string, req?: Partial<PayloadRequest>) {
    const db = (await dbFor(payload, req)) as Db
    const column = sql.raw(collection === 'authors' ? 'author_ids' : 'tag_ids')
    const rows = (await db.all(sql`SELECT rowid AS id FROM search_index WHERE ${column} LIKE ${`% ${id} %`}`)) as Array<{ id: number }>
    return rows.map((row) => Number(row.id))
  },

  async state(payload: Payload) {
    const db = adapterOf(payload).drizzle as Db
    const [counted, format] = await Promise.all([db.all(sql`SELECT count(*) AS n FROM search_index`), db.all(sql`SELECT format FROM search_state WHERE id = 1`)])
    return { entries: Number((counted[0] as { n: number }).n), format: (format[0] as { format?: string } | undefined)?.format }
  },

  async reset(payload: Payload, format: string) {
    const db = adapterOf(payload).drizzle as Db
    await db.run(sql`DELETE FROM search_index`)
    await this.setFormat(payload, format)
  },

  async setFormat(payload: Payload, format: string) {
    const db = adapterOf(payload).drizzle as Db
    await db.run(sql`INSERT INTO search_state (id, format) VALUES (1, ${format}) ON CONFLICT (id) DO UPDATE SET format = excluded.format`)
  },
}

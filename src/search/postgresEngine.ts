import type { SQL } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import type { SearchEngine, SearchRequest, SearchRow } from './engine'
import type { SearchEntry } from './entries'
import type { Hit } from './window'

import { editionOf } from '../editions/locales'
import { adapterOf, dbFor } from '../delivery/store'
import { tsQuery } from './sqlExpressions'
import { windowedSearch } from './window'

type Db = { execute: (query: SQL) => Promise<{ rows: unknown[] }> }
const BATCH = 100

function filters(request: SearchRequest, query: SQL): SQL {
  const parts: SQL[] = [sql`s.document @@ ${query}`, sql`s.locale = ${request.locale}`]
  if (request.tag !== undefined) parts.push(sql`s.tag_ids LIKE ${`% ${request.tag} %`}`)
  if (request.author !== undefined) parts.push(sql`s.author_ids LIKE ${`% ${request.author} %`}`)
  if (request.from !== undefined) parts.push(sql`s.published_at >= ${request.from}`)
  if (request.to !== undefined) parts.push(sql`s.published_at < ${request.to}`)
  return sql.join(parts, sql` AND `)
}

/**
 * PostgreSQL's text search (docs/search.md): a weighted tsvector (title A, excerpt and byline B,
 * body D) generated from the normalised text and stemmed in the edition's language (`english`,
 * `arabic`), a GIN index, ranked by ts_rank_cd.
 */
export const postgresEngine: SearchEngine = {
  name: 'postgres-tsvector',

  async search(payload: Payload, request: SearchRequest) {
    const db = adapterOf(payload).drizzle as Db
    const language = editionOf(request.locale).textSearch
    // The query is parsed once, as a FROM item, not once per row.
    const query = sql`to_tsquery(${language}::regconfig, ${tsQuery(request.query)}) AS q`
    const where = filters(request, sql`q`)
    const newestFirst = sql`published_at DESC NULLS LAST, id DESC`
    // A slice of the matches, newest first, as `m`, ranked in the outer query: ts_rank_cd reads
    // each document, so only the rows kept are scored.
    const scoredSlice = (limit: number, offset: number, order: SQL) =>
      db.execute(sql`SELECT m.id AS key, ts_rank_cd(m.document, q, 1) AS score
        FROM (SELECT s.id, s.published_at, s.document FROM search_index s CROSS JOIN ${query} WHERE ${where} ORDER BY ${newestFirst} LIMIT ${limit} OFFSET ${offset}) m CROSS JOIN ${query}
        ${order}`)
    const hits = async (rows: Promise<{ rows: unknown[] }>): Promise<Hit[]> => ((await rows).rows as Array<{ key: number; score: number }>).map((row) => ({ key: Number(row.key), score: Number(row.score) }))
    return windowedSearch(request, {
      count: async (upTo) => Number(((await db.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM search_index s CROSS JOIN ${query} WHERE ${where} LIMIT ${upTo}) c`)).rows[0] as { n: number }).n),
      ranked: (window, offset, limit) => hits(scoredSlice(window, 0, sql`ORDER BY score DESC, ${newestFirst} LIMIT ${limit} OFFSET ${offset}`)),
      newest: (offset, limit) => hits(scoredSlice(limit, offset, sql`ORDER BY ${newestFirst}`)),
      rows: async (keys) => {
        const { rows } = await db.execute(sql`SELECT s.id AS key, p.json AS json, s.body_text AS "bodyText", s.body AS body
          FROM search_index s JOIN published_articles p ON p.id = s.id WHERE s.id = ANY(${sql.raw(`'{${keys.map(Number).join(',')}}'::int[]`)})`)
        return new Map((rows as Array<Omit<SearchRow, 'score'> & { key: number }>).map(({ key, ...row }) => [Number(key), row]))
      },
    })
  },

  async write(payload: Payload, entries: SearchEntry[], req?: Partial<PayloadRequest>) {
    const db = (await dbFor(payload, req)) as Db
    for (let start = 0; start < entries.length; start += BATCH) {
      const values = entries.slice(start, start + BATCH).map(
        (entry) =>
          sql`(${entry.id}, ${entry.article}, ${entry.locale}, ${editionOf(entry.locale).textSearch}::regconfig, ${entry.publishedAt}::timestamptz, ${entry.title}, ${entry.excerpt}, ${entry.people}, ${entry.tags}, ${entry.body}, ${entry.bodyText}, ${entry.authorIds}, ${entry.tagIds})`,
      )
      await db.execute(sql`INSERT INTO search_index (id, article, locale, language, published_at, title, excerpt, people, tags, body, body_text, author_ids, tag_ids)
        VALUES ${sql.join(values, sql`, `)}
        ON CONFLICT (id) DO UPDATE SET article = excluded.article, locale = excluded.locale, language = excluded.language, published_at = excluded.published_at,
          title = excluded.title, excerpt = excluded.excerpt, people = excluded.people, tags = excluded.tags, body = excluded.body,
          body_text = excluded.body_text, author_ids = excluded.author_ids, tag_ids = excluded.tag_ids`)
    }
  },

  async remove(payload: Payload, ids: number[], req?: Partial<PayloadRequest>) {
    if (ids.length === 0) return
    const db = (await dbFor(payload, req)) as Db
    await db.execute(sql`DELETE FROM search_index WHERE id = ANY(${sql.raw(`'{${ids.map(Number).join(',')}}'::int[]`)})`)
  },

  async idsShowing(payload: Payload, collection: 'authors' | 'tags', id: string, req?: Partial<PayloadRequest>) {
    const db = (await dbFor(payload, req)) as Db
    const column = sql.raw(collection === 'authors' ? 'author_ids' : 'tag_ids')
    const { rows } = await db.execute(sql`SELECT id FROM search_index WHERE ${column} LIKE ${`% ${id} %`}`)
    return (rows as Array<{ id: number }>).map((row) => Number(row.id))
  },

  async state(payload: Payload) {
    const db = adapterOf(payload).drizzle as Db
    const [counted, format] = await Promise.all([db.execute(sql`SELECT count(*)::int AS n FROM search_index`), db.execute(sql`SELECT format FROM search_state WHERE id = 1`)])
    return { entries: Number((counted.rows[0] as { n: number }).n), format: (format.rows[0] as { format?: string } | undefined)?.format }
  },

  async reset(payload: Payload, format: string) {
    const db = adapterOf(payload).drizzle as Db
    await db.execute(sql`TRUNCATE search_index`)
    await this.setFormat(payload, format)
  },

  async setFormat(payload: Payload, format: string) {
    const db = adapterOf(payload).drizzle as Db
    await db.execute(sql`INSERT INTO search_state (id, format) VALUES (1, ${format}) ON CONFLICT (id) DO UPDATE SET format = excluded.format`)
  },
}

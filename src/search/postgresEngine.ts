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
/** How many times wider than the last a look for the newest matches may be before it covers the whole edition instead. */
const WIDEST_STEP = 16

function filters(request: SearchRequest, query: SQL): SQL {
  const parts: SQL[] = [sql`s.document @@ ${query}`, sql`s.locale = ${request.locale}`]
  if (request.tag !== undefined) parts.push(sql`s.tag_ids LIKE ${`% ${request.tag} %`}`)
  if (request.author !== undefined) parts.push(sql`s.author_ids LIKE ${`% ${request.author} %`}`)
  if (request.from !== undefined) parts.push(sql`s.published_at >= ${request.from}`)
  if (request.to !== undefined) parts.push(sql`s.published_at < ${request.to}`)
  return sql.join(parts, sql` AND `)
}

/**
 * The newest `n` matches of a search on PostgreSQL, from `look(n, since)` (the newest n matches
 * published at or after `since`, or of all) and `publishedAtOfNewest(entries)` (when the
 * edition's `entries`-th newest entry was published; undefined when it has fewer).
 *
 * GIN finds matches in no order, and every candidate of a phrase is checked against its document:
 * reading all the matches of a common word to keep the newest n would cost time in proportion to
 * the archive. So the first look covers only the newest `firstLook` entries, and a wider one
 * follows, sized by how many matched, until n match or the look covers the whole edition.
 * Newest-first order makes a narrow look's matches exactly the newest ones. A rarer word, whose
 * look would have to be many times wider, is looked for everywhere at once: all its matches are
 * few, and so cheap to read. The benchmark's baseline runs the same looks (bench/api/baseline.ts).
 */
export async function newestBySlices(
  n: number,
  firstLook: number,
  publishedAtOfNewest: (entries: number) => Promise<string | undefined>,
  look: (n: number, since?: string) => Promise<Hit[]>,
): Promise<Hit[]> {
  let entries = firstLook
  for (;;) {
    const since = await publishedAtOfNewest(entries)
    const hits = await look(n, since)
    if (hits.length >= n || since === undefined) return hits
    const wider = Math.ceil((1.5 * entries * n) / Math.max(hits.length, 1))
    if (hits.length === 0 || wider > WIDEST_STEP * entries) return look(n)
    entries = Math.max(2 * entries, wider)
  }
}

/** When the `entries`-th newest entry of the request's edition and dates was published; undefined when it has fewer. */
async function publishedAtOfNewest(db: Db, request: SearchRequest, entries: number): Promise<string | undefined> {
  const dates = [...(request.from === undefined ? [] : [sql` AND published_at >= ${request.from}`]), ...(request.to === undefined ? [] : [sql` AND published_at < ${request.to}`])]
  // Walks the (locale, published_at) index backwards: as far as `entries`, however large the edition.
  const { rows } = await db.execute(sql`SELECT published_at AS "publishedAt" FROM search_index
    WHERE locale = ${request.locale} AND published_at IS NOT NULL${sql.join(dates, sql``)} ORDER BY published_at DESC OFFSET ${entries - 1} LIMIT 1`)
  const found = (rows[0] as { publishedAt?: Date | string } | undefined)?.publishedAt
  return found === undefined ? undefined : new Date(found).toISOString()
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
    const newestFirst = sql`published_at DESC NULLS LAST, id DESC`
    // The newest `n` matches published at or after `since` (all of them without it), as `m`,
    // scored in the outer query: ts_rank_cd reads each document, so only the rows kept are scored.
    const matchesSince = async (n: number, since?: string): Promise<Hit[]> => {
      const where = since === undefined ? filters(request, sql`q`) : sql`${filters(request, sql`q`)} AND s.published_at >= ${since}`
      const { rows } = await db.execute(sql`SELECT m.id AS key, ts_rank_cd(m.document, q, 1) AS score
        FROM (SELECT s.id, s.published_at, s.document FROM search_index s CROSS JOIN ${query} WHERE ${where} ORDER BY ${newestFirst} LIMIT ${n}) m CROSS JOIN ${query}
        ORDER BY m.published_at DESC NULLS LAST, m.id DESC`)
      return (rows as Array<{ key: number; score: number }>).map((row) => ({ key: Number(row.key), score: Number(row.score) }))
    }
    return windowedSearch(request, {
      newest: (n) => newestBySlices(n, request.firstLook ?? 4 * n, (entries) => publishedAtOfNewest(db, request, entries), matchesSince),
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

import { editionOf } from '../../src/editions/locales'
import { parseQuery } from '../../src/search/query'
import { newestBySlices } from '../../src/search/postgresEngine'
import { editionKeys } from '../../src/search/sqliteEngine'
import { fts5Match, tsQuery } from '../../src/search/sqlExpressions'
import { byRelevance, matchesRead, RANK_WINDOW } from '../../src/search/window'

type Row = Record<string, unknown>
/** How many of the newest matches the engines read for a first page of 10 (src/search/window.ts). */
const MATCHES_READ = matchesRead({ limit: 10, page: 1 })
export type BaselineStore = {
  latest: (limit: number) => Promise<Row[]>
  bySlug: (slug: string) => Promise<Row[]>
  /** The search engine's own full-text SQL (src/search), run directly: the newest matches it reads, the best 10 of their ranked window (src/search/window.ts) with their stored JSON, and their count. */
  search: (q: string, locale: 'ar' | 'en') => Promise<string>
  close: () => Promise<void>
}

const searchBody = (rows: Array<{ json: string }>, total: unknown) => `{"docs":[${rows.map((row) => row.json).join(',')}],"totalDocs":${Number(total)}}`
type Match = { key: number; score: number }
/** The 10 best of the ranked window, by the engines' own rule. */
const bestTen = (newestFirst: Match[]) => byRelevance(newestFirst, RANK_WINDOW).slice(0, 10)
const inOrder = <T extends { key: number }>(keys: number[], rows: T[]) => keys.flatMap((key) => rows.filter((row) => Number(row.key) === key))

// The English edition's published articles, with their authors' and tags' English names.
const sqliteSelect = `
  SELECT a.id, l.title, l.slug, l.excerpt, l.body, a.published_at AS publishedAt,
    (SELECT json_group_array(json_object('id', au.id, 'name', aul.name, 'slug', au.slug)) FROM articles_rels r JOIN authors au ON au.id = r.authors_id JOIN authors_locales aul ON aul._parent_id = au.id AND aul._locale = 'en' WHERE r.parent_id = a.id AND r.path = 'authors') AS authors,
    (SELECT json_group_array(json_object('id', t.id, 'name', tl.name, 'slug', tl.slug)) FROM articles_rels r JOIN tags t ON t.id = r.tags_id JOIN tags_locales tl ON tl._parent_id = t.id AND tl._locale = 'en' WHERE r.parent_id = a.id AND r.path = 'tags') AS tags
  FROM articles a JOIN articles_locales l ON l._parent_id = a.id AND l._locale = 'en' WHERE l._status = 'published'`

const postgresSelect = `
  SELECT a.id, l.title, l.slug, l.excerpt, l.body, a.published_at AS "publishedAt",
    (SELECT coalesce(json_agg(json_build_object('id', au.id, 'name', aul.name, 'slug', au.slug) ORDER BY r."order"), '[]') FROM articles_rels r JOIN authors au ON au.id = r.authors_id JOIN authors_locales aul ON aul._parent_id = au.id AND aul._locale = 'en' WHERE r.parent_id = a.id AND r.path = 'authors') AS authors,
    (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', tl.name, 'slug', tl.slug) ORDER BY r."order"), '[]') FROM articles_rels r JOIN tags t ON t.id = r.tags_id JOIN tags_locales tl ON tl._parent_id = t.id AND tl._locale = 'en' WHERE r.parent_id = a.id AND r.path = 'tags') AS tags
  FROM articles a JOIN articles_locales l ON l._parent_id = a.id AND l._locale = 'en' WHERE l._status = 'published'`

/** The baseline's own connection and queries: what a hand-written endpoint would do. */
export async function openBaselineStore(url: string): Promise<BaselineStore> {
  if (url.startsWith('postgres')) {
    const { default: pg } = await import('pg')
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    return {
      latest: async (limit) => (await pool.query(`${postgresSelect} ORDER BY a.published_at DESC LIMIT $1`, [limit])).rows,
      bySlug: async (slug) => (await pool.query(`${postgresSelect} AND l.slug = $1 LIMIT 1`, [slug])).rows,
      search: async (q, locale) => {
        const args = [editionOf(locale).textSearch, tsQuery(parseQuery(q)), locale]
        const look = async (n: number, since?: string): Promise<Match[]> =>
          (
            await pool.query(
              `SELECT m.id AS key, ts_rank_cd(m.document, q, 1) AS score FROM (
                 SELECT s.id, s.published_at, s.document FROM search_index s CROSS JOIN to_tsquery($1::regconfig, $2) AS q
                 WHERE s.document @@ q AND s.locale = $3 ${since === undefined ? '' : 'AND s.published_at >= $5'} ORDER BY s.published_at DESC NULLS LAST, s.id DESC LIMIT $4) m
               CROSS JOIN to_tsquery($1::regconfig, $2) AS q ORDER BY m.published_at DESC NULLS LAST, m.id DESC`,
              since === undefined ? [...args, n] : [...args, n, since],
            )
          ).rows.map((row) => ({ key: Number(row.key), score: Number(row.score) }))
        const publishedAtOfNewest = async (entries: number) => {
          const { rows } = await pool.query('SELECT published_at FROM search_index WHERE locale = $1 AND published_at IS NOT NULL ORDER BY published_at DESC OFFSET $2 LIMIT 1', [locale, entries - 1])
          return rows[0] ? new Date(rows[0].published_at).toISOString() : undefined
        }
        const matches = await newestBySlices(MATCHES_READ, 4 * MATCHES_READ, publishedAtOfNewest, look)
        const keys = bestTen(matches).map((match) => match.key)
        const { rows } = await pool.query('SELECT s.id AS key, p.json, s.body_text, s.body FROM search_index s JOIN published_articles p ON p.id = s.id WHERE s.id = ANY($1::int[])', [keys])
        return searchBody(inOrder(keys, rows), matches.length)
      },
      close: () => pool.end(),
    }
  }
  const { createClient } = await import('@libsql/client')
  const client = createClient({ url })
  const decode = (rows: Row[]) =>
    rows.map((row) => ({ ...row, body: JSON.parse(row.body as string), authors: JSON.parse(row.authors as string), tags: JSON.parse(row.tags as string) }))
  return {
    latest: async (limit) => decode((await client.execute({ sql: `${sqliteSelect} ORDER BY a.published_at DESC LIMIT ?`, args: [limit] })).rows as Row[]),
    bySlug: async (slug) => decode((await client.execute({ sql: `${sqliteSelect} AND l.slug = ? LIMIT 1`, args: [slug] })).rows as Row[]),
    search: async (q, locale) => {
      const match = fts5Match(parseQuery(q), ['title', 'excerpt', 'people', 'tags', 'body'])
      const [first, end] = editionKeys(locale)
      const newest = await client.execute({
        sql: 'SELECT rowid AS key, bm25(search_index, 10.0, 5.0, 3.0, 3.0, 1.0, 0.0) AS score FROM search_index WHERE search_index MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?',
        args: [match, first, end, MATCHES_READ],
      })
      // bm25 is lower for better matches.
      const matches = newest.rows.map((row) => ({ key: Number(row.key), score: -Number(row.score) }))
      const keys = bestTen(matches).map((match) => match.key)
      const rows = await client.execute({
        sql: `SELECT s.rowid AS key, p.json AS json, s.body_text, s.body FROM search_index s JOIN published_articles p ON p.id = s.entry WHERE s.rowid IN (${keys.map(() => '?').join(', ') || 'NULL'})`,
        args: keys,
      })
      return searchBody(inOrder(keys, rows.rows as unknown as Array<{ key: number; json: string }>), matches.length)
    },
    close: async () => client.close(),
  }
}

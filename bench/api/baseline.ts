import { editionOf } from '../../src/editions/locales'
import { parseQuery } from '../../src/search/query'
import { editionKeys } from '../../src/search/sqliteEngine'
import { fts5Match, tsQuery } from '../../src/search/sqlExpressions'
import { countCapOf } from '../../src/search/limits'
import { RANK_WINDOW } from '../../src/search/window'

type Row = Record<string, unknown>
/** The engines count matches up to one past the cap of a page of 10 (src/search/limits.ts). */
const COUNT_UP_TO = countCapOf({ limit: 10 }) + 1
export type BaselineStore = {
  latest: (limit: number) => Promise<Row[]>
  bySlug: (slug: string) => Promise<Row[]>
  /** The search engine's own full-text SQL (src/search), run directly: the best 10 of the ranked window (src/search/window.ts) with their stored JSON, and the count up to its cap. */
  search: (q: string, locale: 'ar' | 'en') => Promise<string>
  close: () => Promise<void>
}

const searchBody = (rows: Array<{ json: string }>, total: unknown) => `{"docs":[${rows.map((row) => row.json).join(',')}],"totalDocs":${Number(total)}}`

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
        const [rows, counted] = await Promise.all([
          pool.query(
            `SELECT p.json, s.body_text, s.body, top.score FROM (
               SELECT m.id, m.published_at, ts_rank_cd(m.document, q, 1) AS score FROM (
                 SELECT s.id, s.published_at, s.document FROM search_index s CROSS JOIN to_tsquery($1::regconfig, $2) AS q
                 WHERE s.document @@ q AND s.locale = $3 ORDER BY s.published_at DESC NULLS LAST, s.id DESC LIMIT $4) m CROSS JOIN to_tsquery($1::regconfig, $2) AS q
               ORDER BY score DESC, m.published_at DESC NULLS LAST, m.id DESC LIMIT 10) top
             JOIN search_index s ON s.id = top.id JOIN published_articles p ON p.id = s.id ORDER BY top.score DESC, top.published_at DESC NULLS LAST, top.id DESC`,
            [...args, RANK_WINDOW],
          ),
          pool.query('SELECT count(*)::int AS n FROM (SELECT 1 FROM search_index s CROSS JOIN to_tsquery($1::regconfig, $2) AS q WHERE s.document @@ q AND s.locale = $3 LIMIT $4) c', [...args, COUNT_UP_TO]),
        ])
        return searchBody(rows.rows, counted.rows[0].n)
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
      const [rows, counted] = await Promise.all([
        client.execute({
          sql: `SELECT p.json AS json, s.body_text, s.body, top.score FROM (
                  SELECT key, score FROM (SELECT rowid AS key, bm25(search_index, 10.0, 5.0, 3.0, 3.0, 1.0, 0.0) AS score FROM search_index WHERE search_index MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?)
                  ORDER BY score ASC, key DESC LIMIT 10) top
                JOIN search_index s ON s.rowid = top.key JOIN published_articles p ON p.id = s.entry ORDER BY top.score ASC, top.key DESC`,
          args: [match, first, end, RANK_WINDOW],
        }),
        client.execute({ sql: 'SELECT count(*) AS n FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? AND rowid >= ? AND rowid < ? LIMIT ?)', args: [match, first, end, COUNT_UP_TO] }),
      ])
      return searchBody(rows.rows as unknown as Array<{ json: string }>, counted.rows[0]!.n)
    },
    close: async () => client.close(),
  }
}

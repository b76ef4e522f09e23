type Row = Record<string, unknown>
export type BaselineStore = { latest: (limit: number) => Promise<Row[]>; bySlug: (slug: string) => Promise<Row[]>; close: () => Promise<void> }

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
    close: async () => client.close(),
  }
}

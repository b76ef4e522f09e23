import type { Payload } from 'payload'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { articleParagraphs, articleTitle } from './text'

type Exec = (sql: string, params: unknown[]) => Promise<void>

/** Runs SQL on the CMS's own connection, with the dialect's placeholders. */
function executorFor(payload: Payload): { exec: Exec; placeholder: (index: number) => string } {
  const db = payload.db as unknown as { pool?: { query: (sql: string, params: unknown[]) => Promise<unknown> }; client?: { execute: (stmt: { sql: string; args: unknown[] }) => Promise<unknown> } }
  if (db.pool) return { exec: async (sql, params) => void (await db.pool!.query(sql, params)), placeholder: (index) => `$${index + 1}` }
  return { exec: async (sql, params) => void (await db.client!.execute({ sql, args: params })), placeholder: () => '?' }
}

async function insertRows(exec: Exec, placeholder: (index: number) => string, table: string, columns: string[], rows: unknown[][]) {
  const perStatement = Math.floor(20_000 / columns.length)
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement)
    let index = 0
    const values = chunk.map(() => `(${columns.map(() => placeholder(index++)).join(', ')})`).join(', ')
    await exec(`INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${values}`, chunk.flat())
  }
}

/** The Arabic edition's slug of seeded article `i` (what `slugify` makes of its title). */
export const arabicSlugOf = (i: number) => `مقالة-رقم-${i}-عن-الفصائل`

/**
 * Seeds `count` articles published in both editions (English and Arabic, docs/editions.md), with
 * 200 authors and 100 tags, straight into the CMS's tables (going through the API would take
 * hours at 100k), each with one or two authors and one to three tags, spread over three years,
 * and about 250 words of realistic, varied text in each edition (bench/api/text.ts).
 * Returns the articles' English slugs.
 */
export async function seedArticles(payload: Payload, count: number): Promise<string[]> {
  const { exec, placeholder } = executorFor(payload)
  const now = new Date().toISOString()
  const perEdition = (n: number, en: (i: number) => unknown[], ar: (i: number) => unknown[]) =>
    Array.from({ length: n }, (_, i) => [[...en(i + 1), 'en', i + 1], [...ar(i + 1), 'ar', i + 1]]).flat()
  await insertRows(exec, placeholder, 'authors', ['id', 'slug', 'updated_at', 'created_at'], Array.from({ length: 200 }, (_, i) => [i + 1, `writer-${i + 1}`, now, now]))
  await insertRows(exec, placeholder, 'authors_locales', ['name', '_locale', '_parent_id'], perEdition(200, (i) => [`Writer ${i}`], (i) => [`الكاتب ${i}`]))
  await insertRows(exec, placeholder, 'tags', ['id', 'updated_at', 'created_at'], Array.from({ length: 100 }, (_, i) => [i + 1, now, now]))
  await insertRows(exec, placeholder, 'tags_locales', ['name', 'slug', '_locale', '_parent_id'], perEdition(100, (i) => [`Topic ${i}`, `topic-${i}`], (i) => [`موضوع ${i}`, `موضوع-${i}`]))

  const threeYears = 3 * 365 * 24 * 3600_000
  const slugs: string[] = []
  // Written in chunks: at 100k the articles' text would not sit in memory at once.
  const CHUNK = 5000
  for (let first = 1; first <= count; first += CHUNK) {
    const articles: unknown[][] = []
    const editions: unknown[][] = []
    const rels: unknown[][] = []
    for (let i = first; i <= Math.min(count, first + CHUNK - 1); i++) {
      const slug = `article-${i}`
      slugs.push(slug)
      const publishedAt = new Date(Date.now() - ((i * 7919) % count) * (threeYears / count)).toISOString()
      articles.push([i, publishedAt, now, now])
      const [english, arabic] = [articleParagraphs(i), articleParagraphs(i, true)]
      editions.push([articleTitle(i), slug, english[0], JSON.stringify(lexicalFromParagraphs(english)), 'published', 'published', 'en', i])
      editions.push([articleTitle(i, true), arabicSlugOf(i), arabic[0], JSON.stringify(lexicalFromParagraphs(arabic)), 'published', 'published', 'ar', i])
      let order = 1
      for (let a = 0; a < 1 + (i % 2); a++) rels.push([order++, i, 'authors', ((i + a * 37) % 200) + 1, null])
      for (let t = 0; t < 1 + (i % 3); t++) rels.push([order++, i, 'tags', null, ((i + t * 13) % 100) + 1])
    }
    await insertRows(exec, placeholder, 'articles', ['id', 'published_at', 'updated_at', 'created_at'], articles)
    await insertRows(exec, placeholder, 'articles_locales', ['title', 'slug', 'excerpt', 'body', 'stage', '_status', '_locale', '_parent_id'], editions)
    await insertRows(exec, placeholder, 'articles_rels', ['order', 'parent_id', 'path', 'authors_id', 'tags_id'], rels)
  }
  if (payload.db.name.includes('postgres')) {
    for (const table of ['authors', 'tags', 'articles']) await exec(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`, [])
  }
  return slugs
}

/**
 * After the bulk writes (the seed, the delivery store's rebuild), what a live database has done
 * by itself before it is measured: PostgreSQL's autovacuum (statistics, and the visibility map
 * that lets counts use index-only scans) and checkpoint, SQLite's statistics and a checkpoint of
 * its write-ahead log.
 */
export async function settleDatabase(payload: Payload): Promise<void> {
  const { exec } = executorFor(payload)
  if (payload.db.name.includes('postgres')) {
    await exec('VACUUM ANALYZE', [])
    // And flushes what that wrote, instead of during the first measurement (needs pg_checkpoint or a superuser).
    await exec('CHECKPOINT', []).catch(() => undefined)
  } else {
    await exec('ANALYZE', [])
    await exec('PRAGMA wal_checkpoint(TRUNCATE)', [])
  }
}

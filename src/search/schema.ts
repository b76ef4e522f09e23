import { EDITION_CODES } from '../editions/locales'

/**
 * The search index's tables, beside the delivery store (collections/PublishedArticles.ts) they
 * are built from: one entry per published edition of an article, keyed by the store row's id.
 * They are not Payload collections (an FTS5 table or a generated tsvector is nothing Payload's
 * schema can declare): the committed migrations create them, and in development, where Payload
 * pushes its schema instead, src/search/devSchema.ts keeps them out of the push's way.
 *
 * Each version here is frozen once a migration uses it: a change is a new version and a new migration.
 */

/**
 * Written to `search_state` with the index: an index built under another version is rebuilt at
 * start. SQLite's keys place each edition by its position in EDITIONS, so a change there is a
 * change of format too.
 */
export const SEARCH_FORMAT = `search-2:${EDITION_CODES.join(',')}`

// Indexed columns, in the order bm25 weighs them (src/search/sqliteEngine.ts), then the stored ones.
export const SEARCH_SCHEMA_V1 = {
  sqlite: [
    `CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
      title, excerpt, people, tags, body, locale,
      article UNINDEXED, published_at UNINDEXED, body_text UNINDEXED, author_ids UNINDEXED, tag_ids UNINDEXED,
      tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
    )`,
    `CREATE TABLE IF NOT EXISTS search_state (id integer PRIMARY KEY, format text NOT NULL)`,
  ],
  postgres: [
    // Each edition's words stemmed by PostgreSQL's Snowball stemmers, with no stop words: as on
    // SQLite, "the", "who" and the words inside a phrase are searched like any other.
    ...(['english', 'arabic'] as const).flatMap((language) => [
      `DO $$ BEGIN CREATE TEXT SEARCH DICTIONARY newsroom_${language}_stem (TEMPLATE = snowball, Language = ${language}); EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
      `DO $$ BEGIN CREATE TEXT SEARCH CONFIGURATION newsroom_${language} (COPY = ${language}); ALTER TEXT SEARCH CONFIGURATION newsroom_${language} ALTER MAPPING REPLACE ${language}_stem WITH newsroom_${language}_stem; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    ]),
    `CREATE TABLE IF NOT EXISTS search_index (
      id integer PRIMARY KEY,
      article varchar NOT NULL,
      locale varchar NOT NULL,
      language regconfig NOT NULL,
      published_at timestamp(3) with time zone,
      title text NOT NULL DEFAULT '',
      excerpt text NOT NULL DEFAULT '',
      people text NOT NULL DEFAULT '',
      tags text NOT NULL DEFAULT '',
      body text NOT NULL DEFAULT '',
      body_text text NOT NULL DEFAULT '',
      author_ids text NOT NULL DEFAULT '',
      tag_ids text NOT NULL DEFAULT '',
      document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(language, title), 'A') ||
        setweight(to_tsvector(language, excerpt), 'B') ||
        setweight(to_tsvector(language, people || ' ' || tags), 'B') ||
        setweight(to_tsvector(language, body), 'D')
      ) STORED
    )`,
    `CREATE INDEX IF NOT EXISTS search_index_document_idx ON search_index USING gin (document)`,
    `CREATE INDEX IF NOT EXISTS search_index_locale_published_idx ON search_index (locale, published_at)`,
    `CREATE TABLE IF NOT EXISTS search_state (id integer PRIMARY KEY, format text NOT NULL)`,
  ],
} as const

const SQLITE_INDEX_TABLE_V2 = `CREATE VIRTUAL TABLE search_index USING fts5(
      title, excerpt, people, tags, body, facets,
      entry UNINDEXED, article UNINDEXED, locale UNINDEXED, published_at UNINDEXED, body_text UNINDEXED,
      tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
    )`

/**
 * Version 2, SQLite only (PostgreSQL's tables are unchanged): entries are keyed by edition and
 * publication time, so that FTS5, which walks its matches in key order, keeps to one edition and
 * finds the newest matches first without reading the others (the ranked window, date ranges and
 * `sort=newest` read only what they return; src/search/sqliteEngine.ts). `search_keys` maps a delivery-store row to its
 * entry's key. Tags and authors are indexed as words of `facets`, so a filter is a lookup too.
 */
export const SEARCH_SCHEMA_V2 = {
  sqlite: [
    `DROP TABLE IF EXISTS search_index`,
    SQLITE_INDEX_TABLE_V2,
    `CREATE TABLE IF NOT EXISTS search_keys (id integer PRIMARY KEY, key integer NOT NULL UNIQUE)`,
    `CREATE TABLE IF NOT EXISTS search_state (id integer PRIMARY KEY, format text NOT NULL)`,
    // Rebuilt from the delivery store at the next start (src/search/readiness.ts).
    `DELETE FROM search_state`,
  ],
  postgres: SEARCH_SCHEMA_V1.postgres,
} as const

/** SQLite's FTS5 table as the current version creates it: a rebuild starts from a new one (src/search/sqliteEngine.ts, `reset`). */
export const SQLITE_INDEX_TABLE = SQLITE_INDEX_TABLE_V2

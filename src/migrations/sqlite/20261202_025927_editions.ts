import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

/**
 * The English and Arabic editions (hand-edited from Payload's generated migration): the
 * translatable fields of articles, authors, tags and media move into per-locale tables, and every
 * value stored so far becomes the English edition's (`en`, fixed here: it is what the content was
 * written in, whatever the default edition later becomes), with its workflow stage, assignee, due date
 * and publication status; nothing is Arabic yet.
 *
 * Payload generated a rebuild of `articles` and `_articles_v` (create a copy, drop the old table).
 * Payload runs each migration in a transaction, where SQLite cannot turn foreign keys off, so the
 * drop would delete, through ON DELETE CASCADE, every row pointing at an article: its relations,
 * versions' relations, history and comments. The moved columns are dropped in place instead,
 * once the indexes on them are gone (their names are reused by the per-locale tables).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  // The per-locale tables.
  await db.run(sql`CREATE TABLE \`articles_locales\` (
  	\`title\` text,
  	\`slug\` text,
  	\`excerpt\` text,
  	\`body\` text,
  	\`stage\` text DEFAULT 'draft',
  	\`assignee_id\` integer,
  	\`due_date\` text,
  	\`seo_title\` text,
  	\`seo_description\` text,
  	\`_status\` text DEFAULT 'draft',
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`assignee_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE TABLE \`_articles_v_locales\` (
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_excerpt\` text,
  	\`version_body\` text,
  	\`version_stage\` text DEFAULT 'draft',
  	\`version_assignee_id\` integer,
  	\`version_due_date\` text,
  	\`version_seo_title\` text,
  	\`version_seo_description\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`version_assignee_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_articles_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE TABLE \`authors_locales\` (
  	\`name\` text NOT NULL,
  	\`bio\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`authors\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE TABLE \`tags_locales\` (
  	\`name\` text NOT NULL,
  	\`slug\` text NOT NULL,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`tags\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE TABLE \`media_locales\` (
  	\`alt\` text NOT NULL,
  	\`caption\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  // What is stored today is the English edition.
  await db.run(sql`INSERT INTO \`articles_locales\` (\`title\`, \`slug\`, \`excerpt\`, \`body\`, \`stage\`, \`assignee_id\`, \`due_date\`, \`seo_title\`, \`seo_description\`, \`_status\`, \`_locale\`, \`_parent_id\`) SELECT \`title\`, \`slug\`, \`excerpt\`, \`body\`, \`stage\`, \`assignee_id\`, \`due_date\`, \`seo_title\`, \`seo_description\`, \`_status\`, 'en', \`id\` FROM \`articles\`;`)
  await db.run(sql`INSERT INTO \`_articles_v_locales\` (\`version_title\`, \`version_slug\`, \`version_excerpt\`, \`version_body\`, \`version_stage\`, \`version_assignee_id\`, \`version_due_date\`, \`version_seo_title\`, \`version_seo_description\`, \`version__status\`, \`_locale\`, \`_parent_id\`) SELECT \`version_title\`, \`version_slug\`, \`version_excerpt\`, \`version_body\`, \`version_stage\`, \`version_assignee_id\`, \`version_due_date\`, \`version_seo_title\`, \`version_seo_description\`, \`version__status\`, 'en', \`id\` FROM \`_articles_v\`;`)
  await db.run(sql`INSERT INTO \`authors_locales\` (\`name\`, \`bio\`, \`_locale\`, \`_parent_id\`) SELECT \`name\`, \`bio\`, 'en', \`id\` FROM \`authors\`;`)
  await db.run(sql`INSERT INTO \`tags_locales\` (\`name\`, \`slug\`, \`description\`, \`_locale\`, \`_parent_id\`) SELECT \`name\`, \`slug\`, \`description\`, 'en', \`id\` FROM \`tags\`;`)
  await db.run(sql`INSERT INTO \`media_locales\` (\`alt\`, \`_locale\`, \`_parent_id\`) SELECT \`alt\`, 'en', \`id\` FROM \`media\`;`)
  // The old columns go, their indexes first.
  await db.run(sql`DROP INDEX \`articles_slug_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_stage_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_assignee_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_due_date_idx\`;`)
  await db.run(sql`DROP INDEX \`articles__status_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_publishedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_version_slug_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_version_stage_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_version_assignee_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_version_due_date_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_version__status_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_publishedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`tags_slug_idx\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`title\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`slug\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`excerpt\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`body\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`stage\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`assignee_id\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`due_date\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`seo_title\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`seo_description\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`_status\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_title\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_slug\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_excerpt\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_body\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_stage\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_assignee_id\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_due_date\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_seo_title\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_seo_description\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version__status\`;`)
  await db.run(sql`ALTER TABLE \`tags\` DROP COLUMN \`name\`;`)
  await db.run(sql`ALTER TABLE \`tags\` DROP COLUMN \`slug\`;`)
  await db.run(sql`ALTER TABLE \`tags\` DROP COLUMN \`description\`;`)
  await db.run(sql`ALTER TABLE \`authors\` DROP COLUMN \`name\`;`)
  await db.run(sql`ALTER TABLE \`authors\` DROP COLUMN \`bio\`;`)
  await db.run(sql`ALTER TABLE \`media\` DROP COLUMN \`alt\`;`)
  // Per-locale publishing: which locale a version published, and the drafts kept beside it.
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`snapshot\` integer;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`published_locale\` text;`)
  await db.run(sql`CREATE INDEX \`_articles_v_snapshot_idx\` ON \`_articles_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_published_locale_idx\` ON \`_articles_v\` (\`published_locale\`);`)
  await db.run(sql`ALTER TABLE \`_pages_v\` ADD \`snapshot\` integer;`)
  await db.run(sql`ALTER TABLE \`_pages_v\` ADD \`published_locale\` text;`)
  await db.run(sql`CREATE INDEX \`_pages_v_snapshot_idx\` ON \`_pages_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_pages_v_published_locale_idx\` ON \`_pages_v\` (\`published_locale\`);`)
  // The per-locale indexes.
  await db.run(sql`CREATE UNIQUE INDEX \`articles_slug_idx\` ON \`articles_locales\` (\`slug\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`articles_stage_idx\` ON \`articles_locales\` (\`stage\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`articles_assignee_idx\` ON \`articles_locales\` (\`assignee_id\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`articles_due_date_idx\` ON \`articles_locales\` (\`due_date\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles_locales\` (\`_status\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`articles_locales_locale_parent_id_unique\` ON \`articles_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_slug_idx\` ON \`_articles_v_locales\` (\`version_slug\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_stage_idx\` ON \`_articles_v_locales\` (\`version_stage\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_assignee_idx\` ON \`_articles_v_locales\` (\`version_assignee_id\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_due_date_idx\` ON \`_articles_v_locales\` (\`version_due_date\`,\`_locale\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v_locales\` (\`version__status\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`_articles_v_locales_locale_parent_id_unique\` ON \`_articles_v_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`authors_locales_locale_parent_id_unique\` ON \`authors_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`tags_slug_idx\` ON \`tags_locales\` (\`slug\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`tags_locales_locale_parent_id_unique\` ON \`tags_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_locales_locale_parent_id_unique\` ON \`media_locales\` (\`_locale\`,\`_parent_id\`);`)
}

/** One way: the Arabic edition has no place in the old schema. Roll back by restoring the backup taken before upgrading. */
export async function down(_args: MigrateDownArgs): Promise<void> {
  throw new Error('The editions migration cannot be undone: restore the database backup taken before the upgrade.')
}

import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`published_articles_slug_idx\`;`)
  await db.run(sql`DROP INDEX \`publishedAt_articleCreatedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`published_articles_article_idx\`;`)
  await db.run(sql`ALTER TABLE \`published_articles\` ADD \`locale\` text DEFAULT 'en' NOT NULL;`)
  await db.run(sql`CREATE UNIQUE INDEX \`article_locale_idx\` ON \`published_articles\` (\`article\`,\`locale\`);`)
  await db.run(sql`CREATE INDEX \`locale_publishedAt_articleCreatedAt_idx\` ON \`published_articles\` (\`locale\`,\`published_at\`,\`article_created_at\`);`)
  await db.run(sql`CREATE INDEX \`locale_slug_idx\` ON \`published_articles\` (\`locale\`,\`slug\`);`)
  await db.run(sql`CREATE INDEX \`published_articles_article_idx\` ON \`published_articles\` (\`article\`);`)
  await db.run(sql`ALTER TABLE \`delivery_stats\` ADD \`published_articles_ar\` numeric DEFAULT 0 NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`article_locale_idx\`;`)
  await db.run(sql`DROP INDEX \`locale_publishedAt_articleCreatedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`locale_slug_idx\`;`)
  await db.run(sql`DROP INDEX \`published_articles_article_idx\`;`)
  await db.run(sql`CREATE INDEX \`published_articles_slug_idx\` ON \`published_articles\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`publishedAt_articleCreatedAt_idx\` ON \`published_articles\` (\`published_at\`,\`article_created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`published_articles_article_idx\` ON \`published_articles\` (\`article\`);`)
  await db.run(sql`ALTER TABLE \`published_articles\` DROP COLUMN \`locale\`;`)
  await db.run(sql`ALTER TABLE \`delivery_stats\` DROP COLUMN \`published_articles_ar\`;`)
}

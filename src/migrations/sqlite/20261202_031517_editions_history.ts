import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`article_history\` ADD \`locale\` text DEFAULT 'en' NOT NULL;`)
  await db.run(sql`CREATE INDEX \`article_history_locale_idx\` ON \`article_history\` (\`locale\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`article_history_locale_idx\`;`)
  await db.run(sql`ALTER TABLE \`article_history\` DROP COLUMN \`locale\`;`)
}

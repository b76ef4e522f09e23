import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`site_settings\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`comments_open\` integer DEFAULT true,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`CREATE TABLE \`site_settings_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`site_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`site_settings_rels_order_idx\` ON \`site_settings_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`site_settings_rels_parent_idx\` ON \`site_settings_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`site_settings_rels_path_idx\` ON \`site_settings_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`site_settings_rels_articles_id_idx\` ON \`site_settings_rels\` (\`articles_id\`);`)
  await db.run(sql`ALTER TABLE \`comments\` ADD \`sender_fingerprint\` text;`)
  await db.run(sql`ALTER TABLE \`comments\` ADD \`body_fingerprint\` text;`)
  await db.run(sql`CREATE INDEX \`comments_sender_fingerprint_idx\` ON \`comments\` (\`sender_fingerprint\`);`)
  await db.run(sql`CREATE INDEX \`comments_body_fingerprint_idx\` ON \`comments\` (\`body_fingerprint\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`site_settings\`;`)
  await db.run(sql`DROP TABLE \`site_settings_rels\`;`)
  await db.run(sql`DROP INDEX \`comments_sender_fingerprint_idx\`;`)
  await db.run(sql`DROP INDEX \`comments_body_fingerprint_idx\`;`)
  await db.run(sql`ALTER TABLE \`comments\` DROP COLUMN \`sender_fingerprint\`;`)
  await db.run(sql`ALTER TABLE \`comments\` DROP COLUMN \`body_fingerprint\`;`)
}

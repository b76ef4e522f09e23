import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_article_history_locale" AS ENUM('en', 'ar');
  ALTER TABLE "article_history" ADD COLUMN "locale" "enum_article_history_locale" DEFAULT 'en' NOT NULL;
  CREATE INDEX "article_history_locale_idx" ON "article_history" USING btree ("locale");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "article_history_locale_idx";
  ALTER TABLE "article_history" DROP COLUMN "locale";
  DROP TYPE "public"."enum_article_history_locale";`)
}

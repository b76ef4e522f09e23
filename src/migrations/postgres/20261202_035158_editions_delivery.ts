import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "published_articles_slug_idx";
  DROP INDEX "publishedAt_articleCreatedAt_idx";
  DROP INDEX "published_articles_article_idx";
  ALTER TABLE "published_articles" ADD COLUMN "locale" varchar DEFAULT 'en' NOT NULL;
  ALTER TABLE "delivery_stats" ADD COLUMN "published_articles_ar" numeric DEFAULT 0 NOT NULL;
  CREATE UNIQUE INDEX "article_locale_idx" ON "published_articles" USING btree ("article","locale");
  CREATE INDEX "locale_publishedAt_articleCreatedAt_idx" ON "published_articles" USING btree ("locale","published_at","article_created_at");
  CREATE INDEX "locale_slug_idx" ON "published_articles" USING btree ("locale","slug");
  CREATE INDEX "published_articles_article_idx" ON "published_articles" USING btree ("article");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "article_locale_idx";
  DROP INDEX "locale_publishedAt_articleCreatedAt_idx";
  DROP INDEX "locale_slug_idx";
  DROP INDEX "published_articles_article_idx";
  CREATE INDEX "published_articles_slug_idx" ON "published_articles" USING btree ("slug");
  CREATE INDEX "publishedAt_articleCreatedAt_idx" ON "published_articles" USING btree ("published_at","article_created_at");
  CREATE UNIQUE INDEX "published_articles_article_idx" ON "published_articles" USING btree ("article");
  ALTER TABLE "published_articles" DROP COLUMN "locale";
  ALTER TABLE "delivery_stats" DROP COLUMN "published_articles_ar";`)
}

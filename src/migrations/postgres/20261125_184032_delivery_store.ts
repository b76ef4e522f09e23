import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'refreshPublishedArticles' BEFORE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'refreshPublishedArticles' BEFORE 'schedulePublish';
  CREATE TABLE "published_articles" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"article" varchar NOT NULL,
  	"slug" varchar,
  	"published_at" timestamp(3) with time zone,
  	"article_created_at" timestamp(3) with time zone NOT NULL,
  	"json" varchar NOT NULL,
  	"keys" varchar NOT NULL,
  	"format" varchar NOT NULL
  );
  
  CREATE TABLE "delivery_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"published_articles" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "published_articles_id" integer;
  CREATE UNIQUE INDEX "published_articles_article_idx" ON "published_articles" USING btree ("article");
  CREATE INDEX "published_articles_slug_idx" ON "published_articles" USING btree ("slug");
  CREATE INDEX "published_articles_format_idx" ON "published_articles" USING btree ("format");
  CREATE INDEX "publishedAt_articleCreatedAt_idx" ON "published_articles" USING btree ("published_at","article_created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_published_articles_fk" FOREIGN KEY ("published_articles_id") REFERENCES "public"."published_articles"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_published_articles_id_idx" ON "payload_locked_documents_rels" USING btree ("published_articles_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "published_articles" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "delivery_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "published_articles" CASCADE;
  DROP TABLE "delivery_stats" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_published_articles_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'deliverWebhook', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'deliverWebhook', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_published_articles_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "published_articles_id";`)
}

import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_webhooks_events" ADD VALUE 'cache.purge';
  ALTER TYPE "public"."enum_webhook_deliveries_event_type" ADD VALUE 'cache.purge';
  CREATE TABLE "cache_purges" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"keys" jsonb NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "cache_purges_id" integer;
  CREATE INDEX "cache_purges_updated_at_idx" ON "cache_purges" USING btree ("updated_at");
  CREATE INDEX "cache_purges_created_at_idx" ON "cache_purges" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_cache_purges_fk" FOREIGN KEY ("cache_purges_id") REFERENCES "public"."cache_purges"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_cache_purges_id_idx" ON "payload_locked_documents_rels" USING btree ("cache_purges_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "cache_purges" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "cache_purges" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_cache_purges_fk";
  
  ALTER TABLE "webhooks_events" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_webhooks_events";
  CREATE TYPE "public"."enum_webhooks_events" AS ENUM('article.published', 'article.updated', 'article.unpublished', 'article.deleted', 'comment.approved', 'workflow.transition');
  ALTER TABLE "webhooks_events" ALTER COLUMN "value" SET DATA TYPE "public"."enum_webhooks_events" USING "value"::"public"."enum_webhooks_events";
  ALTER TABLE "webhook_deliveries" ALTER COLUMN "event_type" SET DATA TYPE text;
  DROP TYPE "public"."enum_webhook_deliveries_event_type";
  CREATE TYPE "public"."enum_webhook_deliveries_event_type" AS ENUM('article.published', 'article.updated', 'article.unpublished', 'article.deleted', 'comment.approved', 'workflow.transition');
  ALTER TABLE "webhook_deliveries" ALTER COLUMN "event_type" SET DATA TYPE "public"."enum_webhook_deliveries_event_type" USING "event_type"::"public"."enum_webhook_deliveries_event_type";
  DROP INDEX "payload_locked_documents_rels_cache_purges_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "cache_purges_id";`)
}

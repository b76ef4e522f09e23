import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_articles_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'archived');
  CREATE TYPE "public"."enum__articles_v_version_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'archived');
  CREATE TYPE "public"."enum_article_history_transition" AS ENUM('submit', 'withdraw', 'requestChanges', 'approve', 'publish', 'unpublish', 'archive', 'restore', 'revise');
  CREATE TYPE "public"."enum_article_history_from" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'archived');
  CREATE TYPE "public"."enum_article_history_to" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'archived');
  CREATE TABLE "article_history" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"article_id" integer NOT NULL,
  	"transition" "enum_article_history_transition" NOT NULL,
  	"from" "enum_article_history_from",
  	"to" "enum_article_history_to" NOT NULL,
  	"note" varchar,
  	"actor_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "articles" ADD COLUMN "stage" "enum_articles_stage" DEFAULT 'draft';
  ALTER TABLE "articles" ADD COLUMN "assignee_id" integer;
  ALTER TABLE "articles" ADD COLUMN "due_date" timestamp(3) with time zone;
  ALTER TABLE "_articles_v" ADD COLUMN "version_stage" "enum__articles_v_version_stage" DEFAULT 'draft';
  ALTER TABLE "_articles_v" ADD COLUMN "version_assignee_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_due_date" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "article_history_id" integer;
  ALTER TABLE "article_history" ADD CONSTRAINT "article_history_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "article_history" ADD CONSTRAINT "article_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "article_history_article_idx" ON "article_history" USING btree ("article_id");
  CREATE INDEX "article_history_actor_idx" ON "article_history" USING btree ("actor_id");
  CREATE INDEX "article_history_updated_at_idx" ON "article_history" USING btree ("updated_at");
  CREATE INDEX "article_history_created_at_idx" ON "article_history" USING btree ("created_at");
  ALTER TABLE "articles" ADD CONSTRAINT "articles_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_assignee_id_users_id_fk" FOREIGN KEY ("version_assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_article_history_fk" FOREIGN KEY ("article_history_id") REFERENCES "public"."article_history"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "articles_stage_idx" ON "articles" USING btree ("stage");
  CREATE INDEX "articles_assignee_idx" ON "articles" USING btree ("assignee_id");
  CREATE INDEX "articles_due_date_idx" ON "articles" USING btree ("due_date");
  CREATE INDEX "_articles_v_version_version_stage_idx" ON "_articles_v" USING btree ("version_stage");
  CREATE INDEX "_articles_v_version_version_assignee_idx" ON "_articles_v" USING btree ("version_assignee_id");
  CREATE INDEX "_articles_v_version_version_due_date_idx" ON "_articles_v" USING btree ("version_due_date");
  CREATE INDEX "payload_locked_documents_rels_article_history_id_idx" ON "payload_locked_documents_rels" USING btree ("article_history_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "article_history" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "article_history" CASCADE;
  ALTER TABLE "articles" DROP CONSTRAINT "articles_assignee_id_users_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_assignee_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_article_history_fk";
  
  DROP INDEX "articles_stage_idx";
  DROP INDEX "articles_assignee_idx";
  DROP INDEX "articles_due_date_idx";
  DROP INDEX "_articles_v_version_version_stage_idx";
  DROP INDEX "_articles_v_version_version_assignee_idx";
  DROP INDEX "_articles_v_version_version_due_date_idx";
  DROP INDEX "payload_locked_documents_rels_article_history_id_idx";
  ALTER TABLE "articles" DROP COLUMN "stage";
  ALTER TABLE "articles" DROP COLUMN "assignee_id";
  ALTER TABLE "articles" DROP COLUMN "due_date";
  ALTER TABLE "_articles_v" DROP COLUMN "version_stage";
  ALTER TABLE "_articles_v" DROP COLUMN "version_assignee_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_due_date";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "article_history_id";
  DROP TYPE "public"."enum_articles_stage";
  DROP TYPE "public"."enum__articles_v_version_stage";
  DROP TYPE "public"."enum_article_history_transition";
  DROP TYPE "public"."enum_article_history_from";
  DROP TYPE "public"."enum_article_history_to";`)
}

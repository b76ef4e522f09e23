import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The English and Arabic editions (hand-edited from Payload's generated migration): the
 * translatable fields of articles, authors, tags and media move into per-locale tables, and every
 * value stored so far becomes the English edition's (`en`, fixed here: it is what the content was
 * written in), with its workflow stage, assignee, due date and publication status. Payload's
 * migration dropped the old columns without copying them; the copy runs before the drop, in the
 * same transaction.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."_locales" AS ENUM('en', 'ar');
  CREATE TYPE "public"."enum__articles_v_published_locale" AS ENUM('en', 'ar');
  CREATE TYPE "public"."enum__pages_v_published_locale" AS ENUM('en', 'ar');
  CREATE TABLE "articles_locales" (
  	"title" varchar,
  	"slug" varchar,
  	"excerpt" varchar,
  	"body" jsonb,
  	"stage" "enum_articles_stage" DEFAULT 'draft',
  	"assignee_id" integer,
  	"due_date" timestamp(3) with time zone,
  	"seo_title" varchar,
  	"seo_description" varchar,
  	"_status" "enum_articles_status" DEFAULT 'draft',
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_articles_v_locales" (
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_excerpt" varchar,
  	"version_body" jsonb,
  	"version_stage" "enum__articles_v_version_stage" DEFAULT 'draft',
  	"version_assignee_id" integer,
  	"version_due_date" timestamp(3) with time zone,
  	"version_seo_title" varchar,
  	"version_seo_description" varchar,
  	"version__status" "enum__articles_v_version_status" DEFAULT 'draft',
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "authors_locales" (
  	"name" varchar NOT NULL,
  	"bio" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "tags_locales" (
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "media_locales" (
  	"alt" varchar NOT NULL,
  	"caption" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  ALTER TABLE "articles" DROP CONSTRAINT "articles_assignee_id_users_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_assignee_id_users_id_fk";
  
  DROP INDEX "articles_slug_idx";
  DROP INDEX "articles_stage_idx";
  DROP INDEX "articles_assignee_idx";
  DROP INDEX "articles_due_date_idx";
  DROP INDEX "articles__status_idx";
  DROP INDEX "_status_publishedAt_idx";
  DROP INDEX "_articles_v_version_version_slug_idx";
  DROP INDEX "_articles_v_version_version_stage_idx";
  DROP INDEX "_articles_v_version_version_assignee_idx";
  DROP INDEX "_articles_v_version_version_due_date_idx";
  DROP INDEX "_articles_v_version_version__status_idx";
  DROP INDEX "version__status_version_publishedAt_idx";
  DROP INDEX "tags_slug_idx";
  ALTER TABLE "_articles_v" ADD COLUMN "snapshot" boolean;
  ALTER TABLE "_articles_v" ADD COLUMN "published_locale" "enum__articles_v_published_locale";
  ALTER TABLE "_pages_v" ADD COLUMN "snapshot" boolean;
  ALTER TABLE "_pages_v" ADD COLUMN "published_locale" "enum__pages_v_published_locale";
  ALTER TABLE "articles_locales" ADD CONSTRAINT "articles_locales_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "articles_locales" ADD CONSTRAINT "articles_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v_locales" ADD CONSTRAINT "_articles_v_locales_version_assignee_id_users_id_fk" FOREIGN KEY ("version_assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v_locales" ADD CONSTRAINT "_articles_v_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_articles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "authors_locales" ADD CONSTRAINT "authors_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."authors"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "tags_locales" ADD CONSTRAINT "tags_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "media_locales" ADD CONSTRAINT "media_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "articles_slug_idx" ON "articles_locales" USING btree ("slug","_locale");
  CREATE INDEX "articles_stage_idx" ON "articles_locales" USING btree ("stage","_locale");
  CREATE INDEX "articles_assignee_idx" ON "articles_locales" USING btree ("assignee_id","_locale");
  CREATE INDEX "articles_due_date_idx" ON "articles_locales" USING btree ("due_date","_locale");
  CREATE INDEX "articles__status_idx" ON "articles_locales" USING btree ("_status","_locale");
  CREATE UNIQUE INDEX "articles_locales_locale_parent_id_unique" ON "articles_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_articles_v_version_version_slug_idx" ON "_articles_v_locales" USING btree ("version_slug","_locale");
  CREATE INDEX "_articles_v_version_version_stage_idx" ON "_articles_v_locales" USING btree ("version_stage","_locale");
  CREATE INDEX "_articles_v_version_version_assignee_idx" ON "_articles_v_locales" USING btree ("version_assignee_id","_locale");
  CREATE INDEX "_articles_v_version_version_due_date_idx" ON "_articles_v_locales" USING btree ("version_due_date","_locale");
  CREATE INDEX "_articles_v_version_version__status_idx" ON "_articles_v_locales" USING btree ("version__status","_locale");
  CREATE UNIQUE INDEX "_articles_v_locales_locale_parent_id_unique" ON "_articles_v_locales" USING btree ("_locale","_parent_id");
  CREATE UNIQUE INDEX "authors_locales_locale_parent_id_unique" ON "authors_locales" USING btree ("_locale","_parent_id");
  CREATE UNIQUE INDEX "tags_slug_idx" ON "tags_locales" USING btree ("slug","_locale");
  CREATE UNIQUE INDEX "tags_locales_locale_parent_id_unique" ON "tags_locales" USING btree ("_locale","_parent_id");
  CREATE UNIQUE INDEX "media_locales_locale_parent_id_unique" ON "media_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_articles_v_snapshot_idx" ON "_articles_v" USING btree ("snapshot");
  CREATE INDEX "_articles_v_published_locale_idx" ON "_articles_v" USING btree ("published_locale");
  CREATE INDEX "_pages_v_snapshot_idx" ON "_pages_v" USING btree ("snapshot");
  CREATE INDEX "_pages_v_published_locale_idx" ON "_pages_v" USING btree ("published_locale");
  INSERT INTO "articles_locales" ("title", "slug", "excerpt", "body", "stage", "assignee_id", "due_date", "seo_title", "seo_description", "_status", "_locale", "_parent_id")
    SELECT "title", "slug", "excerpt", "body", "stage", "assignee_id", "due_date", "seo_title", "seo_description", "_status", 'en', "id" FROM "articles";
  INSERT INTO "_articles_v_locales" ("version_title", "version_slug", "version_excerpt", "version_body", "version_stage", "version_assignee_id", "version_due_date", "version_seo_title", "version_seo_description", "version__status", "_locale", "_parent_id")
    SELECT "version_title", "version_slug", "version_excerpt", "version_body", "version_stage", "version_assignee_id", "version_due_date", "version_seo_title", "version_seo_description", "version__status", 'en', "id" FROM "_articles_v";
  INSERT INTO "authors_locales" ("name", "bio", "_locale", "_parent_id") SELECT "name", "bio", 'en', "id" FROM "authors";
  INSERT INTO "tags_locales" ("name", "slug", "description", "_locale", "_parent_id") SELECT "name", "slug", "description", 'en', "id" FROM "tags";
  INSERT INTO "media_locales" ("alt", "_locale", "_parent_id") SELECT "alt", 'en', "id" FROM "media";
  -- The moved columns go.
  ALTER TABLE "articles" DROP COLUMN "title";
  ALTER TABLE "articles" DROP COLUMN "slug";
  ALTER TABLE "articles" DROP COLUMN "excerpt";
  ALTER TABLE "articles" DROP COLUMN "body";
  ALTER TABLE "articles" DROP COLUMN "stage";
  ALTER TABLE "articles" DROP COLUMN "assignee_id";
  ALTER TABLE "articles" DROP COLUMN "due_date";
  ALTER TABLE "articles" DROP COLUMN "seo_title";
  ALTER TABLE "articles" DROP COLUMN "seo_description";
  ALTER TABLE "articles" DROP COLUMN "_status";
  ALTER TABLE "_articles_v" DROP COLUMN "version_title";
  ALTER TABLE "_articles_v" DROP COLUMN "version_slug";
  ALTER TABLE "_articles_v" DROP COLUMN "version_excerpt";
  ALTER TABLE "_articles_v" DROP COLUMN "version_body";
  ALTER TABLE "_articles_v" DROP COLUMN "version_stage";
  ALTER TABLE "_articles_v" DROP COLUMN "version_assignee_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_due_date";
  ALTER TABLE "_articles_v" DROP COLUMN "version_seo_title";
  ALTER TABLE "_articles_v" DROP COLUMN "version_seo_description";
  ALTER TABLE "_articles_v" DROP COLUMN "version__status";
  ALTER TABLE "authors" DROP COLUMN "name";
  ALTER TABLE "authors" DROP COLUMN "bio";
  ALTER TABLE "tags" DROP COLUMN "name";
  ALTER TABLE "tags" DROP COLUMN "slug";
  ALTER TABLE "tags" DROP COLUMN "description";
  ALTER TABLE "media" DROP COLUMN "alt";`)
}

/** One way: the Arabic edition has no place in the old schema. Roll back by restoring the backup taken before upgrading. */
export async function down(_args: MigrateDownArgs): Promise<void> {
  throw new Error('The editions migration cannot be undone: restore the database backup taken before the upgrade.')
}

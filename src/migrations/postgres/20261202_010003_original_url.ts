import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles" ADD COLUMN "original_url" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_original_url" varchar;
  ALTER TABLE "pages" ADD COLUMN "original_url" varchar;
  ALTER TABLE "_pages_v" ADD COLUMN "version_original_url" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles" DROP COLUMN "original_url";
  ALTER TABLE "_articles_v" DROP COLUMN "version_original_url";
  ALTER TABLE "pages" DROP COLUMN "original_url";
  ALTER TABLE "_pages_v" DROP COLUMN "version_original_url";`)
}

import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { SEARCH_SCHEMA_V1 } from '../../search/schema'

// The search index (src/search/schema.ts): raw SQL, as Payload's schema cannot declare it. The
// index is built from the delivery store at the next start (src/search/readiness.ts).
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of SEARCH_SCHEMA_V1.sqlite) await db.run(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE IF EXISTS search_index`)
  await db.run(sql`DROP TABLE IF EXISTS search_state`)
}

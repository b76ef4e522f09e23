import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { SEARCH_SCHEMA_V1, SEARCH_SCHEMA_V2 } from '../../search/schema'

// The search index keyed by publication time (src/search/schema.ts, version 2). The entries are
// rebuilt from the delivery store at the next start.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of SEARCH_SCHEMA_V2.sqlite) await db.run(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE IF EXISTS search_index`)
  await db.run(sql`DROP TABLE IF EXISTS search_keys`)
  await db.run(sql`DELETE FROM search_state`)
  for (const statement of SEARCH_SCHEMA_V1.sqlite) await db.run(sql.raw(statement))
}

import type { DatabaseAdapterObj } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { SEARCH_SCHEMA_V2 } from './schema'

type Adapter = { name: string; drizzle: any; requireDrizzleKit: () => { pushSchema: (...args: any[]) => Promise<{ apply: () => Promise<void> }> } }

const run = async (adapter: Adapter, statement: string) =>
  adapter.name === 'postgres' ? adapter.drizzle.execute(sql.raw(statement)) : adapter.drizzle.run(sql.raw(statement))

/** Creates the search tables where they are missing (the committed migrations do it in production). */
export async function ensureSearchTables(adapter: Adapter): Promise<void> {
  const postgres = adapter.name === 'postgres'
  // Made once: a restart runs no DDL (two processes starting at once would race on it). The
  // table the latest version added tells whether a database has it.
  const present = postgres
    ? (await adapter.drizzle.execute(sql.raw("SELECT to_regclass('search_state') IS NOT NULL AS present"))).rows[0]?.present
    : (await adapter.drizzle.all(sql.raw("SELECT 1 AS present FROM sqlite_master WHERE name = 'search_keys'")))[0]?.present
  if (present) return
  for (const statement of postgres ? SEARCH_SCHEMA_V2.postgres : SEARCH_SCHEMA_V2.sqlite) await run(adapter, statement)
}

/**
 * drizzle-kit's SQLite push reads the schema from `sqlite_master`: this drizzle instance answers
 * those reads without the search tables, so the push neither sees nor drops them.
 */
function hidingSearchTables(drizzle: any): any {
  return new Proxy(drizzle, {
    get(target, property, receiver) {
      if (property !== 'all') return Reflect.get(target, property, receiver)
      return (query: unknown) => {
        const text: string = target.dialect.sqlToQuery(query).sql
        if (!text.includes('sqlite_master')) return target.all(query)
        return target.all(sql.raw(text.replaceAll(/\bsqlite_master\b/g, `(SELECT * FROM sqlite_master WHERE tbl_name NOT LIKE 'search\\_%' ESCAPE '\\')`)))
      }
    },
  })
}

/**
 * In development Payload pushes its schema with drizzle-kit, which drops every table it does not
 * know. The search tables are kept out of its sight: on PostgreSQL by `tablesFilter` (set in
 * src/db/adapter.ts), on SQLite (where drizzle-kit takes no filter) by hiding them from the
 * push's reads of the schema. After connecting they are made where missing.
 */
export function withSearchTablesInDevelopment(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  const init = adapterObj.init
  return {
    ...adapterObj,
    init: (args) => {
      const adapter = init(args) as unknown as Adapter & { connect?: (options?: unknown) => Promise<void> }
      const requireKit = adapter.requireDrizzleKit
      if (adapter.name === 'sqlite' && requireKit) {
        adapter.requireDrizzleKit = () => {
          const kit = requireKit()
          return { ...kit, pushSchema: (schema: unknown, drizzle: unknown, ...rest: any[]) => kit.pushSchema(schema, hidingSearchTables(drizzle), ...rest) }
        }
      }
      const connect = adapter.connect!
      adapter.connect = async function (options) {
        await connect.call(this, options)
        if (process.env.NODE_ENV !== 'production') await ensureSearchTables(adapter)
      }
      return adapter as never
    },
  }
}

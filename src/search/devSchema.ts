import type { DatabaseAdapterObj } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { SEARCH_SCHEMA_V1, SEARCH_TABLES } from './schema'

type Adapter = { name: string; drizzle: any; requireDrizzleKit: () => { pushSchema: (...args: any[]) => Promise<{ apply: () => Promise<void> }> } }

const run = async (adapter: Adapter, statement: string) =>
  adapter.name === 'postgres' ? adapter.drizzle.execute(sql.raw(statement)) : adapter.drizzle.run(sql.raw(statement))

/** Creates the search tables where they are missing (the committed migrations do it in production). */
export async function ensureSearchTables(adapter: Adapter): Promise<void> {
  for (const statement of adapter.name === 'postgres' ? SEARCH_SCHEMA_V1.postgres : SEARCH_SCHEMA_V1.sqlite) await run(adapter, statement)
}

/**
 * In development Payload pushes its schema with drizzle-kit, which drops every table it does not
 * know, and on SQLite cannot be told to leave some alone. So the search tables are dropped before
 * a push and made again after it: the index is then rebuilt from the delivery store at start
 * (src/search/readiness.ts). On PostgreSQL the push is told to leave them (`tablesFilter`).
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
          return {
            ...kit,
            pushSchema: async (...pushArgs: any[]) => {
              for (const table of SEARCH_TABLES) await run(adapter, `DROP TABLE IF EXISTS ${table}`)
              const result = await kit.pushSchema(...pushArgs)
              return { ...result, apply: async () => { await result.apply(); await ensureSearchTables(adapter) } }
            },
          }
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

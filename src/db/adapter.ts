import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { EventEmitter } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ConfigError } from '../env'
import { logger } from '../logger'
import { queueSqliteWrites, type SqliteClient } from './sqliteWriteQueue'
import { migrations as postgresMigrations } from '../migrations/postgres'
import { migrations as sqliteMigrations } from '../migrations/sqlite'

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations')

export type DatabaseKind = 'mongodb' | 'postgres' | 'sqlite'

/** Which adapter a DATABASE_URL asks for, by its scheme. */
export function databaseKind(url: string): DatabaseKind {
  const scheme = url.split(':', 1)[0]?.toLowerCase()
  switch (scheme) {
    case 'file':
      return 'sqlite'
    case 'postgres':
    case 'postgresql':
      return 'postgres'
    case 'mongodb':
    case 'mongodb+srv':
      return 'mongodb'
    default:
      throw new ConfigError(
        `DATABASE_URL has an unsupported scheme "${scheme}:". Use file:./data/newsroom.db (SQLite, the default), ` +
          'postgres://user:pass@host:5432/db (PostgreSQL) or mongodb://host:27017/db (MongoDB).',
      )
  }
}

/** The Payload database adapter for a DATABASE_URL; SQLite files get their folder created. */
export function databaseAdapter(url: string): DatabaseAdapterObj {
  const kind = databaseKind(url)
  if (kind === 'postgres') {
    return withPoolErrorsLogged(postgresAdapter({
      pool: { connectionString: url, connectionTimeoutMillis: 5000 },
      migrationDir: path.join(migrationsDir, 'postgres'),
      // Development pushes the schema as it changes; production applies the committed migrations at start.
      prodMigrations: postgresMigrations,
    }))
  }
  if (kind === 'mongodb') {
    return mongooseAdapter({ url, connectOptions: { serverSelectionTimeoutMS: 5000 } })
  }
  const file = url.replace(/^file:(\/\/)?/, '')
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  // WAL lets readers run during a write; the busy timeout makes concurrent writers wait instead of
  // failing; transactions (off by default in the SQLite adapter) make each write all-or-nothing.
  const adapter = sqliteAdapter({
    client: { url },
    wal: true,
    busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
    transactionOptions: {},
    migrationDir: path.join(migrationsDir, 'sqlite'),
    prodMigrations: sqliteMigrations,
  })
  return withQueuedSqliteWrites(adapter)
}

const SQLITE_BUSY_TIMEOUT_MS = 5000

/** Runs `prepare` on the adapter each time it connects (its client or pool exists only then). */
function afterConnect<A>(adapterObj: DatabaseAdapterObj, prepare: (adapter: A) => void): DatabaseAdapterObj {
  const init = adapterObj.init
  return {
    ...adapterObj,
    init: (args) => {
      const adapter = init(args)
      const connect = adapter.connect!
      adapter.connect = async function (options) {
        await connect.call(this, options)
        prepare(adapter as unknown as A)
      }
      return adapter
    },
  }
}

/** Once connected, this process's writers take turns instead of failing with SQLITE_BUSY. */
function withQueuedSqliteWrites(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  return afterConnect<{ client?: SqliteClient }>(adapterObj, ({ client }) => {
    if (client && !queued.has(client)) queued.add(queueSqliteWrites(client, SQLITE_BUSY_TIMEOUT_MS))
  })
}
const queued = new WeakSet<SqliteClient>()

/**
 * An idle pooled connection that PostgreSQL closes (a restart, a failover) makes the pool emit
 * 'error'; with no listener that would crash the process. The pool drops that connection and
 * opens a new one on the next query, so logging is all there is to do.
 */
function withPoolErrorsLogged(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  return afterConnect<{ pool?: EventEmitter }>(adapterObj, ({ pool }) => {
    if (!pool || pool.listenerCount('error') > 0) return
    pool.on('error', (err: Error) => logger.warn({ err }, 'PostgreSQL closed an idle connection; the pool will reconnect'))
  })
}

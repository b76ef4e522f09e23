import type { DatabaseAdapterObj } from 'payload'
import type { Pool } from 'pg'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ConfigError } from '../env'
import { queueSqliteWrites, type SqliteClient } from './sqliteWriteQueue'
import { SqliteReadThreads, sqliteReadThreadCount } from './sqliteReadThreads'
import { hardenPostgresAdapter } from './postgresOutages'
import { watchPool } from './postgresPool'
import { withSearchTablesInDevelopment } from '../search/devSchema'
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
    return withSearchTablesInDevelopment(withResilientPool(postgresAdapter({
      // keepAlive: a connection cut off without a word (a network cut) is found out by TCP.
      pool: { connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 },
      migrationDir: path.join(migrationsDir, 'postgres'),
      // Development pushes the schema as it changes; production applies the committed migrations at start.
      prodMigrations: postgresMigrations,
      // The search tables are made by raw SQL (src/search/schema.ts): the development push leaves them alone.
      tablesFilter: ['!search_*'],
    })))
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
    wal: { journalSizeLimit: SQLITE_SETTINGS.journalSizeLimitBytes, synchronous: 'FULL' },
    busyTimeout: SQLITE_SETTINGS.busyTimeoutMs,
    transactionOptions: {},
    migrationDir: path.join(migrationsDir, 'sqlite'),
    prodMigrations: sqliteMigrations,
  })
  return withSearchTablesInDevelopment(withQueuedSqliteWrites(adapter, file === ':memory:' ? 0 : sqliteReadThreadCount()))
}

// Writers wait up to 5 s for the lock; after a checkpoint the WAL file is cut back to 64 MB.
const SQLITE_SETTINGS = { busyTimeoutMs: 5000, journalSizeLimitBytes: 64 * 1024 * 1024, synchronous: 'FULL' }

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

/**
 * Once connected, this process's writers take turns instead of failing with SQLITE_BUSY, and reads
 * outside a transaction run on reader threads (src/db/sqliteReadThreads.ts), so a slow one never
 * stops the event loop. An in-memory database has no file for a second connection to open.
 */
function withQueuedSqliteWrites(adapterObj: DatabaseAdapterObj, readThreads: number): DatabaseAdapterObj {
  const init = adapterObj.init
  const withReaders: DatabaseAdapterObj = {
    ...adapterObj,
    init: (args) => {
      const adapter = init(args) as ReturnType<typeof init> & { readers?: SqliteReadThreads }
      const destroy = adapter.destroy
      adapter.destroy = async function () {
        await adapter.readers?.close()
        adapter.readers = undefined
        await destroy?.call(this)
      }
      return adapter
    },
  }
  return afterConnect<{ client?: SqliteClient; clientConfig: { url: string }; readers?: SqliteReadThreads }>(withReaders, (adapter) => {
    const { client } = adapter
    if (!client || queued.has(client)) return
    if (readThreads > 0) adapter.readers = new SqliteReadThreads(adapter.clientConfig.url, readThreads, BLOCKING_READ_WAIT_MS)
    queued.add(queueSqliteWrites(client, SQLITE_SETTINGS, adapter.readers))
  })
}
const queued = new WeakSet<SqliteClient>()
/** A reader thread's own busy wait (readers are only busy while a checkpoint resets the WAL). */
const BLOCKING_READ_WAIT_MS = 10

/**
 * PostgreSQL closing connections (a restart, a stop, pg_terminate_backend, a network cut) must not
 * end the process, leave dead connections holding the pool's slots, nor turn a failed COMMIT into
 * a success: see src/db/postgresOutages.ts. A pool made any other way is watched once connected.
 */
function withResilientPool(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  const init = adapterObj.init
  const resilient: DatabaseAdapterObj = {
    ...adapterObj,
    init: (args) => {
      const adapter = init(args)
      hardenPostgresAdapter(adapter)
      return adapter
    },
  }
  return afterConnect<{ pool?: Pool }>(resilient, ({ pool }) => {
    if (pool) watchPool(pool)
  })
}

import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import { randomUUID } from 'node:crypto'

/**
 * A fresh, empty database for one test file, of the kind the environment asks for:
 * TEST_DATABASE_URL (postgres:// or mongodb://) or, by default, a SQLite file in a temp folder.
 * A server URL is used as a template: each test file gets its own database on that server.
 */
export type TestDatabase = { url: string; kind: 'mongodb' | 'postgres' | 'sqlite'; drop: () => Promise<void> }

/** Whether this run's test databases are SQLite files (the default) rather than a database server. */
export const onSqlite = !process.env.TEST_DATABASE_URL || process.env.TEST_DATABASE_URL.startsWith('file:')

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.TEST_DATABASE_URL
  const name = `newsroom_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`

  if (!template || template.startsWith('file:')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'))
    return {
      url: `file:${path.join(dir, 'test.db')}`,
      kind: 'sqlite',
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    }
  }

  if (template.startsWith('postgres')) {
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: template })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(template)
    url.pathname = `/${name}`
    return {
      url: url.toString(),
      kind: 'postgres',
      drop: async () => {
        const client = new pg.Client({ connectionString: template })
        await client.connect()
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await client.end()
      },
    }
  }

  if (template.startsWith('mongodb')) {
    const url = new URL(template)
    url.pathname = `/${name}`
    return {
      url: url.toString(),
      kind: 'mongodb',
      drop: async () => {
        const { default: mongoose } = await import('mongoose')
        const connection = await mongoose.createConnection(url.toString()).asPromise()
        await connection.dropDatabase()
        await connection.close()
      },
    }
  }

  throw new Error(`TEST_DATABASE_URL has an unsupported scheme: ${template}`)
}

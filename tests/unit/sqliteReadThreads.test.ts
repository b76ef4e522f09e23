import { createClient } from '@libsql/client'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { SqliteReadThreads, sqliteReadThreadCount } from '../../src/db/sqliteReadThreads'
import { queueSqliteWrites } from '../../src/db/sqliteWriteQueue'

const settings = { busyTimeoutMs: 2000, journalSizeLimitBytes: 1 << 20, synchronous: 'FULL' }

/** A WAL database file with a table of `rows` rows, its main client, and reader threads on it. */
async function database(rows: number, threads = 2) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-threads-'))
  const url = `file:${path.join(dir, 'test.db')}`
  const raw = createClient({ url })
  await raw.execute('PRAGMA journal_mode = WAL')
  await raw.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, data BLOB, big INTEGER)')
  await raw.execute(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}) INSERT INTO t (id, label) SELECT i, 'row ' || i FROM n`)
  const readers = new SqliteReadThreads(url, threads, 10)
  const client = queueSqliteWrites(raw, settings, readers)
  return {
    client,
    readers,
    close: async () => {
      await readers.close()
      raw.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The longest gap between timer ticks (every 5 ms) while `work` runs: how long the event loop was stopped. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now()
  let longest = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 5)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return Math.max(longest, performance.now() - last)
}

describe('SQLite reads on reader threads', () => {
  let db: Awaited<ReturnType<typeof database>>
  beforeAll(async () => {
    db = await database(2000)
  })
  afterAll(() => db.close())

  // A self-join of 2,000 rows counts 4 million pairs: a few hundred milliseconds of SQLite work.
  const slowRead = "SELECT count(*) AS pairs FROM t a, t b WHERE a.label || b.label LIKE '%9%9%'"

  it('runs a slow read without stopping the event loop', async () => {
    const served = db.readers.served
    const stall = await longestStall(() => db.client.execute(slowRead))
    expect(db.readers.served).toBe(served + 1)
    expect(stall).toBeLessThan(100)
  })

  it('runs the same slow read on the event loop when it is inside a transaction (the writer keeps it)', async () => {
    const tx = await db.client.transaction('write')
    let stall = 0
    try {
      stall = await longestStall(() => (tx as unknown as { execute(sql: string): Promise<unknown> }).execute(slowRead))
    } finally {
      await tx.rollback()
    }
    // The contrast shows the measurement can fail: here the loop does stop.
    expect(stall).toBeGreaterThan(150)
  })

  it('answers rows as libsql does: named columns, numbered values, blobs and integers intact', async () => {
    await db.client.execute({ sql: 'UPDATE t SET data = ?, big = ? WHERE id = 1', args: [new Uint8Array([1, 2, 3]), 9007199254740991] })
    const result = (await db.client.execute({ sql: 'SELECT id, label, data, big, label AS label FROM t WHERE id = ?', args: [1] })) as {
      columns: string[]
      rows: Array<Record<string | number, unknown> & { length: number }>
    }
    expect(result.columns).toEqual(['id', 'label', 'data', 'big', 'label'])
    const [row] = result.rows
    expect(row!.id).toBe(1)
    expect(row![1]).toBe('row 1')
    expect(row!.length).toBe(5)
    expect(Object.keys(row!)).toEqual(['id', 'label', 'data', 'big'])
    expect([...new Uint8Array(row!.data as ArrayBuffer)]).toEqual([1, 2, 3])
    expect(row!.big).toBe(9007199254740991)
  })

  it('sees a write as soon as it has returned', async () => {
    for (let i = 0; i < 20; i++) {
      await db.client.execute({ sql: 'UPDATE t SET label = ? WHERE id = 2', args: [`edit ${i}`] })
      const result = (await db.client.execute('SELECT label FROM t WHERE id = 2')) as unknown as { rows: Array<{ label: string }> }
      expect(result.rows[0]!.label).toBe(`edit ${i}`)
    }
  })

  it('can never write through a reader thread', async () => {
    await expect(db.readers.execute("UPDATE t SET label = 'x' WHERE id = 3")).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_READONLY/) })
    await expect(db.readers.execute('SELECT x FROM nowhere')).rejects.toMatchObject({ code: 'SQLITE_ERROR', message: expect.stringContaining('no such table') })
  })
})

describe('SQLITE_READ_THREADS', () => {
  it('defaults to 2 threads, allows 0 (reads on the event loop), and refuses nonsense', () => {
    expect(sqliteReadThreadCount({})).toBe(Math.min(2, os.availableParallelism()))
    expect(sqliteReadThreadCount({ SQLITE_READ_THREADS: '0' })).toBe(0)
    expect(sqliteReadThreadCount({ SQLITE_READ_THREADS: '4' })).toBe(4)
    expect(() => sqliteReadThreadCount({ SQLITE_READ_THREADS: 'many' })).toThrow(/whole number from 0 to 64/)
    expect(() => sqliteReadThreadCount({ SQLITE_READ_THREADS: '-1' })).toThrow(/whole number/)
  })

  it('with 0 threads every read runs on the main connection', async () => {
    const db = await database(10, 0)
    try {
      const result = (await db.client.execute('SELECT count(*) AS n FROM t')) as unknown as { rows: Array<{ n: number }> }
      expect(result.rows[0]!.n).toBe(10)
      expect(db.readers.served).toBe(0)
    } finally {
      await db.close()
    }
  })
})

import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

type Statement = string | { sql: string; args?: unknown }

/** What a libsql `execute` answers, as far as drizzle (Payload's query layer) reads it. */
export type ReadResult = {
  columns: string[]
  columnTypes: string[]
  rows: Record<string | number, unknown>[]
  rowsAffected: number
  lastInsertRowid: undefined
  toJSON(): unknown
}

type Reply = { id: number; columns?: string[]; columnTypes?: string[]; rows?: unknown[][]; error?: { name?: string; message: string; code?: string; rawCode?: number } }
type Pending = { resolve: (result: ReadResult) => void; reject: (error: Error) => void }
type Reader = { worker: Worker; pending: Map<number, Pending>; answered?: boolean }

const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sqliteReadWorker.mjs')

/**
 * How many reader threads a SQLite database gets: SQLITE_READ_THREADS, or 2 (with the event loop
 * that makes three runnable threads, enough for this workload on a small machine). 0 keeps every
 * read on the event loop, as libsql alone does.
 */
export function sqliteReadThreadCount(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SQLITE_READ_THREADS?.trim()
  if (!raw) return Math.min(2, os.availableParallelism())
  const count = Number(raw)
  if (!Number.isInteger(count) || count < 0 || count > 64) {
    throw new Error(`SQLITE_READ_THREADS must be a whole number from 0 to 64, not "${raw}".`)
  }
  return count
}

/**
 * Runs SQLite reads on worker threads, each with its own read-only connection to the same file.
 *
 * libsql runs every statement synchronously on the calling thread, so one slow read (a pattern
 * search over 100k rows, a deep page) used to stop every other request, `/healthz` included,
 * for as long as it ran. In WAL mode readers never block each other or the writer, and each
 * autocommit SELECT sees everything committed before it started, so a read sent here after a
 * write has returned sees that write, as it would on the main connection. Writes and every
 * statement inside a transaction stay on the main connection.
 */
export class SqliteReadThreads {
  private readonly readers: Reader[] = []
  private nextId = 0
  private closed = false
  /** Reads answered so far (success or error), for tests and diagnostics. */
  served = 0

  constructor(
    private readonly url: string,
    size: number,
    private readonly busyTimeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) this.readers.push(this.start())
  }

  get size(): number {
    return this.readers.length
  }

  /** Runs one read statement on the least busy thread (only while `size` is above 0). */
  execute(statement: Statement, args?: unknown): Promise<ReadResult> {
    if (this.closed) return Promise.reject(new Error('The SQLite reader threads are closed.'))
    const reader = this.readers.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least))
    const id = ++this.nextId
    return new Promise<ReadResult>((resolve, reject) => {
      // A thread with work keeps the process alive (a CLI awaiting a read must not exit); an idle one does not.
      if (reader.pending.size === 0) reader.worker.ref()
      reader.pending.set(id, { resolve, reject })
      reader.worker.postMessage({ id, statement, args })
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.readers.map(({ worker }) => worker.terminate()))
  }

  private start(): Reader {
    const worker = new Worker(workerFile, { workerData: { url: this.url, busyTimeoutMs: this.busyTimeoutMs } })
    const reader: Reader = { worker, pending: new Map() }
    let failure: Error | undefined
    worker.unref()
    worker.on('message', (reply: Reply) => {
      reader.answered = true
      const pending = reader.pending.get(reply.id)
      if (!pending) return
      reader.pending.delete(reply.id)
      this.served++
      if (reader.pending.size === 0) worker.unref()
      if (reply.error) pending.reject(libsqlError(reply.error))
      else pending.resolve(resultSet(reply.columns ?? [], reply.columnTypes ?? [], reply.rows ?? []))
    })
    worker.on('error', (error) => {
      failure = error
    })
    // A thread that stops fails the reads it had and is replaced, so one bad thread never takes
    // reading down. One that stops before it ever answered (it cannot even start) is dropped
    // instead of restarted in a loop; with no threads left, reads run on the event loop again.
    worker.on('exit', (code) => {
      const error = failure ?? new Error(`A SQLite reader thread stopped (exit code ${code}).`)
      for (const { reject } of reader.pending.values()) reject(error)
      reader.pending.clear()
      const index = this.readers.indexOf(reader)
      if (index < 0 || this.closed) return
      if (reader.answered) this.readers[index] = this.start()
      else this.readers.splice(index, 1)
    })
    return reader
  }
}

/** The same error libsql would have thrown on the main thread (its `code` decides busy retries). */
function libsqlError({ name, message, code, rawCode }: NonNullable<Reply['error']>): Error {
  return Object.assign(new Error(message), { name: name ?? 'LibsqlError', code, rawCode })
}

/** Rebuilds libsql's row objects: numbered properties hidden, the first column of each name shown. */
function resultSet(columns: string[], columnTypes: string[], values: unknown[][]): ReadResult {
  const rows = values.map((row) => {
    const record: Record<string | number, unknown> = {}
    Object.defineProperty(record, 'length', { value: row.length })
    row.forEach((value, i) => {
      Object.defineProperty(record, i, { value })
      const column = columns[i]!
      if (!Object.hasOwn(record, column)) {
        Object.defineProperty(record, column, { value, enumerable: true, configurable: true, writable: true })
      }
    })
    return record
  })
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected: 0,
    lastInsertRowid: undefined,
    toJSON: () => ({ columns, columnTypes, rows: values, rowsAffected: 0, lastInsertRowid: null }),
  }
}

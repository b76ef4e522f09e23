// One reader thread of src/db/sqliteReadThreads.ts. Plain JavaScript on purpose: it runs in a
// worker thread under `node`, jest and the production server alike, with no TypeScript loader.
import { createClient } from '@libsql/client'
import { parentPort, workerData } from 'node:worker_threads'

let client

/** A connection that can only read (a bug can never write through it) and never waits long. */
async function open() {
  client = createClient({ url: workerData.url })
  await client.execute('PRAGMA query_only = 1')
  await client.execute(`PRAGMA busy_timeout = ${workerData.busyTimeoutMs}`)
}

let ready = open()

parentPort.on('message', async ({ id, statement, args }) => {
  try {
    await ready
    const result = args === undefined ? await client.execute(statement) : await client.execute(statement, args)
    // A libsql row is an object with numbered and named properties; a plain array crosses threads.
    parentPort.postMessage({ id, columns: result.columns, columnTypes: result.columnTypes, rows: result.rows.map((row) => Array.from(row)) })
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error?.name, message: String(error?.message ?? error), code: error?.code, rawCode: error?.rawCode } })
    // A statement that failed busy may leave the connection holding an old snapshot: start afresh.
    if (/^SQLITE_BUSY/.test(String(error?.code ?? ''))) {
      client.close()
      ready = open()
    }
  }
})

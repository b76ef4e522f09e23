import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { Payload } from 'payload'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { TestDatabase } from './testDatabase'

import { closeDatabase } from '../../src/db/connection'
import { keepConnectionsAlive } from '../../src/http/keepAlive'
import { createTestDatabase } from './testDatabase'

export type TestCms = {
  payload: Payload
  baseUrl: string
  database: TestDatabase
  close: (options?: { keepDatabase?: boolean }) => Promise<void>
}

/**
 * Boots the real CMS for one test file: a fresh database, Payload, and the Express app listening
 * on 127.0.0.1 (API only; the admin UI is exercised by the browser tests).
 * `database` boots on an existing test database instead (a restart); `close({ keepDatabase })` keeps it.
 */
export async function startCms({ database: existing }: { database?: TestDatabase } = {}): Promise<TestCms> {
  const database = existing ?? (await createTestDatabase())
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-media-'))
  process.env.DATABASE_URL = database.url
  process.env.MEDIA_DIR = mediaDir
  process.env.PAYLOAD_SECRET ??= 'test-secret'
  // Tests run the jobs queue themselves, at the moment they choose.
  process.env.RUN_JOBS = 'false'

  const [{ default: config }, { getPayload }, { createApp }] = await Promise.all([
    import('../../payload.config'),
    import('payload'),
    import('../../src/app'),
  ])
  const payload = await getPayload({ config })
  const server: Server = await new Promise((resolve) => {
    const listening = keepConnectionsAlive(createApp({ payload }).listen(0, '127.0.0.1', () => resolve(listening)))
  })
  const { port } = server.address() as AddressInfo

  return {
    payload,
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    close: async ({ keepDatabase = false } = {}) => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await closeDatabase(payload)
      // getPayload caches its instance; a restart in the same test file must build a new one.
      ;(global as { _payload?: Map<string, unknown> })._payload?.clear?.()
      if (keepDatabase) return
      await database.drop()
      fs.rmSync(mediaDir, { recursive: true, force: true })
    },
  }
}

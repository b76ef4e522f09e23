import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { Payload } from 'payload'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { TestDatabase } from './testDatabase'

import { closeDatabase } from '../../src/db/connection'
import { createTestDatabase } from './testDatabase'

export type TestCms = {
  payload: Payload
  baseUrl: string
  database: TestDatabase
  close: () => Promise<void>
}

/**
 * Boots the real CMS for one test file: a fresh database, Payload, and the Express app listening
 * on 127.0.0.1 (API only; the admin UI is exercised by the browser tests).
 */
export async function startCms(): Promise<TestCms> {
  const database = await createTestDatabase()
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-media-'))
  process.env.DATABASE_URL = database.url
  process.env.MEDIA_DIR = mediaDir
  process.env.PAYLOAD_SECRET ??= 'test-secret'

  const [{ default: config }, { getPayload }, { createApp }] = await Promise.all([
    import('../../payload.config'),
    import('payload'),
    import('../../src/app'),
  ])
  const payload = await getPayload({ config })
  const server: Server = await new Promise((resolve) => {
    const listening = createApp({ payload }).listen(0, '127.0.0.1', () => resolve(listening))
  })
  const { port } = server.address() as AddressInfo

  return {
    payload,
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await closeDatabase(payload)
      await database.drop()
      fs.rmSync(mediaDir, { recursive: true, force: true })
    },
  }
}

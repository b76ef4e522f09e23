import type { TestCms } from '../helpers/cms'

import { startCms } from '../helpers/cms'
import { api } from '../helpers/http'
import { createStaff, type StaffMember } from '../helpers/staff'
import { onSqlite } from '../helpers/testDatabase'

/**
 * Concurrent writers in one process: each write is its own transaction. On SQLite they queue
 * behind the busy timeout instead of failing with SQLITE_BUSY; on PostgreSQL they simply run.
 */
let cms: TestCms
let editor: StaffMember
beforeAll(async () => {
  cms = await startCms()
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
})
afterAll(async () => {
  await cms?.close()
})

test('40 concurrent Local API creates all succeed, several times over (new connections keep the busy timeout)', async () => {
  for (let round = 0; round < 3; round++) {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => cms.payload.create({ collection: 'tags', data: { name: `Busy ${round}-${i}` } as never, overrideAccess: true })),
    )
    expect(results.filter((result) => result.status === 'rejected')).toEqual([])
  }
  const { totalDocs } = await cms.payload.count({ collection: 'tags', where: { name: { like: 'Busy' } } })
  expect(totalDocs).toBe(120)
})

test('concurrent REST writes and job runs: every request succeeds', async () => {
  const writes = Array.from({ length: 30 }, (_, i) =>
    api(cms.baseUrl, '/api/tags', { method: 'POST', token: editor.token, body: { name: `Parallel ${i}` } }),
  )
  const jobs = Array.from({ length: 10 }, () => cms.payload.jobs.run({ queue: 'webhooks', limit: 5 }))
  const [responses] = await Promise.all([Promise.all(writes), Promise.all(jobs)])
  expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201))
})

// SQLite only: another process holding the write lock past the busy timeout. (PostgreSQL has no
// such lock; its outages are answered 503 in faults.test.ts.)
;(onSqlite ? test : test.skip)('a write that cannot get SQLite\'s lock within the busy timeout answers 503 with Retry-After, and writes nothing (it was a 500)', async () => {
  const { createClient } = await import('@libsql/client')
  const holder = createClient({ url: cms.database.url })
  await holder.execute('BEGIN IMMEDIATE')
  try {
    const refused = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: editor.token, body: { name: 'Never written' } })
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(JSON.stringify(refused.body)).toMatch(/Try again/)
  } finally {
    await holder.execute('ROLLBACK')
    holder.close()
  }
  expect((await cms.payload.count({ collection: 'tags', where: { name: { equals: 'Never written' } } })).totalDocs).toBe(0)
  expect((await api(cms.baseUrl, '/api/tags', { method: 'POST', token: editor.token, body: { name: 'Written after' } })).status).toBe(201)
}, 30_000)

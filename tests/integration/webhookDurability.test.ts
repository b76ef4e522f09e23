import type { ServerProcess } from '../helpers/serverProcess'
import type { TestDatabase } from '../helpers/testDatabase'
import type { Receiver } from '../helpers/receiver'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { api } from '../helpers/http'
import { startReceiver } from '../helpers/receiver'
import { spawnServer } from '../helpers/serverProcess'
import { createTestDatabase } from '../helpers/testDatabase'
import { waitFor } from '../helpers/waitFor'

/**
 * The server runs the delivery jobs itself. Killing it (SIGKILL) mid-delivery, or right after
 * commits and before delivery, loses nothing: after a restart every event arrives.
 */
let database: TestDatabase
let receiver: Receiver
let server: ServerProcess | undefined
let token: string

const env = () => ({
  DATABASE_URL: database.url,
  PAYLOAD_SECRET: 'durability-secret',
  SEED_DEMO: 'false',
  RUN_JOBS: 'true',
  STALE_JOB_SECONDS: '2',
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_RETRY_SCHEDULE: '0.5,0.5,0.5,0.5,0.5',
  WEBHOOK_TIMEOUT_MS: '8000',
})

async function publishNew(title: string): Promise<number> {
  const created = await api(server!.url, '/api/articles?draft=true', { method: 'POST', token, body: { title, body: lexicalFromParagraphs(['Text.']) } })
  const id = created.body.doc.id
  for (const stage of ['in_review', 'approved', 'published']) {
    const moved = await api(server!.url, `/api/articles/${id}?draft=true`, { method: 'PATCH', token, body: { stage } })
    if (moved.status !== 200) throw new Error(JSON.stringify(moved.body))
  }
  return id
}

const kill = async () => {
  server!.child.kill('SIGKILL')
  await server!.exited
}

beforeAll(async () => {
  database = await createTestDatabase()
  receiver = await startReceiver()
  server = await spawnServer(env())
  const first = await api(server.url, '/api/users/first-register', { method: 'POST', body: { email: 'admin@newsroom.test', password: 'a long enough password' } })
  token = first.body.token
  const hook = await api(server.url, '/api/webhooks', { method: 'POST', token, body: { name: 'durable', url: receiver.url, events: ['article.published'] } })
  expect(hook.status).toBe(201)
  receiver.setSecrets([hook.body.doc.secret])
}, 120_000)

afterAll(async () => {
  server?.child.kill('SIGKILL')
  await server?.exited
  await receiver?.close()
  await database?.drop()
})

test('SIGKILL while a delivery is in flight: after a restart the same event is delivered', async () => {
  // The first request hangs long enough for the server to be killed while waiting for it.
  receiver.setReply((_request, count) => (count === 1 ? { status: 200, delayMs: 3000 } : { status: 200 }))
  await publishNew('Killed mid-delivery')
  await waitFor(() => receiver.received.length === 1, 15_000, 'the first delivery attempt')
  await kill()

  server = await spawnServer(env())
  await waitFor(() => receiver.received.length >= 2, 30_000, 'the redelivery after the restart')
  const [first, second] = receiver.received
  expect(second!.id).toBe(first!.id)
  expect(second!.verifiedWith).toHaveLength(1)
  const deliveries = await api(server.url, `/api/webhook-deliveries?where[eventId][equals]=${first!.id}`, { token })
  expect(deliveries.body.docs[0].eventType).toBe('article.published')
}, 90_000)

test('SIGKILL right after publishing: every committed publish is delivered after a restart', async () => {
  receiver.clear()
  receiver.setReply(() => ({ status: 200 }))
  // Hold deliveries back so the kill lands between the commits and their delivery.
  await kill()
  server = await spawnServer({ ...env(), RUN_JOBS: 'false' })
  const ids: number[] = []
  for (let i = 0; i < 5; i++) ids.push(await publishNew(`Committed ${i}`))
  await kill()
  expect(receiver.received).toEqual([])

  server = await spawnServer(env())
  await waitFor(() => new Set(receiver.received.map((r) => r.event.data.article.id)).size === 5, 30_000, 'five deliveries')
  expect([...new Set(receiver.received.map((r) => r.event.data.article.id))].sort()).toEqual([...ids].sort())
  expect(receiver.received.every((r) => r.verifiedWith.length === 1)).toBe(true)
}, 120_000)

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { ServerProcess } from '../helpers/serverProcess'
import type { TestDatabase } from '../helpers/testDatabase'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { api, graphql } from '../helpers/http'
import { spawnServer } from '../helpers/serverProcess'
import { createTestDatabase } from '../helpers/testDatabase'

/**
 * Soak: SOAK_SECONDS (default 120) of mixed anonymous reads and editorial writes against a
 * spawned server on 127.0.0.1, with the server's memory (RSS) sampled every 2 s and latency
 * recorded per kind of request. Nothing may answer 5xx, and memory must level off: the last
 * third of the run may not average more than 30% above the middle third.
 * Figures are written to tests/artifacts/soak.json.
 */
const seconds = Number(process.env.SOAK_SECONDS ?? 120)
const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts')
let database: TestDatabase
let server: ServerProcess

beforeAll(async () => {
  database = await createTestDatabase()
  // The readers stand for many readers but share one address: the per-client GraphQL budget must not turn them into 429s.
  server = await spawnServer({ DATABASE_URL: database.url, PAYLOAD_SECRET: 'soak-secret', RUN_JOBS: 'true', SEED_DEMO: 'true', GRAPHQL_QUERIES_PER_CLIENT: '10000000' })
}, 120_000)
afterAll(async () => {
  server?.child.kill('SIGTERM')
  await server?.exited
  await database?.drop()
})

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0

test(`${seconds} s of mixed reads and editorial writes: no 5xx, latency recorded, memory levels off`, async () => {
  const first = await api(server.url, '/api/users/first-register', { method: 'POST', body: { email: 'soak@newsroom.test', password: 'a long enough password' } })
  const token = first.body.token as string
  const latencies: Record<string, number[]> = {}
  const failures: string[] = []
  const record = async (kind: string, request: () => Promise<{ status: number }>) => {
    const started = performance.now()
    const { status } = await request()
    ;(latencies[kind] ??= []).push(performance.now() - started)
    if (status >= 500) failures.push(`${kind}: ${status}`)
  }

  const deadline = Date.now() + seconds * 1000
  const rss: number[] = []
  const sampler = setInterval(() => rss.push(rssOf(server.child.pid!)), 2000)
  let n = 0
  const reader = async () => {
    while (Date.now() < deadline) {
      await record('list (cached)', () => api(server.url, '/api/articles?limit=20&depth=1&sort=-publishedAt'))
      await record('list (fresh)', () => api(server.url, `/api/articles?limit=20&depth=1&page=${1 + (n++ % 3)}`, { headers: { 'cache-control': 'no-cache' } }))
      await record('graphql', () => graphql(server.url, '{ Articles(limit: 10) { docs { title authors { name } tags { name } } } }'))
    }
  }
  const editor = async () => {
    for (let i = 0; Date.now() < deadline; i++) {
      await record('write: draft', async () => {
        const created = await api(server.url, '/api/articles?draft=true', { method: 'POST', token, body: { title: `Soak ${i} ${Date.now()}`, body: lexicalFromParagraphs([`Paragraph ${i}.`]) } })
        if (created.status !== 201) return created
        for (const stage of ['in_review', 'approved', 'published']) {
          const moved = await api(server.url, `/api/articles/${created.body.doc.id}?draft=true`, { method: 'PATCH', token, body: { stage } })
          if (moved.status !== 200) return moved
        }
        return created
      })
      await record('write: tag', () => api(server.url, '/api/tags', { method: 'POST', token, body: { name: `Soak tag ${i} ${Date.now()}` } }))
    }
  }
  await Promise.all([reader(), reader(), reader(), editor()])
  clearInterval(sampler)

  const third = Math.floor(rss.length / 3)
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)
  const middle = mean(rss.slice(third, 2 * third))
  const last = mean(rss.slice(2 * third))
  const report = {
    seconds,
    requests: Object.fromEntries(
      Object.entries(latencies).map(([kind, values]) => [kind, { count: values.length, p50: Math.round(percentile(values, 50)), p99: Math.round(percentile(values, 99)) }]),
    ),
    rssMiB: { first: Math.round(rss[0] ?? 0), middle: Math.round(middle), last: Math.round(last), max: Math.round(Math.max(...rss)) },
  }
  fs.mkdirSync(artifacts, { recursive: true })
  fs.writeFileSync(path.join(artifacts, 'soak.json'), JSON.stringify(report, null, 2))
  console.log(JSON.stringify(report, null, 2))

  expect(failures).toEqual([])
  expect(Object.values(latencies).every((values) => values.length > 10)).toBe(true)
  expect(last).toBeLessThan(middle * 1.3)
})

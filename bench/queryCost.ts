/**
 * `npm run bench:query-cost`: the most expensive queries the cost limits (src/query/limits.ts)
 * still allow a reader, at BENCH_SIZE articles (default 100,000), against the front-page read
 * measured in the same process as the baseline. For each query it prints the time of an uncached
 * answer (median and worst of QUERY_COST_RUNS, default 5) and, while the query runs again, how
 * long /healthz had to wait at worst (polled every 5 ms on another connection).
 *
 * Targets (issue "Safe on the open internet"): each allowed query under 250 ms; /healthz never
 * waiting more than 50 ms behind one. A fresh SQLite file by default, or QUERY_COST_DATABASE_URL
 * (an empty database: the seed writes fixed ids).
 */
import type { AddressInfo } from 'node:net'

import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import { QUERY_LIMITS } from '../src/query/limits'
import { seedArticles, settleDatabase } from './api/seed'

process.env.DATABASE_URL =
  process.env.QUERY_COST_DATABASE_URL ?? `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-query-cost-')), 'bench.db')}`
process.env.SMTP_URL ??= 'off'
// The benchmark itself is the only client: no budget may refuse it.
process.env.EXPENSIVE_READS_PER_CLIENT = '1000000'
process.env.GRAPHQL_QUERIES_PER_CLIENT = '1000000'
const { default: config } = await import('../payload.config')
const { getPayload } = await import('payload')
const { createApp } = await import('../src/app')
const { closeDatabase } = await import('../src/db/connection')
const { prepareDeliveryStore } = await import('../src/delivery/readiness')

const size = Number(process.env.BENCH_SIZE ?? 100_000)
const runs = Number(process.env.QUERY_COST_RUNS ?? 5)
const payload = await getPayload({ config })
await seedArticles(payload, size)
const server = http.createServer(createApp({ payload }))
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
await prepareDeliveryStore(payload)
await settleDatabase(payload)
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const words = (count: number, prefix = 'w') => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(' ')
const { conditions, patternTerms, limit, readerOffset } = QUERY_LIMITS
const equalsBranches = (count: number) => Array.from({ length: count }, (_, i) => `where[or][${i + 1}][slug][equals]=article-${i * 997}`).join('&')
const list = `limit=${limit.anonymous}&depth=1`
/** The worst each limit allows, one shape at a time, as an anonymous reader sends it. */
const QUERIES: Record<string, string> = {
  'front page (baseline: latest 20, depth 1, uncached)': '/api/articles?limit=20&depth=1&sort=-publishedAt',
  [`${patternTerms} like words on the excerpt, no match`]: `/api/articles?${list}&where[excerpt][like]=${encodeURIComponent(words(patternTerms))}`,
  [`${patternTerms} not_like words on the excerpt (every row matches)`]: `/api/articles?${list}&where[excerpt][not_like]=${encodeURIComponent(words(patternTerms))}`,
  [`${patternTerms} like words on the title and an equals across one relationship`]: `/api/articles?${list}&where[title][like]=${encodeURIComponent(words(patternTerms))}&where[tags.slug][equals]=topic-7`,
  [`${conditions} conditions: ${patternTerms} like words or ${conditions - 1} equals`]: `/api/articles?${list}&where[or][0][title][like]=${encodeURIComponent(words(patternTerms))}&${equalsBranches(conditions - 1)}`,
  [`the deepest page a reader may ask for (${readerOffset} in), sorted by slug`]: `/api/articles?limit=10&depth=0&page=${readerOffset / 10 + 1}&sort=slug`,
  [`the deepest page of ${limit.anonymous}, oldest first, depth 0`]: `/api/articles?limit=${limit.anonymous}&depth=0&page=${readerOffset / limit.anonymous + 1}&sort=publishedAt`,
  [`GraphQL: ${patternTerms} like words, ${limit.anonymous} a page`]: 'graphql',
}
const graphqlBody = JSON.stringify({ query: `{ Articles(limit: ${limit.anonymous}, where: { excerpt: { like: "${words(patternTerms)}" } }) { totalDocs docs { title authors { name } } } }` })

const agent = new http.Agent({ keepAlive: true })
function timed(target: string): Promise<{ ms: number; status: number; text: string }> {
  const started = performance.now()
  const graphql = target === 'graphql'
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${graphql ? '/api/graphql' : target}`, { agent, method: graphql ? 'POST' : 'GET', headers: { 'cache-control': 'no-cache', ...(graphql ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text = (text + chunk.toString()).slice(0, 300)))
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(graphql ? graphqlBody : undefined)
  })
}

/** The worst wait of /healthz, polled on its own connection while `during` runs. */
async function healthWaitWhile(during: Promise<unknown>): Promise<number> {
  const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  let worst = 0
  let done = false
  void during.finally(() => (done = true))
  while (!done) {
    const started = performance.now()
    await new Promise<void>((resolve, reject) => http.get(`${base}/healthz`, { agent: probeAgent }, (res) => res.resume().on('end', resolve)).on('error', reject))
    worst = Math.max(worst, performance.now() - started)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  probeAgent.destroy()
  return worst
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const rows: Array<{ name: string; p50: number; worst: number; health: number; status: number }> = []
for (const [name, target] of Object.entries(QUERIES)) {
  await timed(target) // warm-up
  const times: number[] = []
  let status = 0
  let text = ''
  for (let i = 0; i < runs; i++) ({ ms: times[i], status, text } = await timed(target))
  if (status !== 200) console.log(`${name} answered ${status}: ${text}`)
  const health = await healthWaitWhile(timed(target))
  rows.push({ name, p50: median(times), worst: Math.max(...times), health, status })
}

const baseline = rows[0]!.p50
const format = (ms: number) => `${ms.toFixed(1)} ms`
console.log(`\nQuery cost at ${size.toLocaleString('en')} articles on ${payload.db.name} (${runs} runs each; limits: src/query/limits.ts)\n`)
console.log('| query | status | p50 | worst | × baseline | /healthz waited at worst |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(`| ${row.name} | ${row.status} | ${format(row.p50)} | ${format(row.worst)} | ${(row.p50 / baseline).toFixed(1)} | ${format(row.health)} |`)
const over = rows.slice(1).filter((row) => row.worst >= 250 || row.health > 50)
console.log(over.length ? `\nOver target (250 ms, /healthz 50 ms): ${over.map((row) => row.name).join('; ')}` : '\nEvery allowed query is under 250 ms and /healthz waited at most 50 ms.')

agent.destroy()
server.closeAllConnections()
server.close()
await closeDatabase(payload)

// scratch profiling (not committed)
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import http from 'node:http'
import { seedArticles } from './seed'
const { default: config } = await import('../../payload.config')
const { getPayload } = await import('payload')
const { createApp } = await import('../../src/app')
const payload = await getPayload({ config })
await seedArticles(payload, Number(process.env.BENCH_SIZE ?? 10000))
const server = http.createServer(createApp({ payload }))
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
const path = process.env.PROF_PATH ?? '/api/articles?limit=20&depth=1&sort=-publishedAt'
const opts: any = process.env.PROF_GQL ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ Articles(limit: 20, sort: "-publishedAt") { docs { id title slug excerpt body publishedAt authors { id name slug } tags { id name slug } } } }' }) } : { headers: { 'cache-control': 'no-cache' } }
console.error((await (await fetch(base + path, opts)).text()).slice(0, 300))
const r = await autocannon({ url: base + path, connections: 10, duration: Number(process.env.PROF_SECONDS ?? 8), ...opts })
console.error('rps', r.requests.average, 'p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx)
process.exit(0)

/**
 * `npm run bench:profile`: one read of the public API under load, for a CPU profile. Seeds
 * BENCH_SIZE articles (default 10000) into a fresh SQLite file (or PROFILE_DATABASE_URL, an
 * empty database), starts the CMS as `npm run bench` does and sends it PROFILE_SECONDS (default 10) of
 * uncached requests with autocannon. Node writes the profile (`--cpu-prof`) to bench/profiles/;
 * open it in Chrome DevTools (Performance) or any .cpuprofile viewer.
 *
 * PROFILE_SCENARIO: `list` (default: latest 20 over REST), `graphql` (the same over GraphQL),
 * or `slug` (one article by slug).
 */
import type { AddressInfo } from 'node:net'

import autocannon from 'autocannon'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import { graphqlListBody, LIST_PATH, slugPath } from './requests'
import { seedArticles, settleDatabase } from './seed'

// Never the database of the shell's DATABASE_URL: the seed writes fixed ids.
process.env.DATABASE_URL =
  process.env.PROFILE_DATABASE_URL ?? `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-profile-')), 'profile.db')}`
// Production insists on a mail setting; the profile sends no mail.
process.env.SMTP_URL ??= 'off'
// The load comes from one address: the per-client budgets would answer it with 429s.
process.env.GRAPHQL_QUERIES_PER_CLIENT ??= '1000000000'
const { default: config } = await import('../../payload.config')
const { getPayload } = await import('payload')
const { createApp } = await import('../../src/app')
const { closeDatabase } = await import('../../src/db/connection')
const { prepareDeliveryStore } = await import('../../src/delivery/readiness')

const payload = await getPayload({ config })
const slugs = await seedArticles(payload, Number(process.env.BENCH_SIZE ?? 10_000))
const server = http.createServer(createApp({ payload }))
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
// The seed wrote around the API: let the server rebuild its delivery store, as `npm run bench` does.
await prepareDeliveryStore(payload)
await settleDatabase(payload)
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const uncached = { 'cache-control': 'no-cache' }
const scenarios: Record<string, Partial<autocannon.Options>> = {
  list: { url: `${base}${LIST_PATH}`, headers: uncached },
  graphql: { url: `${base}/api/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body: graphqlListBody() },
  slug: { url: `${base}${slugPath(slugs[Math.floor(slugs.length / 2)]!)}`, headers: uncached },
}
const name = process.env.PROFILE_SCENARIO ?? 'list'
const scenario = scenarios[name]
if (!scenario) throw new Error(`PROFILE_SCENARIO must be one of ${Object.keys(scenarios).join(', ')}`)

const result = await autocannon({ connections: 10, duration: Number(process.env.PROFILE_SECONDS ?? 10), ...scenario } as autocannon.Options)
console.log(`${name}: ${result.requests.average} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx`)
server.closeAllConnections()
server.close()
await closeDatabase(payload)
// A normal exit, so Node writes the profile.
process.exit(0)

/**
 * One benchmark process (started by bench/api/index.ts): one database, one size. Seeds the articles,
 * starts the CMS (production mode, Express + Payload, its delivery store rebuilt from the seeded
 * articles) and, in the same process, a baseline: a minimal HTTP handler answering the same
 * queries with direct SQL and JSON.stringify. Then measures both with autocannon on 127.0.0.1,
 * one scenario at a time as the coordinator asks, and prints each result as a JSON line.
 */
import type { AddressInfo } from 'node:net'

import autocannon from 'autocannon'
import { createHash } from 'node:crypto'
import http from 'node:http'
import { createInterface } from 'node:readline'
import { createRequest, sendResponse } from '@remix-run/node-fetch-server'

import { openBaselineStore } from './baseline'
import { graphqlListBody, LIST_PATH, SEARCHES, slugPath } from './requests'
import { seedArticles, settleDatabase } from './seed'

const size = Number(process.env.BENCH_SIZE ?? 10_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = 10

const { default: config } = await import('../../payload.config')
const { getPayload } = await import('payload')
const { createApp } = await import('../../src/app')
const { closeDatabase } = await import('../../src/db/connection')
const { REST_GET } = await import('@payloadcms/next/routes')
const { prepareDeliveryStore } = await import('../../src/delivery/readiness')
const { prepareSearchIndex, rebuildSearchIndex } = await import('../../src/search/readiness')

const payload = await getPayload({ config })
const kind = payload.db.name.includes('postgres') ? 'postgres' : 'sqlite'
const slugs = await seedArticles(payload, size)

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  )
const cmsServer = http.createServer(createApp({ payload }))
const cms = await listen(cmsServer)
// The seed wrote around the API, so the server finds the delivery store out of step and
// rebuilds it (as it would on a database from before the store): measured, then waited for.
const rebuildStarted = Date.now()
await prepareDeliveryStore(payload)
const storeRebuildSeconds = (Date.now() - rebuildStarted) / 1000
// The store's rebuild filled the search index as it went; then a rebuild of the index alone from
// the store (npm run search:rebuild), timed.
await prepareSearchIndex(payload)
const searchBuildStarted = Date.now()
const searchEntries = await rebuildSearchIndex(payload)
const searchBuildSeconds = (Date.now() - searchBuildStarted) / 1000
await settleDatabase(payload)
// Payload's REST handler alone, without Express, this server's layer (logging, security headers,
// limits, response cache) or the delivery store: Payload's own read path.
const restGet = REST_GET(config)
const handlerServer = http.createServer(async (req, res) => {
  const slug = new URL(req.url!, 'http://x').pathname.split('/').slice(2)
  await sendResponse(res, await restGet(createRequest(req, res), { params: Promise.resolve({ slug }) }))
})
const handlerOnly = await listen(handlerServer)

// The baseline: the same queries, straight SQL, no framework.
const store = await openBaselineStore(process.env.DATABASE_URL!)
const baseline = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url!, 'http://x')
    const body =
      url.pathname === '/search'
        ? await store.search(url.searchParams.get('q')!, url.searchParams.get('locale') === 'ar' ? 'ar' : 'en')
        : JSON.stringify(url.pathname === '/latest' ? { docs: await store.latest(20) } : { docs: await store.bySlug(url.searchParams.get('slug')!) })
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end()
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body)
  } catch (error) {
    res.writeHead(500).end(String(error))
  }
})
const raw = await listen(baseline)

type Figures = { rps: number; p50: number; p99: number; errors: number }
let slugIndex = 0
const nextSlug = () => slugs[(slugIndex = (slugIndex + 7919) % slugs.length)]!

async function measure(url: string, options: Partial<autocannon.Options> & { rotateSlug?: (path: string) => string } = {}): Promise<Figures> {
  const { rotateSlug, ...rest } = options
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(rotateSlug ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: rotateSlug(request.path!) }) }] } : {}),
    ...rest,
  })
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result['4xx'] + result['5xx'] }
}

const etagOf = async (url: string, headers: Record<string, string> = {}) => (await fetch(url, { headers })).headers.get('etag')!
const graphqlBody = graphqlListBody()
const fresh = { 'cache-control': 'no-cache' }

type Pair = { cms: Figures; baseline: Figures }
const both = async (cms: () => Promise<Figures>, baseline: () => Promise<Figures>): Promise<Pair> => ({ cms: await cms(), baseline: await baseline() })

const allScenarios: Record<string, () => Promise<Pair>> = {
  'latest 20, REST (uncached)': () => both(() => measure(`${cms}${LIST_PATH}`, { headers: fresh }), () => measure(`${raw}/latest`)),
  'latest 20, REST, pagination=false (uncached)': () =>
    both(() => measure(`${cms}${LIST_PATH}&pagination=false`, { headers: fresh }), () => measure(`${raw}/latest`)),
  // The editions (docs/editions.md) on the same data: the "baseline" column is the English edition.
  'latest 20, REST, Arabic edition vs English (uncached)': () =>
    both(() => measure(`${cms}${LIST_PATH}&locale=ar`, { headers: fresh }), () => measure(`${cms}${LIST_PATH}&locale=en`, { headers: fresh })),
  "latest 20, REST, Payload's handler alone, no store (uncached)": () => both(() => measure(`${handlerOnly}${LIST_PATH}`), () => measure(`${raw}/latest`)),
  'latest 20, GraphQL': () =>
    both(() => measure(`${cms}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: graphqlBody }), () => measure(`${raw}/latest`)),
  'latest 20, GraphQL, pagination: false': () =>
    both(
      () =>
        measure(`${cms}/api/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: graphqlListBody('limit: 20, sort: "-publishedAt", pagination: false'),
        }),
      () => measure(`${raw}/latest`),
    ),
  'one article by slug, REST (uncached)': () =>
    both(
      () => measure(`${cms}${slugPath('x')}`, { headers: fresh, rotateSlug: (path) => path.replace(/equals\]=[^&]*/, `equals]=${nextSlug()}`) }),
      () => measure(`${raw}/slug?slug=x`, { rotateSlug: (path) => path.replace(/slug=[^&]*/, `slug=${nextSlug()}`) }),
    ),
  // Search (docs/search.md), uncached, against the same full-text SQL run directly. The last word
  // of each is also a prefix, as readers type.
  ...Object.fromEntries(
    SEARCHES.map(({ name, q, locale }) => [
      `search, ${name}, REST (uncached)`,
      () => both(() => measure(`${cms}/api/search?q=${encodeURIComponent(q)}&locale=${locale}`, { headers: fresh }), () => measure(`${raw}/search?q=${encodeURIComponent(q)}&locale=${locale}`)),
    ]),
  ),
  'latest 20, REST (cached)': async () => {
    await fetch(`${cms}${LIST_PATH}`) // warm the response cache
    return both(() => measure(`${cms}${LIST_PATH}`), () => measure(`${raw}/latest`))
  },
  'latest 20, 304 revalidation': async () => {
    const [cmsTag, rawTag] = [await etagOf(`${cms}${LIST_PATH}`), await etagOf(`${raw}/latest`)]
    return both(() => measure(`${cms}${LIST_PATH}`, { headers: { 'if-none-match': cmsTag } }), () => measure(`${raw}/latest`, { headers: { 'if-none-match': rawTag } }))
  },
}

// BENCH_SCENARIOS (comma-separated, case-insensitive parts of names) measures only those scenarios.
const wanted = (process.env.BENCH_SCENARIOS ?? '').split(',').map((part) => part.trim().toLowerCase()).filter(Boolean)
const scenarios = Object.fromEntries(Object.entries(allScenarios).filter(([name]) => wanted.length === 0 || wanted.some((part) => name.toLowerCase().includes(part))))
if (Object.keys(scenarios).length === 0) throw new Error(`BENCH_SCENARIOS=${process.env.BENCH_SCENARIOS} names none of: ${Object.keys(allScenarios).join('; ')}`)

// Warms both servers up (JIT, connection pools, page caches), so the first scenario is not
// measured on cold code.
async function warmUp(): Promise<void> {
  const short = { duration: 3 }
  await measure(`${cms}${LIST_PATH}`, { headers: fresh, ...short })
  await measure(`${cms}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: graphqlBody, ...short })
  await measure(`${raw}/latest`, short)
}

// Ready: the coordinator (bench/api/index.ts) now sends one command a line (`warm-up`, a
// scenario's name, `exit`) and reads one JSON line back for each, so that it can measure the
// sizes in turns, scenario by scenario, under the same conditions on this shared machine.
const reply = (message: unknown) => console.log(JSON.stringify(message))
reply({ ready: true, kind, size, seconds, connections, storeRebuildSeconds, searchBuildSeconds, searchEntries, scenarios: Object.keys(scenarios) })
for await (const command of createInterface({ input: process.stdin })) {
  if (command === 'exit') break
  if (command === 'warm-up') {
    await warmUp()
    reply({ done: command })
  } else if (scenarios[command]) {
    reply({ scenario: command, ...(await scenarios[command]()) })
  } else {
    reply({ error: `unknown command ${command}` })
  }
}

for (const server of [baseline, cmsServer, handlerServer]) {
  server.closeAllConnections()
  server.close()
}
await store.close()
await closeDatabase(payload)
process.exit(0)

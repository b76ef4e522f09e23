import { execFileSync } from 'node:child_process'

import type { ServerProcess } from '../helpers/serverProcess'
import type { TestDatabase } from '../helpers/testDatabase'

import { isDatabaseUnavailable } from '../../src/errors/databaseUnavailable'
import { lexicalFromParagraphs, paragraphsFromLexical } from '../../src/richtext/paragraphs'
import { startCms } from '../helpers/cms'
import { api, graphql, type ApiResult } from '../helpers/http'
import { spawnServer } from '../helpers/serverProcess'
import { createTestDatabase } from '../helpers/testDatabase'

/**
 * The server SIGKILLed in the middle of a stream of writes: after a restart, every write that was
 * answered 2xx is there, complete, and nothing half-written is (each write is one transaction).
 */
let database: TestDatabase
let server: ServerProcess | undefined

const env = () => ({ DATABASE_URL: database.url, PAYLOAD_SECRET: 'faults-secret', SEED_DEMO: 'false', RUN_JOBS: 'false' })

beforeAll(async () => {
  database = await createTestDatabase()
}, 60_000)
afterAll(async () => {
  server?.child.kill('SIGKILL')
  await server?.exited
  await database?.drop()
})

test('SIGKILL during writes loses no acknowledged write and leaves no partial one', async () => {
  server = await spawnServer(env())
  const first = await api(server.url, '/api/users/first-register', { method: 'POST', body: { email: 'desk@newsroom.test', password: 'a long enough password' } })
  const token = first.body.token as string

  // Writers keep creating tags, each with a description that must arrive whole, until the kill.
  const acknowledged: string[] = []
  let stop = false
  const writer = async (lane: number) => {
    for (let i = 0; !stop; i++) {
      const name = `Lane ${lane} tag ${i}`
      try {
        const response = await api(server!.url, '/api/tags', { method: 'POST', token, body: { name, description: `${name} — complete` } })
        if (response.status === 201) acknowledged.push(name)
      } catch {
        return // the connection died with the server
      }
    }
  }
  const lanes = [1, 2, 3, 4].map(writer)
  await new Promise((resolve) => setTimeout(resolve, 1500))
  server.child.kill('SIGKILL')
  stop = true
  await server.exited
  await Promise.all(lanes)
  expect(acknowledged.length).toBeGreaterThan(10)

  server = await spawnServer(env())
  const stored = await allDocs<{ name: string; description: string }>(server.url, '/api/tags?depth=0', (await api(server.url, '/api/users/login', { method: 'POST', body: { email: 'desk@newsroom.test', password: 'a long enough password' } })).body.token)
  const byName = new Map<string, { description: string }>(stored.map((doc) => [doc.name, doc]))
  for (const name of acknowledged) expect(byName.get(name)?.description).toBe(`${name} — complete`)
  // Whatever else made it in (a write cut off before its answer) is complete too.
  for (const [name, doc] of byName) expect(doc.description).toBe(`${name} — complete`)
}, 180_000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Every document a list answers, page by page (signed-in staff get at most 1000 a page). */
async function allDocs<T>(baseUrl: string, listPath: string, token: string): Promise<T[]> {
  const docs: T[] = []
  for (let page = 1; ; page++) {
    const response = await api(baseUrl, `${listPath}${listPath.includes('?') ? '&' : '?'}limit=1000&page=${page}`, { token })
    expect(response.status).toBe(200)
    docs.push(...(response.body.docs as T[]))
    if (!response.body.hasNextPage) return docs
  }
}
const credentials = { email: 'desk@newsroom.test', password: 'a long enough password' }

/** A fresh server on the test database, signed in as the desk's admin. */
async function freshServer(): Promise<{ server: ServerProcess; token: string }> {
  server?.child.kill('SIGKILL')
  await server?.exited
  server = await spawnServer(env())
  let login = await api(server.url, '/api/users/login', { method: 'POST', body: credentials })
  // The first test registers the desk's admin; a test run on its own does it here.
  if (login.status !== 200) login = await api(server.url, '/api/users/first-register', { method: 'POST', body: credentials })
  expect(login.status).toBe(200)
  return { server, token: login.body.token as string }
}

/**
 * The server process is still the one that was started, and answers; and it is alive on its own
 * merits: no closed connection reached the process guard as an uncaught exception (src/process/guard.ts
 * would keep the process up even then, but a pg client's unhandled 'error' means a connection
 * nobody looks after).
 */
async function expectAlive(running: ServerProcess) {
  expect(running.child.exitCode).toBeNull()
  expect(running.child.signalCode).toBeNull()
  expect((await api(running.url, '/healthz')).status).toBe(200)
  const uncaught = running.output().split('\n').filter((line) => line.includes('"event":"uncaughtException"'))
  expect(uncaught).toEqual([])
}

/** Waits (bounded) until /readyz says the database answers again: no restart of the CMS. */
async function expectRecovered(running: ServerProcess) {
  const deadline = Date.now() + 30_000
  let ready = 0
  while (Date.now() < deadline && (ready = (await api(running.url, '/readyz')).status) !== 200) await sleep(250)
  expect(ready).toBe(200)
}

type Refusal = { route: string; status: number; retryAfter: string | null; message?: string }
const STAGES_TO_PUBLISH = ['in_review', 'approved', 'published'] as const
const bodyOf = (title: string) => `${title}: complete`

/**
 * Writers through REST (articles created, then taken through the workflow to publication; tags)
 * and GraphQL (tag mutations, article queries), until stopped. Every answer that is not a
 * success is kept; a write is counted as acknowledged only when it was answered 2xx.
 */
function writers(running: ServerProcess, token: string, prefix: string, lanes = 3) {
  const published = new Map<number, { title: string; slug: string }>()
  const tags: string[] = []
  const refusals: Refusal[] = []
  const networkErrors: unknown[] = []
  let stopped = false

  const call = async (route: string, send: () => Promise<ApiResult>): Promise<ApiResult | undefined> => {
    try {
      const response = await send()
      const graphqlError = route.startsWith('graphql') ? (response.body as { errors?: Array<{ message: string }> })?.errors?.[0] : undefined
      if (response.status >= 300 || graphqlError) {
        refusals.push({ route, status: response.status, retryAfter: response.headers.get('retry-after'), message: graphqlError?.message ?? JSON.stringify(response.body).slice(0, 300) })
        return undefined
      }
      return response
    } catch (error) {
      networkErrors.push(error) // the server did not answer at all
      await sleep(100)
      return undefined
    }
  }
  /** Repeats a write until it is answered 2xx (or the writers stop); waits a little after a refusal. */
  const until = async (route: string, send: () => Promise<ApiResult>): Promise<ApiResult | undefined> => {
    while (!stopped) {
      const response = await call(route, send)
      if (response) return response
      await sleep(100)
    }
    return undefined
  }
  const stageOf = async (id: number) => (await call('rest: read draft', () => api(running.url, `/api/articles/${id}?draft=true&depth=0`, { token })))?.body.stage as string | undefined

  const articleLane = async (lane: number) => {
    for (let i = 0; !stopped; i++) {
      const title = `${prefix} lane ${lane} article ${i}`
      const created = await call('rest: create article', () =>
        api(running.url, '/api/articles?draft=true', { method: 'POST', token, body: { title, body: lexicalFromParagraphs([bodyOf(title)]) } }),
      )
      if (!created) {
        await sleep(100)
        continue
      }
      const { id, slug } = created.body.doc as { id: number; slug: string }
      for (const stage of STAGES_TO_PUBLISH) {
        // A step whose answer was lost may have been taken: look before taking it again.
        const moved = await until('rest: workflow step', async () =>
          (await stageOf(id)) === stage
            ? ({ status: 200, headers: new Headers(), body: {} } as ApiResult)
            : api(running.url, `/api/articles/${id}?draft=true`, { method: 'PATCH', token, body: { stage } }),
        )
        if (!moved) break
        if (stage === 'published') published.set(id, { title, slug })
      }
    }
  }
  const tagLane = async () => {
    for (let i = 0; !stopped; i++) {
      const name = `${prefix} tag ${i}`
      if (await call('rest: create tag', () => api(running.url, '/api/tags', { method: 'POST', token, body: { name, description: bodyOf(name) } }))) tags.push(name)
      const viaGraphql = `${prefix} graphql tag ${i}`
      const mutation = `mutation { createTag(data: { name: ${JSON.stringify(viaGraphql)}, description: ${JSON.stringify(bodyOf(viaGraphql))} }) { id } }`
      if (await call('graphql: createTag', () => graphql(running.url, mutation, { token }))) tags.push(viaGraphql)
      await call('graphql: query', () => graphql(running.url, `{ Tags(where: { name: { like: ${JSON.stringify(prefix)} } }, limit: 5) { docs { id name } } }`))
      await sleep(20)
    }
  }
  const running_ = [...Array.from({ length: lanes }, (_, lane) => articleLane(lane)), tagLane()]
  return {
    published,
    tags,
    refusals,
    networkErrors,
    stop: async () => {
      stopped = true
      await Promise.all(running_)
    },
  }
}

/** Every refusal during an outage is a 503 that says when to try again, REST and GraphQL alike. */
function expectOnly503sWithRetryAfter(refusals: Refusal[]) {
  const unexpected = refusals.filter((refusal) => refusal.status !== 503 || !/^\d+$/.test(refusal.retryAfter ?? ''))
  expect(unexpected).toEqual([])
}

/**
 * After recovery: every acknowledged publish is live (Payload's read and the delivery store's
 * read by slug), every acknowledged tag is there; and nothing stored is half-written: each
 * article's body is whole and its workflow history matches its stage step for step (the stage
 * and its history entry are written in one transaction).
 */
async function expectEverythingAcknowledgedAndNothingHalfWritten(running: ServerProcess, token: string, prefix: string, written: ReturnType<typeof writers>) {
  for (const [id, { title, slug }] of written.published) {
    const live = await api(running.url, `/api/articles/${id}?depth=0`)
    expect({ id, status: live.status, title: live.body.title, _status: live.body._status }).toEqual({ id, status: 200, title, _status: 'published' })
    const bySlug = await api(running.url, `/api/articles?where[slug][equals]=${encodeURIComponent(slug)}&depth=0`, { headers: { 'cache-control': 'no-cache' } })
    expect(bySlug.body.docs?.map((doc: { id: number }) => doc.id)).toEqual([id])
  }
  const storedTags = await allDocs<{ name: string; description: string }>(running.url, `/api/tags?depth=0&where[name][like]=${encodeURIComponent(prefix)}`, token)
  const tagsByName = new Map<string, { description: string }>(storedTags.map((doc) => [doc.name, doc]))
  for (const name of written.tags) expect({ name, description: tagsByName.get(name)?.description }).toEqual({ name, description: bodyOf(name) })
  for (const [name, doc] of tagsByName) expect({ name, description: doc.description }).toEqual({ name, description: bodyOf(name) })

  const stored = await allDocs<{ id: number; title: string; stage: string; body: Parameters<typeof paragraphsFromLexical>[0] }>(
    running.url,
    `/api/articles?draft=true&depth=0&where[title][like]=${encodeURIComponent(prefix)}`,
    token,
  )
  const history = await allDocs<{ article: number; to: string }>(running.url, '/api/article-history?depth=0&sort=createdAt', token)
  const stepsOf = new Map<number, string[]>()
  for (const entry of history) stepsOf.set(entry.article, [...(stepsOf.get(entry.article) ?? []), entry.to])
  for (const article of stored) {
    const reached = article.stage === 'draft' ? 0 : STAGES_TO_PUBLISH.indexOf(article.stage as (typeof STAGES_TO_PUBLISH)[number]) + 1
    expect({ title: article.title, body: paragraphsFromLexical(article.body), steps: stepsOf.get(article.id) ?? [] }).toEqual({
      title: article.title,
      body: [bodyOf(article.title)],
      steps: STAGES_TO_PUBLISH.slice(0, reached),
    })
  }
  expect(stored.length).toBeGreaterThanOrEqual(written.published.size)
}

/** Writes work again after recovery: a burst of simultaneous writes, more than the pool has connections. */
async function expectWritesSucceed(running: ServerProcess, token: string, prefix: string) {
  const burst = await Promise.all(
    Array.from({ length: 12 }, (_, i) => api(running.url, '/api/tags', { method: 'POST', token, body: { name: `${prefix} after ${i}`, description: bodyOf(`${prefix} after ${i}`) } })),
  )
  expect(burst.map((response) => response.status)).toEqual(Array(12).fill(201))
  const viaGraphql = await graphql(running.url, `mutation { createTag(data: { name: "${prefix} graphql after", description: "${bodyOf(`${prefix} graphql after`)}" }) { id } }`, { token })
  expect({ status: viaGraphql.status, errors: viaGraphql.body.errors }).toEqual({ status: 200, errors: undefined })
}

/** Writers run until a few articles are published, so the fault lands in the middle of writes. */
async function waitForPublishes(written: ReturnType<typeof writers>, count: number) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline && written.published.size < count) await sleep(100)
  expect(written.published.size).toBeGreaterThanOrEqual(count)
}

/**
 * PostgreSQL stopped, or restarted, under writes. Needs a server this test may stop: CI passes the
 * cluster as PG_CLUSTER ("15 main") on its PostgreSQL run. Without one (the SQLite run, which has
 * no database server to stop, or a PostgreSQL the test must not stop) these tests cannot run and
 * are skipped.
 */
const pgCluster = process.env.PG_CLUSTER
const onPostgres = Boolean(process.env.TEST_DATABASE_URL?.startsWith('postgres'))
const describeWithPostgresServer = pgCluster && onPostgres ? describe : describe.skip
const pgctl = (action: 'restart' | 'start' | 'stop') =>
  execFileSync('pg_ctlcluster', [...pgCluster!.split(' '), action, ...(action === 'start' ? [] : ['-m', 'fast'])], { stdio: 'ignore' })

describeWithPostgresServer('database restart', () => {
  test('while PostgreSQL is down /readyz, REST and GraphQL answer 503 with Retry-After; it recovers by itself and loses no acknowledged write', async () => {
    const { server: running, token } = await freshServer()
    const written = writers(running, token, 'Stopped')
    const probes: Array<{ route: string; response: ApiResult }> = []
    try {
      await waitForPublishes(written, 2)
      pgctl('stop')
      const probe = async (route: string, send: () => Promise<ApiResult>) => probes.push({ route, response: await send() })
      await probe('readyz', () => api(running.url, '/readyz'))
      await probe('rest: anonymous read', () => api(running.url, `/api/tags?where[name][equals]=probe-${Date.now()}`))
      await probe('rest: latest articles (delivery store)', () => api(running.url, '/api/articles?limit=5&sort=-publishedAt&depth=1', { headers: { 'cache-control': 'no-cache' } }))
      await probe('rest: write', () => api(running.url, '/api/tags', { method: 'POST', token, body: { name: 'Stopped probe', description: bodyOf('Stopped probe') } }))
      await probe('graphql: query', () => graphql(running.url, `{ Tags(where: { name: { equals: "probe-${Date.now()}" } }) { docs { id } } }`))
      await probe('graphql: latest articles (delivery store)', () => graphql(running.url, '{ Articles(sort: "-publishedAt", limit: 5) { docs { id title } } }'))
      await probe('graphql: mutation', () => graphql(running.url, `mutation { createTag(data: { name: "Stopped graphql probe", description: "${bodyOf('Stopped graphql probe')}" }) { id } }`, { token }))
      await sleep(1000)
    } finally {
      pgctl('start')
    }
    await expectRecovered(running)
    const countAfterRecovery = written.tags.length
    await sleep(1000)
    await written.stop()
    await expectAlive(running)

    expect(probes.map(({ route, response }) => ({ route, status: response.status, retryAfter: response.headers.get('retry-after') }))).toEqual([
      { route: 'readyz', status: 503, retryAfter: null },
      ...probes.slice(1).map(({ route }) => ({ route, status: 503, retryAfter: '5' })),
    ])
    expect(written.refusals.length).toBeGreaterThan(0) // the writers did meet the outage
    expectOnly503sWithRetryAfter(written.refusals)
    expect(written.networkErrors).toEqual([])
    expect(written.tags.length).toBeGreaterThan(countAfterRecovery) // writes work again
    await expectWritesSucceed(running, token, 'Stopped')
    await expectEverythingAcknowledgedAndNothingHalfWritten(running, token, 'Stopped', written)
  }, 60_000)

  test('pg_ctlcluster restart while articles are published through the workflow: the process lives, recovers by itself, loses nothing acknowledged', async () => {
    const { server: running, token } = await freshServer()
    const written = writers(running, token, 'Restarted')
    await waitForPublishes(written, 2)
    const publishedBefore = written.published.size
    pgctl('restart')
    await expectRecovered(running)
    await sleep(1500)
    await written.stop()
    await expectAlive(running)

    expectOnly503sWithRetryAfter(written.refusals)
    expect(written.networkErrors).toEqual([])
    expect(written.published.size).toBeGreaterThan(publishedBefore) // publishing goes on after the restart
    await expectWritesSucceed(running, token, 'Restarted')
    await expectEverythingAcknowledgedAndNothingHalfWritten(running, token, 'Restarted', written)
  }, 60_000)
})

/**
 * PostgreSQL ends the server's connections, those in use included (pg_terminate_backend: what a
 * failover or a network cut does to a connection). Needs PostgreSQL, not a server the test may
 * stop: the test role ends its own database's backends (a role may always end its own; CI also
 * grants pg_signal_backend). On SQLite there are no connections to end, so it is skipped.
 */
const describeOnPostgres = onPostgres ? describe : describe.skip

describeOnPostgres('connections ended by PostgreSQL', () => {
  test('backends terminated again and again while requests are in flight: no crash, 503s with Retry-After, no leaked connection, nothing half-written', async () => {
    const { server: running, token } = await freshServer()
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await admin.connect()
    const written = writers(running, token, 'Terminated')
    let terminated = 0
    try {
      await waitForPublishes(written, 2)
      const publishedBefore = written.published.size
      // More rounds than the pool has connections: a connection left checked out when it died would run the pool dry.
      for (let round = 0; round < 12; round++) {
        const result = await admin.query<{ ended: boolean }>(
          'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [new URL(database.url).pathname.slice(1)],
        )
        terminated += result.rows.filter((row) => row.ended).length
        await sleep(250)
      }
      await expectRecovered(running)
      const deadline = Date.now() + 20_000
      while (Date.now() < deadline && written.published.size <= publishedBefore) await sleep(100)
      expect(written.published.size).toBeGreaterThan(publishedBefore) // publishing goes on
    } finally {
      await written.stop()
      await admin.end()
    }
    expect(terminated).toBeGreaterThan(12) // connections in use were ended, round after round
    await expectAlive(running)
    expectOnly503sWithRetryAfter(written.refusals)
    expect(written.networkErrors).toEqual([])
    await expectWritesSucceed(running, token, 'Terminated')
    await expectEverythingAcknowledgedAndNothingHalfWritten(running, token, 'Terminated', written)
  }, 60_000)

  test('a COMMIT cut off by PostgreSQL is reported as a failure, so the write is never acknowledged', async () => {
    // Payload's drizzle transactions used to swallow a failed COMMIT and answer 201 for a write
    // that was not stored (src/db/postgresTransactions.ts). Here the connection of an open
    // transaction is ended just before its COMMIT.
    const { commitTransaction, createLocalReq, initTransaction, killTransaction } = await import('payload')
    const { sql } = await import('@payloadcms/db-postgres/drizzle')
    const { default: pg } = await import('pg')
    server?.child.kill('SIGKILL') // this test runs its own CMS in-process on the same database
    await server?.exited
    server = undefined
    const cms = await startCms({ database })
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await admin.connect()
    try {
      const { payload } = cms
      const write = async (name: string, cut: boolean) => {
        const req = await createLocalReq({}, payload)
        await initTransaction(req)
        try {
          await payload.create({ collection: 'tags', data: { name, description: bodyOf(name) } as never, req, overrideAccess: true })
          const tx = (payload.db as unknown as { sessions: Record<string, { db: { execute: (query: unknown) => Promise<{ rows: Array<{ pid: number }> }> } }> }).sessions[String(req.transactionID)]!.db
          const [{ pid }] = (await tx.execute(sql`select pg_backend_pid() as pid`)).rows as [{ pid: number }]
          if (cut) {
            await admin.query('SELECT pg_terminate_backend($1)', [pid])
            await sleep(200)
          }
          await commitTransaction(req)
          return 'committed'
        } catch (error) {
          await killTransaction(req)
          return isDatabaseUnavailable(error) ? 'unavailable' : error
        }
      }
      expect(await write('Commit kept', false)).toBe('committed')
      expect(await write('Commit cut off', true)).toBe('unavailable')
      const stored = await payload.find({ collection: 'tags', where: { name: { in: ['Commit kept', 'Commit cut off'] } }, overrideAccess: true })
      expect(stored.docs.map((doc) => doc.name)).toEqual(['Commit kept'])
      // The pool carries on with fresh connections.
      expect(await write('Commit after the cut', false)).toBe('committed')
    } finally {
      await admin.end()
      await cms.close({ keepDatabase: true })
    }
  }, 60_000)
})


import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import type { TestCms } from '../helpers/cms'

import { closeDatabase, pingDatabase } from '../../src/db/connection'
import { startCms } from '../helpers/cms'
import { api, graphql } from '../helpers/http'
import { spawnServer } from '../helpers/serverProcess'
import { createTestDatabase } from '../helpers/testDatabase'

describe('the Express app', () => {
  let cms: TestCms
  beforeAll(async () => {
    cms = await startCms()
  })
  afterAll(async () => {
    await cms?.close()
  })

  test('/healthz says the process is up; /readyz that the database answers', async () => {
    const health = await api(cms.baseUrl, '/healthz')
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } })
    const ready = await api(cms.baseUrl, '/readyz')
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } })
  })

  test('on SQLite, reads outside a transaction run on reader threads, not the event loop', async () => {
    const readers = (cms.payload.db as unknown as { readers?: { served: number; size: number } }).readers
    // PostgreSQL and MongoDB run queries on their own servers: there is nothing to move.
    if (cms.database.kind !== 'sqlite') return expect(readers).toBeUndefined()
    expect(readers?.size).toBeGreaterThan(0)
    const served = readers!.served
    expect((await api(cms.baseUrl, '/api/articles?limit=5&depth=0')).status).toBe(200)
    expect(readers!.served).toBeGreaterThan(served)
  })

  test('security headers are set and the framework is not advertised', async () => {
    const { headers } = await api(cms.baseUrl, '/api/articles')
    expect(headers.get('x-content-type-options')).toBe('nosniff')
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(headers.get('referrer-policy')).toBe('no-referrer')
    expect(headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'")
    expect(headers.get('x-powered-by')).toBeNull()
  })

  test('REST and GraphQL answer on /api and /api/graphql', async () => {
    expect((await api(cms.baseUrl, '/api/articles?limit=5&depth=0')).body).toMatchObject({ docs: [], limit: 5 })
    const { status, body } = await graphql(cms.baseUrl, '{ Tags { totalDocs } }')
    expect(status).toBe(200)
    expect(body).toEqual({ data: { Tags: { totalDocs: 0 } } })
  })

  test('a malformed GraphQL query is a 400 with a message and no stack trace', async () => {
    const { status, body } = await graphql(cms.baseUrl, '{ Articles { docs { nope } }')
    expect(status).toBe(400)
    expect(body.errors?.[0]?.message).toMatch(/Syntax Error/)
    expect(JSON.stringify(body)).not.toMatch(/\s+at\s+\S+\s\(/)
  })

  test('unknown routes and methods get clear errors', async () => {
    expect((await api(cms.baseUrl, '/api/nope')).status).toBe(404)
    expect((await api(cms.baseUrl, '/admin')).status).toBe(404)
    const propfind = await api(cms.baseUrl, '/api/articles', { method: 'PROPFIND' })
    expect(propfind.status).toBe(405)
    expect(propfind.body.errors[0].message).toBe('Method PROPFIND is not allowed.')
  })

  test('/readyz answers 503 when the database is gone', async () => {
    // Last in this block: it closes the connection under the running app.
    await expect(pingDatabase(cms.payload)).resolves.toBeUndefined()
    await closeDatabase(cms.payload)
    const ready = await api(cms.baseUrl, '/readyz')
    expect(ready).toMatchObject({ status: 503, body: { status: 'unavailable' } })
  })
})

describe('the server process', () => {
  let dataDir: string
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-server-'))
  })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  test('starts on an empty SQLite file, seeds the demo article, and shuts down gracefully on SIGTERM', async () => {
    const server = await spawnServer({ DATABASE_URL: `file:${path.join(dataDir, 'fresh.db')}`, MEDIA_DIR: dataDir })
    try {
      const articles = await api(server.url, '/api/articles?depth=1')
      expect(articles.body.docs).toHaveLength(1)
      expect(articles.body.docs[0]).toMatchObject({ slug: 'iraqi-militias-defy-government-expand-networks-and-pressure', _status: 'published' })

      // A request still being sent when SIGTERM arrives must still get its answer.
      const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1')
      await new Promise((resolve) => socket.once('connect', resolve))
      const body = JSON.stringify({ title: 'late' })
      socket.write(`POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`)
      let response = ''
      socket.on('data', (chunk) => (response += chunk.toString()))
      await new Promise((resolve) => setTimeout(resolve, 200))
      server.child.kill('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 500))
      socket.end(body)
      const code = await server.exited
      expect(response).toMatch(/^HTTP\/1\.1 403/)
      expect(code).toBe(0)
      expect(server.output()).toContain('shutdown complete')
    } finally {
      server.child.kill('SIGKILL')
    }
  }, 120_000)

  test('in production, an empty database gets the committed migrations (not a dev schema push), and GraphQL hides its schema', async () => {
    const database = await createTestDatabase()
    const server = await spawnServer(
      { DATABASE_URL: database.url, PAYLOAD_SECRET: 'production-test-secret', SERVE_ADMIN: 'false' },
      { production: true },
    ).catch(async (error) => {
      await database.drop()
      throw error
    })
    try {
      expect(server.output()).toMatch(/Migrated: +[\d_]+_initial/)
      const articles = await api(server.url, '/api/articles?depth=1')
      expect(articles.body.docs[0]).toMatchObject({ _status: 'published', authors: [{ name: 'Ali Mamouri' }] })
      expect(articles.body.docs[0].tags).toHaveLength(3)
      // Production hides the schema: no introspection, no playground.
      const introspection = await api(server.url, '/api/graphql', { method: 'POST', body: { query: '{ __schema { types { name } } }' } })
      expect(introspection.status).toBe(400)
      expect(JSON.stringify(introspection.body)).toMatch(/introspection/i)
      expect((await api(server.url, '/api/graphql-playground')).status).toBe(404)
      // Session cookies in production: Secure, HttpOnly, SameSite=Lax.
      const first = await api(server.url, '/api/users/first-register', { method: 'POST', body: { email: 'owner@newsroom.test', password: 'a long enough password' } })
      const cookie = first.headers.get('set-cookie') ?? ''
      expect(cookie).toMatch(/payload-token=/)
      expect(cookie).toMatch(/;\s*Secure/i)
      expect(cookie).toMatch(/;\s*HttpOnly/i)
      expect(cookie).toMatch(/;\s*SameSite=Lax/i)
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
      await database.drop()
    }
  }, 120_000)

  test.each([
    ['an unknown database scheme', { DATABASE_URL: 'mysql://localhost/news' }, /unsupported scheme \\"mysql:/],
    ['an unreachable PostgreSQL', { DATABASE_URL: 'postgres://news:secret@127.0.0.1:1/news' }, /Could not connect to the postgres database.*news:\*\*\*@127\.0\.0\.1:1/],
    ['production without a secret', { NODE_ENV: 'production', PAYLOAD_SECRET: '' }, /PAYLOAD_SECRET is not set/],
  ])('refuses to start with %s, saying what to fix', async (_name, env, message) => {
    const failure = await spawnServer({ DATABASE_URL: `file:${path.join(dataDir, 'never.db')}`, ...env }).then(
      () => {
        throw new Error('the server started')
      },
      (error: { code: number; output: string }) => error,
    )
    expect(failure.code).toBe(1)
    expect(failure.output).toMatch(message)
    expect(failure.output).not.toContain('secret@')
  }, 120_000)
})

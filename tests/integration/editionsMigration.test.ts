import fs from 'node:fs'
import path from 'node:path'

import type { ServerProcess } from '../helpers/serverProcess'
import type { TestDatabase } from '../helpers/testDatabase'

import { api } from '../helpers/http'
import { spawnServer } from '../helpers/serverProcess'
import { createTestDatabase } from '../helpers/testDatabase'

/**
 * Upgrading a database from before the editions (tests/fixtures/pre-editions: the demo content
 * and a workflow history, made by scripts/make-pre-editions-fixture.ts with the commit before
 * editions) with the committed migrations: everything stored becomes the English edition, with
 * nothing lost (titles, live versions and pending revisions, stages, assignees, due dates,
 * relations, history, bylines, tags, image alt text), and the Arabic edition starts empty.
 */
const fixtures = path.resolve('tests/fixtures/pre-editions')
const PASSWORD = 'correct horse battery staple'

async function loadFixture(database: TestDatabase): Promise<void> {
  if (database.kind === 'sqlite') {
    const { createClient } = await import('@libsql/client')
    const client = createClient({ url: database.url })
    await client.executeMultiple(fs.readFileSync(path.join(fixtures, 'sqlite.sql'), 'utf8'))
    client.close()
  } else if (database.kind === 'postgres') {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    await client.query(fs.readFileSync(path.join(fixtures, 'postgres.sql'), 'utf8'))
    await client.end()
  }
}

// MongoDB has no schema to migrate: its documents take the locales as they are next written.
const sql = !process.env.TEST_DATABASE_URL?.startsWith('mongodb')
const describeSql = sql ? describe : describe.skip

describeSql('the editions migration', () => {
  let database: TestDatabase
  let server: ServerProcess
  let token: string

  beforeAll(async () => {
    database = await createTestDatabase()
    await loadFixture(database)
    server = await spawnServer({ DATABASE_URL: database.url, PAYLOAD_SECRET: 'migration-test-secret', SERVE_ADMIN: 'false', SEED_DEMO: 'false', RUN_JOBS: 'false' }, { production: true })
    const login = await api(server.url, '/api/users/login', { method: 'POST', body: { email: 'editor@newsroom.test', password: PASSWORD } })
    expect(login.status).toBe(200)
    token = login.body.token
  }, 180_000)
  afterAll(async () => {
    server?.child.kill('SIGTERM')
    await server?.exited.catch(() => undefined)
    await database?.drop()
  })

  test('runs as a committed migration at start', () => {
    expect(server.output()).toMatch(/Migrated: +[\d_]+_editions/)
  })

  test('what was live is the live English edition; the Arabic edition has nothing published', async () => {
    const english = await api(server.url, '/api/articles?depth=1&sort=publishedAt&locale=en')
    expect(english.status).toBe(200)
    expect(english.body.docs.map((doc: { title: string }) => doc.title).sort()).toEqual(['Basra water protests return', 'Iraqi militias defy government, expand networks and pressure'])
    const basra = english.body.docs.find((doc: { title: string }) => doc.title === 'Basra water protests return')
    expect(basra).toMatchObject({ excerpt: 'Protesters blocked the port road.', seo: { title: 'Basra protests', description: 'Water and power.' }, heroImage: { alt: 'A map of Basra province' } })
    expect(basra.authors.map((author: { name: string }) => author.name)).toEqual(['Sami Writer'])
    expect(basra.tags).toHaveLength(1)
    expect(basra.body.root.children[0].children[0].text).toBe('Protesters in Basra blocked the road to Umm Qasr port.')
    // The default edition is English: no locale is the same request.
    expect((await api(server.url, '/api/articles?depth=0')).body.totalDocs).toBe(2)
    const arabic = await api(server.url, '/api/articles?depth=0&locale=ar')
    expect(arabic.status).toBe(200)
    expect(arabic.body.totalDocs).toBe(0)
  })

  test('pending revisions, stages, assignees and due dates are the English edition’s', async () => {
    const latest = async (title: string) => {
      const found = await api(server.url, `/api/articles?draft=true&depth=0&locale=en&where[title][like]=${encodeURIComponent(title)}`, { token })
      expect(found.body.docs).toHaveLength(1)
      return found.body.docs[0]
    }
    expect(await latest('third week')).toMatchObject({ title: 'Basra water protests return for a third week', stage: 'in_review' })
    const waiting = await latest('Kurdistan')
    expect(waiting).toMatchObject({ stage: 'in_review', dueDate: '2026-12-24T09:00:00.000Z' })
    const me = await api(server.url, '/api/users/me', { token })
    expect(waiting.assignee).toBe(me.body.user.id)
    expect(await latest('Mosul')).toMatchObject({ stage: 'changes_requested' })
    const versions = await api(server.url, `/api/articles/versions?depth=0&limit=50&where[parent][equals]=${waiting.id}`, { token })
    expect(versions.body.totalDocs).toBeGreaterThanOrEqual(3)
  })

  test('the workflow history is kept, every step the English edition’s', async () => {
    const history = await api(server.url, '/api/article-history?depth=0&limit=50&sort=createdAt', { token })
    expect(history.body.totalDocs).toBe(8)
    expect(new Set(history.body.docs.map((entry: { locale: string }) => entry.locale))).toEqual(new Set(['en']))
    expect(history.body.docs.map((entry: { transition: string }) => entry.transition)).toEqual(expect.arrayContaining(['submit', 'approve', 'publish', 'revise', 'requestChanges']))
    expect(history.body.docs.find((entry: { transition: string }) => entry.transition === 'requestChanges').note).toBe('Add the governor’s figures.')
  })

  test('bylines, tags and images keep their text in English and have none in Arabic yet', async () => {
    const author = (await api(server.url, '/api/authors?depth=0&where[name][equals]=Sami%20Writer')).body.docs[0]
    expect(author).toMatchObject({ bio: 'Covers Basra and the south.' })
    const tags = await api(server.url, '/api/tags?depth=0&sort=slug&limit=10')
    expect(tags.body.docs.map((tag: { name: string }) => tag.name)).toEqual(['Iraq', 'Middle East', 'Militias'])
    expect(tags.body.docs.map((tag: { slug: string }) => tag.slug)).toEqual(['iraq', 'middle-east', 'militias'])
    const arabicTags = await api(server.url, '/api/tags?depth=0&locale=ar&limit=10')
    expect(arabicTags.body.docs.map((tag: { name?: string }) => tag.name ?? null)).toEqual([null, null, null])
  })

  test('the Arabic edition can then be written and published on its own', async () => {
    const basra = (await api(server.url, '/api/articles?depth=0&where[title][equals]=Basra%20water%20protests%20return')).body.docs[0]
    const write = await api(server.url, `/api/articles/${basra.id}?locale=ar`, { method: 'PATCH', token, body: { title: 'عودة احتجاجات المياه في البصرة', body: basra.body } })
    expect(write.status).toBe(200)
    for (const stage of ['in_review', 'approved', 'published']) {
      const step = await api(server.url, `/api/articles/${basra.id}?locale=ar`, { method: 'PATCH', token, body: { stage } })
      expect([stage, step.status, step.body.errors]).toEqual([stage, 200, undefined])
    }
    const arabic = await api(server.url, '/api/articles?depth=0&locale=ar')
    expect(arabic.body.docs.map((doc: { title: string }) => doc.title)).toEqual(['عودة احتجاجات المياه في البصرة'])
    const english = await api(server.url, `/api/articles/${basra.id}?depth=0&locale=en`)
    expect(english.body).toMatchObject({ title: 'Basra water protests return', _status: 'published' })
  })
})

import type { Article } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'
import type { ServerProcess } from '../helpers/serverProcess'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { spawnServer } from '../helpers/serverProcess'
import { createStaff } from '../helpers/staff'
import { moveArticle, publishRevision } from '../helpers/workflow'

/**
 * HTTP caching of the public API over real HTTP: ETag and 304, Cache-Control and surrogate keys,
 * private answers for staff, and purges on publish, unpublish and edits of related content, in
 * this process and in a second server process on the same database.
 */
let cms: TestCms
let editor: StaffMember
let article: Article
let authorId: number, tagId: number

beforeAll(async () => {
  cms = await startCms()
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  authorId = (await cms.payload.create({ collection: 'authors', data: { name: 'Cached Writer' } as never })).id as number
  tagId = (await cms.payload.create({ collection: 'tags', data: { name: 'Cached Tag' } as never })).id as number
  article = await createArticle(cms.payload, { title: 'Cached story', authors: [authorId], tags: [tagId], _status: 'published' })
}, 60_000)
afterAll(async () => {
  await cms?.close()
})

const read = (path: string, headers: Record<string, string> = {}) => api(cms.baseUrl, path, { headers })

describe('anonymous reads of published content', () => {
  test('a strong ETag, public Cache-Control for CDNs, surrogate keys naming what is shown; the second read is a hit', async () => {
    const path = `/api/articles/${article.id}?depth=1&x=first`
    const first = await read(path)
    expect(first.status).toBe(200)
    expect(first.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300')
    expect(first.headers.get('surrogate-key')!.split(' ').sort()).toEqual([`articles:${article.id}`, `authors:${authorId}`, `tags:${tagId}`].sort())
    expect(first.headers.get('cache-tag')).toContain(`authors:${authorId}`)
    expect(first.headers.get('x-cache')).toBe('MISS')
    const second = await read(path)
    expect(second.headers.get('x-cache')).toBe('HIT')
    expect(second.body).toEqual(first.body)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
  })

  test('a request with Cache-Control: no-cache is answered fresh', async () => {
    const path = `/api/tags/${tagId}?x=fresh`
    await read(path)
    expect((await read(path)).headers.get('x-cache')).toBe('HIT')
    expect((await read(path, { 'cache-control': 'no-cache' })).headers.get('x-cache')).toBe('MISS')
  })

  test('HEAD answers as GET does, with the same headers and no body (it was a 404 for every API route)', async () => {
    for (const path of [`/api/articles/${article.id}?depth=1&x=head`, '/api/articles?limit=5&x=head', '/api/redirects/resolve?path=/never-redirected', '/api/nothing-here']) {
      const get = await fetch(`${cms.baseUrl}${path}`)
      const head = await fetch(`${cms.baseUrl}${path}`, { method: 'HEAD' })
      expect({ path, status: head.status }).toEqual({ path, status: get.status })
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
      if (get.status === 200) expect(head.headers.get('etag')).toBe(get.headers.get('etag'))
      expect(await head.text()).toBe('')
    }
  })

  test('If-None-Match with the current ETag: 304 without a body', async () => {
    const path = '/api/articles?limit=5&depth=1&sort=-publishedAt'
    const first = await read(path)
    expect(first.headers.get('surrogate-key')!.split(' ')).toContain('articles')
    const response = await fetch(`${cms.baseUrl}${path}`, { headers: { 'if-none-match': first.headers.get('etag')! } })
    expect(response.status).toBe(304)
    expect(await response.text()).toBe('')
    expect(response.headers.get('etag')).toBe(first.headers.get('etag'))
    const stale = await fetch(`${cms.baseUrl}${path}`, { headers: { 'if-none-match': '"something-else"' } })
    expect(stale.status).toBe(200)
  })

  test('signed-in, draft and GraphQL answers are never stored: private, no-store', async () => {
    const staff = await api(cms.baseUrl, `/api/articles/${article.id}`, { token: editor.token })
    expect(staff.headers.get('cache-control')).toBe('private, no-store')
    expect(staff.headers.get('x-cache')).toBeNull()
    expect((await read(`/api/articles/${article.id}?draft=true`)).headers.get('cache-control')).toBe('no-store')
    expect((await graphql(cms.baseUrl, '{ Articles { docs { title } } }')).headers.get('cache-control')).toBe('no-store')
    expect((await graphql(cms.baseUrl, '{ Articles { docs { title } } }', { token: editor.token })).headers.get('cache-control')).toBe('private, no-store')
    expect((await read('/api/users/me')).headers.get('cache-control')).toBe('no-store')
    expect((await read('/api/articles/999999')).headers.get('cache-control')).toBe('no-store')
  })
})

describe('purges', () => {
  test('a draft save leaves the cached article alone; publishing the revision purges it', async () => {
    const path = `/api/articles/${article.id}?depth=1&x=purge`
    await read(path)
    await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: editor.token, body: { title: 'Draft headline' } })
    const afterDraft = await read(path)
    expect(afterDraft.headers.get('x-cache')).toBe('HIT')
    expect(afterDraft.body.title).toBe('Cached story')

    await moveArticle(cms.baseUrl, article.id, editor.token, ['in_review', 'approved', 'published'])
    const afterPublish = await read(path)
    expect(afterPublish.headers.get('x-cache')).toBe('MISS')
    expect(afterPublish.body.title).toBe('Draft headline')
  })

  test('renaming an author purges every response that shows the author', async () => {
    const list = '/api/articles?depth=1&limit=10&x=author'
    expect((await read(list)).body.docs.some((doc: Article) => JSON.stringify(doc.authors).includes('Cached Writer'))).toBe(true)
    expect((await read(list)).headers.get('x-cache')).toBe('HIT')
    await api(cms.baseUrl, `/api/authors/${authorId}`, { method: 'PATCH', token: editor.token, body: { name: 'Renamed Writer' } })
    const after = await read(list)
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect(JSON.stringify(after.body)).toContain('Renamed Writer')
  })

  test('unpublishing removes the article from cached lists', async () => {
    const other = await createArticle(cms.payload, { title: 'Soon withdrawn', _status: 'published' })
    const list = '/api/articles?limit=50&depth=0&x=unpublish'
    expect((await read(list)).body.docs.map((doc: Article) => doc.id)).toContain(other.id)
    await moveArticle(cms.baseUrl, other.id, editor.token, ['archived'])
    expect((await read(list)).body.docs.map((doc: Article) => doc.id)).not.toContain(other.id)
    expect((await read(`/api/articles/${other.id}`)).status).toBe(404)
  })

  test('a second server process on the same database drops its cached copy within a second or two', async () => {
    let second: ServerProcess | undefined
    try {
      second = await spawnServer({ DATABASE_URL: cms.database.url, PAYLOAD_SECRET: process.env.PAYLOAD_SECRET!, SEED_DEMO: 'false', RUN_JOBS: 'false' })
      const path = `/api/tags/${tagId}`
      expect((await api(second.url, path)).body.name).toBe('Cached Tag')
      expect((await api(second.url, path)).headers.get('x-cache')).toBe('HIT')
      await api(cms.baseUrl, `/api/tags/${tagId}`, { method: 'PATCH', token: editor.token, body: { name: 'Renamed Tag' } })
      let name = ''
      const deadline = Date.now() + 5000
      while (Date.now() < deadline && name !== 'Renamed Tag') {
        name = (await api(second.url, path)).body.name
        if (name !== 'Renamed Tag') await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(name).toBe('Renamed Tag')
    } finally {
      second?.child.kill('SIGTERM')
      await second?.exited
    }
  }, 120_000)

  test('publishing a revision writes its keys to the purge log that other processes read', async () => {
    const purges = await cms.payload.find({ collection: 'cache-purges', sort: '-id', limit: 50 })
    await publishRevision(cms.baseUrl, article.id, editor.token, { excerpt: 'A new standfirst' })
    const after = await cms.payload.find({ collection: 'cache-purges', sort: '-id', limit: 50 })
    expect(after.totalDocs).toBeGreaterThan(purges.totalDocs)
    expect(after.docs[0]!.keys).toEqual(['articles', `articles:${article.id}`])
  })
})

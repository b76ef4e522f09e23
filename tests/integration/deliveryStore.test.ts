import { jest } from '@jest/globals'
import { QUERY_LIMITS } from '../../src/query/limits'
import type { Article } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'

import { deliveryFormat } from '../../src/delivery/format'
import { isDeliveryReady, prepareDeliveryStore, publishedArticleIds, rebuildDeliveryStore } from '../../src/delivery/readiness'
import { isSearchReady, prepareSearchIndex, rebuildSearchIndex } from '../../src/search/readiness'
import { PreparationStopped, stopPreparations } from '../../src/process/preparation'
import { DELIVERY_QUEUE } from '../../src/delivery/refreshTask'
import { deleteRows, saveRows, storedCount, storedFormats, storedRows } from '../../src/delivery/store'
import { and, eq } from '@payloadcms/db-postgres/drizzle'
import sharp from 'sharp'

import { startCms } from '../helpers/cms'
import { createArticle, sampleBody } from '../helpers/content'
import { countQueries } from '../helpers/queryCounter'
import { onSqlite } from '../helpers/testDatabase'

/**
 * The delivery store (src/delivery): the public reads it answers are byte for byte what Payload's
 * REST handler answers, and every change readers can see reaches it: publish, edit, unpublish,
 * delete at once; a renamed author or tag through the delivery queue; a store out of step
 * (a new format, rows missing) is rebuilt before it is used.
 */
let cms: TestCms
let authorId: number, tagId: number
const articles: Article[] = []

// Payload's Next route handlers, loaded after the CMS (a static import races jest's ESM linker).
let restGet: () => (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>
let graphqlPost: () => (request: Request) => Promise<Response>
let imageId: number

/** Payload's own REST handler, in-process and without the store: what the store must reproduce. */
async function fromPayload(path: string): Promise<{ text: string; headers: Headers }> {
  const url = new URL(path, cms.baseUrl)
  // As the server hands a request on: with the edition named, the default one if none is asked
  // for (Payload, with fallback off, would otherwise match nothing).
  if (!url.searchParams.has('locale')) url.searchParams.set('locale', 'en')
  const response = await restGet()(new Request(url, { headers: { origin: 'http://127.0.0.1' } }), {
    params: Promise.resolve({ slug: url.pathname.split('/').filter(Boolean).slice(1) }),
  })
  return { text: await response.text(), headers: response.headers }
}

/** The server's answer to an anonymous reader who asks for a fresh one. */
async function fromServer(path: string): Promise<{ text: string; headers: Headers; status: number }> {
  const response = await fetch(`${cms.baseUrl}${path}`, { headers: { 'cache-control': 'no-cache', origin: 'http://127.0.0.1' } })
  return { text: await response.text(), headers: response.headers, status: response.status }
}

const titles = (text: string) => (JSON.parse(text) as { docs: Article[] }).docs.map((doc) => doc.title)
const runDeliveryQueue = () => cms.payload.jobs.run({ queue: DELIVERY_QUEUE, limit: 100 })

beforeAll(async () => {
  cms = await startCms()
  const { GRAPHQL_POST, REST_GET } = await import('@payloadcms/next/routes')
  restGet = () => REST_GET(cms.payload.config)
  graphqlPost = () => GRAPHQL_POST(cms.payload.config)
  await prepareDeliveryStore(cms.payload)
  authorId = (await cms.payload.create({ collection: 'authors', data: { name: 'Store Writer' } as never })).id as number
  tagId = (await cms.payload.create({ collection: 'tags', data: { name: 'Stored' } as never })).id as number
  for (let i = 0; i < 7; i++) {
    articles.push(
      await createArticle(cms.payload, {
        title: `Stored story ${i}`,
        authors: [authorId],
        tags: i % 2 === 0 ? [tagId] : [],
        // Two share a publish date: the order falls back to createdAt, as Payload's does.
        publishedAt: new Date(Date.UTC(2026, 1, i === 6 ? 5 : 1 + i)).toISOString(),
        _status: 'published',
      }),
    )
  }
  await createArticle(cms.payload, { title: 'Unpublished story', authors: [authorId] })
  // The Arabic edition of some of them, published; one more only drafted.
  for (let i = 0; i < 4; i++) {
    await cms.payload.update({ collection: 'articles', id: articles[i]!.id, locale: 'ar', data: { title: `قصة مخزنة ${i}`, body: sampleBody, _status: 'published' }, draft: false, overrideAccess: true, context: { workflowBypass: true } })
  }
  await cms.payload.update({ collection: 'articles', id: articles[4]!.id, locale: 'ar', data: { title: 'مسودة', body: sampleBody }, draft: true, overrideAccess: true })
  // An image above the article and one inside its body (a rich-text upload node, populated at depth 1).
  const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#446688' } }).png().toBuffer()
  imageId = (await cms.payload.create({ collection: 'media', data: { alt: 'Harbour at dawn' }, file: { data: png, mimetype: 'image/png', name: 'harbour.png', size: png.length }, overrideAccess: true })).id as number
  const paragraph = { type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, children: [{ type: 'text', text: 'The harbour.', detail: 0, format: 0, mode: 'normal', style: '', version: 1 }] }
  const upload = { type: 'upload', version: 3, format: '', id: 'u1', fields: null, relationTo: 'media', value: imageId }
  await createArticle(cms.payload, {
    title: 'Illustrated story',
    heroImage: imageId,
    body: { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: [paragraph, upload] } } as never,
    authors: [authorId],
    publishedAt: new Date(Date.UTC(2025, 0, 1)).toISOString(),
    _status: 'published',
  })
}, 60_000)
afterAll(async () => {
  await cms?.close()
})

describe('answers exactly as Payload does', () => {
  const reads = [
    '/api/articles?limit=3&depth=1&sort=-publishedAt',
    '/api/articles?limit=3&depth=1&sort=-publishedAt&page=2',
    '/api/articles?limit=3&depth=1&sort=-publishedAt&page=3',
    '/api/articles?limit=3&depth=1&sort=-publishedAt&page=9',
    '/api/articles?limit=20&depth=1&sort=-publishedAt',
    '/api/articles?depth=1&sort=-publishedAt',
    '/api/articles?limit=3&depth=1&sort=-publishedAt&pagination=false',
    '/api/articles?limit=3&depth=1&sort=-publishedAt&pagination=true&page=2',
    '/api/articles?depth=1&limit=1&where[slug][equals]=stored-story-2',
    '/api/articles?depth=1&where[slug][equals]=stored-story-4&sort=-publishedAt',
    '/api/articles?depth=1&limit=1&where[slug][equals]=unpublished-story',
    '/api/articles?depth=1&limit=1&where[slug][equals]=no-such-story',
    '/api/articles?limit=3&depth=1&sort=-publishedAt&locale=en',
    '/api/articles?limit=3&depth=1&sort=-publishedAt&locale=ar',
    '/api/articles?limit=3&depth=1&sort=-publishedAt&locale=ar&page=2',
    '/api/articles?limit=20&depth=1&sort=-publishedAt&locale=ar',
    `/api/articles?depth=1&limit=1&locale=ar&where[slug][equals]=${encodeURIComponent('قصة-مخزنة-2')}`,
    `/api/articles?depth=1&limit=1&locale=ar&where[slug][equals]=${encodeURIComponent('مسودة')}`,
    '/api/articles?depth=1&limit=1&locale=ar&where[slug][equals]=stored-story-2',
  ]

  test.each(reads)('%s', async (path) => {
    const payload = await fromPayload(path)
    const served = await fromServer(path)
    expect(served.status).toBe(200)
    expect(served.text).toBe(payload.text)
    for (const header of ['content-type', 'access-control-allow-origin', 'access-control-allow-credentials']) {
      expect(served.headers.get(header)).toBe(payload.headers.get(header))
    }
  })

  test('those reads come from the store: one or two queries, not Payload’s read path', async () => {
    const list = await countQueries(cms.payload, () => fromServer('/api/articles?limit=3&depth=1&sort=-publishedAt'))
    const bySlug = await countQueries(cms.payload, () => fromServer('/api/articles?depth=1&limit=1&where[slug][equals]=stored-story-2'))
    const throughPayload = await countQueries(cms.payload, () => fromPayload('/api/articles?limit=3&depth=1&sort=-publishedAt'))
    const arabicList = await countQueries(cms.payload, () => fromServer('/api/articles?limit=3&depth=1&sort=-publishedAt&locale=ar'))
    expect(list).toBeLessThanOrEqual(2)
    expect(bySlug).toBe(1)
    expect(arabicList).toBeLessThanOrEqual(2)
    expect(throughPayload).toBeGreaterThan(2)
  })

  test('reads it does not answer go through Payload unchanged', async () => {
    for (const path of [
      `/api/articles?limit=3&depth=1&sort=-publishedAt&where[tags][in]=${tagId}`,
      '/api/articles?limit=3&depth=2&sort=-publishedAt',
      '/api/articles?limit=3&sort=-publishedAt',
      '/api/articles?limit=3&depth=1&sort=title',
      '/api/articles?limit=3&depth=1&sort=-publishedAt&select[title]=true',
      '/api/articles?limit=3&depth=1&sort=-publishedAt&draft=true',
      '/api/articles?limit=0&depth=1&sort=-publishedAt',
      '/api/articles?limit=3&depth=1&sort=-publishedAt&where[slug][equals]=stored-story-1&where[slug][equals]=stored-story-2',
    ]) {
      const served = await fromServer(path)
      expect({ path, text: served.text }).toEqual({ path, text: (await fromPayload(path)).text })
    }
    // Past the largest page a reader may ask for, neither answers a list (src/query/limits.ts).
    expect((await fromServer(`/api/articles?limit=${QUERY_LIMITS.limit.anonymous + 1}&depth=1&sort=-publishedAt`)).status).toBe(400)
  })
})

describe('GraphQL', () => {
  type Body = { query: string; variables?: Record<string, unknown> }
  const headers = { 'content-type': 'application/json', origin: 'http://127.0.0.1' }
  const fromServerGraphql = async (body: Body) => {
    const response = await fetch(`${cms.baseUrl}/api/graphql`, { method: 'POST', headers, body: JSON.stringify(body) })
    return { status: response.status, text: await response.text() }
  }
  const fromPayloadGraphql = async (body: Body) =>
    (await graphqlPost()(new Request(`${cms.baseUrl}/api/graphql?locale=en`, { method: 'POST', headers, body: JSON.stringify(body) }))).text()

  const answerable: Body[] = [
    { query: '{ Articles(limit: 3, sort: "-publishedAt") { docs { id title slug excerpt body publishedAt readingTime authors { id name slug } tags { id name slug } } } }' },
    { query: 'query Story($slug: String) { Articles(where: { slug: { equals: $slug } }, limit: 1) { totalDocs docs { title slug heroImage { url alt } } } }', variables: { slug: 'illustrated-story' } },
    { query: '{ front: Articles(limit: 2, page: 2, sort: "-publishedAt", pagination: false) { hasNextPage totalDocs docs { headline: title } } }' },
    { query: 'query Page($page: Int) { Articles(limit: 2, page: $page, sort: "-publishedAt") { page totalPages pagingCounter prevPage nextPage docs { id } } }', variables: { page: 3 } },
  ]

  test.each(answerable)('$query: checked against Payload once, then answered from the store, identically', async (body) => {
    const expected = await fromPayloadGraphql(body)
    expect(JSON.parse(expected).errors).toBeUndefined()
    expect((await fromServerGraphql(body)).text).toBe(expected) // through Payload, compared
    let second: { status: number; text: string } | undefined
    const queries = await countQueries(cms.payload, async () => (second = await fromServerGraphql(body)))
    expect(second).toEqual({ status: 200, text: expected })
    expect(queries).toBeLessThanOrEqual(2)
  })

  test('what the store cannot show goes to Payload: fields it does not hold, rich text with linked documents, fragments, bad variables', async () => {
    const cases: Body[] = [
      { query: '{ Articles(limit: 3, sort: "-publishedAt") { docs { title authors { name bio } } } }' },
      { query: '{ Articles(where: { slug: { equals: "illustrated-story" } }) { docs { title body } } }' },
      { query: '{ Articles(limit: 3, sort: "-publishedAt") { docs { ...Headline } } } fragment Headline on Article { title authors { name } }' },
      { query: '{ Articles(limit: 3, sort: "-publishedAt") { docs { title body(depth: 0) authors { name } } } }' },
      { query: 'query Page($page: Int) { Articles(limit: 2, page: $page, sort: "-publishedAt") { docs { id } } }', variables: { page: 'two' } },
    ]
    for (const body of cases) {
      const expected = await fromPayloadGraphql(body)
      for (let attempt = 0; attempt < 2; attempt++) {
        let served: { status: number; text: string } | undefined
        const queries = await countQueries(cms.payload, async () => (served = await fromServerGraphql(body)))
        expect({ query: body.query, text: served!.text }).toEqual({ query: body.query, text: expected })
        if (!expected.includes('"errors"')) expect({ query: body.query, throughPayload: queries > 2 }).toEqual({ query: body.query, throughPayload: true })
      }
    }
  })
})

describe('keeps in step with every change readers can see', () => {
  const front = '/api/articles?limit=20&depth=1&sort=-publishedAt'
  // A full first page takes totalDocs from the kept count, a short one from its own rows: check both.
  const fullPage = '/api/articles?limit=2&depth=1&sort=-publishedAt'
  const expectSameAsPayload = async (path = front) => {
    for (const read of new Set([path, fullPage])) expect((await fromServer(read)).text).toBe((await fromPayload(read)).text)
  }

  test('publish, edit, draft save, unpublish and delete show at once', async () => {
    const fresh = await createArticle(cms.payload, { title: 'Breaking', authors: [authorId], publishedAt: new Date(Date.UTC(2026, 5, 1)).toISOString(), _status: 'published' })
    expect(titles((await fromServer(front)).text)[0]).toBe('Breaking')

    await cms.payload.update({ collection: 'articles', id: fresh.id, data: { title: 'Breaking, updated' }, overrideAccess: true, context: { workflowBypass: true } })
    expect(titles((await fromServer(front)).text)[0]).toBe('Breaking, updated')
    await expectSameAsPayload()

    // A draft of the next version is for staff only: readers keep the published one.
    await cms.payload.update({ collection: 'articles', id: fresh.id, data: { title: 'Breaking, draft' }, draft: true, overrideAccess: true })
    expect(titles((await fromServer(front)).text)[0]).toBe('Breaking, updated')
    await expectSameAsPayload()

    await cms.payload.update({ collection: 'articles', id: fresh.id, data: { _status: 'draft' }, overrideAccess: true, context: { workflowBypass: true } })
    expect(titles((await fromServer(front)).text)).not.toContain('Breaking, updated')
    await expectSameAsPayload()

    await cms.payload.update({ collection: 'articles', id: fresh.id, data: { _status: 'published' }, overrideAccess: true, context: { workflowBypass: true } })
    expect(titles((await fromServer(front)).text)[0]).toBe('Breaking, draft')
    await cms.payload.delete({ collection: 'articles', id: fresh.id, overrideAccess: true })
    expect(titles((await fromServer(front)).text)).not.toContain('Breaking, draft')
    await expectSameAsPayload()
  })

  test('each edition is stored on its own: publishing or unpublishing one leaves the other’s rows', async () => {
    const arabicFront = `${front}&locale=ar`
    const fresh = await createArticle(cms.payload, { title: 'Two editions', authors: [authorId], publishedAt: new Date(Date.UTC(2026, 6, 1)).toISOString(), _status: 'published' })
    expect(titles((await fromServer(arabicFront)).text)).not.toContain('Two editions')
    await cms.payload.update({ collection: 'articles', id: fresh.id, locale: 'ar', data: { title: 'طبعتان', body: sampleBody, _status: 'published' }, draft: false, overrideAccess: true, context: { workflowBypass: true } })
    expect(titles((await fromServer(arabicFront)).text)[0]).toBe('طبعتان')
    expect(titles((await fromServer(front)).text)[0]).toBe('Two editions')
    await expectSameAsPayload(arabicFront)
    // Unpublishing the English edition leaves the Arabic one stored, and the counts exact.
    await cms.payload.update({ collection: 'articles', id: fresh.id, locale: 'en', data: { _status: 'draft' }, draft: false, overrideAccess: true, context: { workflowBypass: true } })
    expect(titles((await fromServer(front)).text)).not.toContain('Two editions')
    expect(titles((await fromServer(arabicFront)).text)[0]).toBe('طبعتان')
    await expectSameAsPayload()
    await expectSameAsPayload(arabicFront)
    for (const locale of ['en', 'ar'] as const) expect(await storedCount(cms.payload, locale)).toBe((await storedFormats(cms.payload, locale)).size)
    await cms.payload.delete({ collection: 'articles', id: fresh.id, overrideAccess: true })
    expect(titles((await fromServer(arabicFront)).text)).not.toContain('طبعتان')
    await expectSameAsPayload(arabicFront)
  })

  test('publishes and deletes at the same moment keep the count exact', async () => {
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createArticle(cms.payload, { title: `Simultaneous ${i}`, authors: [authorId], _status: 'published' })),
    )
    await expectSameAsPayload()
    await Promise.all(created.map((article) => cms.payload.delete({ collection: 'articles', id: article.id, overrideAccess: true })))
    await expectSameAsPayload()
  })

  test('a failed save leaves the store as it was', async () => {
    const before = (await fromServer(front)).text
    await expect(
      cms.payload.update({ collection: 'articles', id: articles[0]!.id, data: { title: 'x'.repeat(301) }, overrideAccess: true, context: { workflowBypass: true } }),
    ).rejects.toThrow()
    expect((await fromServer(front)).text).toBe(before)
  })

  test('a renamed author or tag reaches the stored articles through the delivery queue', async () => {
    await cms.payload.update({ collection: 'authors', id: authorId, data: { name: 'Renamed Writer' }, overrideAccess: true })
    await cms.payload.update({ collection: 'tags', id: tagId, data: { name: 'Renamed tag' }, overrideAccess: true })
    await runDeliveryQueue()
    const list = JSON.parse((await fromServer(front)).text) as { docs: Array<{ authors: Array<{ name: string }>; tags: Array<{ name: string }> }> }
    expect(list.docs.every((doc) => doc.authors[0]!.name === 'Renamed Writer')).toBe(true)
    expect(list.docs.flatMap((doc) => doc.tags.map((tag) => tag.name))).toContain('Renamed tag')
    await expectSameAsPayload()
  })

  test('a changed image reaches the articles that show it, above the article and inside its body', async () => {
    await cms.payload.update({ collection: 'media', id: imageId, data: { alt: 'Harbour at dusk' }, overrideAccess: true })
    await runDeliveryQueue()
    const path = '/api/articles?depth=1&limit=1&where[slug][equals]=illustrated-story'
    const text = (await fromServer(path)).text
    expect(text.match(/Harbour at dusk/g)).toHaveLength(2)
    expect(text).not.toContain('Harbour at dawn')
    await expectSameAsPayload(path)
  })

  test('a deleted tag leaves the stored articles that showed it', async () => {
    const doomed = (await cms.payload.create({ collection: 'tags', data: { name: 'Short-lived' } as never })).id as number
    await cms.payload.update({ collection: 'articles', id: articles[1]!.id, data: { tags: [doomed] }, overrideAccess: true, context: { workflowBypass: true } })
    await cms.payload.delete({ collection: 'tags', id: doomed, overrideAccess: true })
    await runDeliveryQueue()
    await expectSameAsPayload()
  })
})

describe('a store out of step is rebuilt before it is used', () => {
  test('missing rows, rows of a former format and rows of unpublished articles are put right', async () => {
    const ids = articles.map((article) => String(article.id))
    const before = await storedRows(cms.payload, ids, 'en')
    await deleteRows(cms.payload, [ids[0]!])
    const formerFormat = { ...before.get(ids[1]!)!, article: ids[1]!, locale: 'en' as const, slug: 'x', publishedAt: null, articleCreatedAt: new Date().toISOString(), keys: ' ', json: '{}', format: 'former' }
    await saveRows(cms.payload, [formerFormat])
    const unpublished = await createArticle(cms.payload, { title: 'Never public' })
    await saveRows(cms.payload, [{ ...formerFormat, article: String(unpublished.id), format: deliveryFormat(cms.payload) }])

    // Article 0's rows in both its editions, and article 1's English row of the former format.
    expect(await rebuildDeliveryStore(cms.payload)).toEqual({ rendered: 3, removed: 1 })
    const after = await storedRows(cms.payload, [...ids, String(unpublished.id)], 'en')
    expect(after.get(ids[0]!)?.json).toBe(before.get(ids[0]!)?.json)
    expect(after.get(ids[1]!)?.json).toBe(before.get(ids[1]!)?.json)
    expect(after.has(String(unpublished.id))).toBe(false)
    const formats = await storedFormats(cms.payload, 'en')
    expect([...formats.values()].every((format) => format === deliveryFormat(cms.payload))).toBe(true)
    expect(await storedCount(cms.payload, 'en')).toBe(formats.size)
    expect(await storedCount(cms.payload, 'ar')).toBe((await storedFormats(cms.payload, 'ar')).size)
  })

  test('a change made around the API (no hooks ran) is picked up by a full rebuild', async () => {
    const path = `/api/articles?depth=1&limit=1&where[slug][equals]=${articles[3]!.slug}`
    // Straight in the database: the English edition's row of the per-locale table.
    const db = cms.payload.db as unknown as { drizzle: any; tables: Record<string, any> }
    const locales = db.tables.articles_locales
    await db.drizzle.update(locales).set({ title: 'Changed around the API' }).where(and(eq(locales._parentID, articles[3]!.id), eq(locales._locale, 'en')))
    expect((await rebuildDeliveryStore(cms.payload)).rendered).toBe(0)
    expect(titles((await fromServer(path)).text)).toEqual([articles[3]!.title])
    expect((await rebuildDeliveryStore(cms.payload, { all: true })).rendered).toBeGreaterThan(0)
    expect(titles((await fromServer(path)).text)).toEqual(['Changed around the API'])
    expect((await fromServer(path)).text).toBe((await fromPayload(path)).text)
  })

  test('lists published articles a page at a time, each once (one query for them all failed past 32,766 on SQLite)', async () => {
    const all = await publishedArticleIds(cms.payload, 'en')
    expect(all.length).toBeGreaterThanOrEqual(articles.length)
    for (const pageSize of [1, 2, 3, all.length, all.length + 1]) expect(await publishedArticleIds(cms.payload, 'en', pageSize)).toEqual(all)
    expect(new Set(all).size).toBe(all.length)
    expect(all.map(Number)).toEqual([...all.map(Number)].sort((a, b) => a - b))
  })

  // SQLite only: PostgreSQL's autovacuum keeps its planner's statistics itself.
  ;(onSqlite ? test : test.skip)('a rebuild first gives SQLite\'s planner statistics (without them, rendering scans the relationship table per article)', async () => {
    const db = cms.payload.db as unknown as { client: { execute: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }> } }
    await db.client.execute('DROP TABLE IF EXISTS sqlite_stat1')
    await rebuildDeliveryStore(cms.payload)
    const { rows } = await db.client.execute("SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl IN ('articles_rels', 'articles_locales', 'published_articles')")
    expect(rows.map((row) => row.tbl).sort()).toEqual(['articles_locales', 'articles_rels', 'published_articles'])
  })

  test('after a restart on a store out of step, reads go through Payload until it is rebuilt', async () => {
    await deleteRows(cms.payload, [String(articles[2]!.id)])
    await cms.close({ keepDatabase: true })
    cms = await startCms({ database: cms.database })
    const served = (await fromServer('/api/articles?limit=20&depth=1&sort=-publishedAt')).text
    expect(served).toBe((await fromPayload('/api/articles?limit=20&depth=1&sort=-publishedAt')).text)
    await prepareDeliveryStore(cms.payload)
    expect(isDeliveryReady(cms.payload)).toBe(true)
    expect((await storedRows(cms.payload, [String(articles[2]!.id)], 'en')).size).toBe(1)
    // The search index follows the store at start (src/search/readiness.ts): let it finish before the database closes.
    await prepareSearchIndex(cms.payload)
  }, 60_000)

  test('a process that is stopping rebuilds nothing more, logs no failure, and the next start finishes the rebuild', async () => {
    const ids = articles.map((article) => String(article.id))
    await deleteRows(cms.payload, ids)
    const stopped = cms.payload
    const errors = jest.spyOn(stopped.logger, 'error')
    // What closeDatabase does first (src/process/preparation.ts). Before, the database closed
    // under a running rebuild, which logged its failure and tried again 30 s later on the closed
    // connection.
    await stopPreparations(stopped)
    await expect(rebuildDeliveryStore(stopped)).rejects.toThrow(PreparationStopped)
    await expect(rebuildSearchIndex(stopped)).rejects.toThrow(PreparationStopped)
    expect((await storedRows(stopped, ids, 'en')).size).toBe(0)
    await cms.close({ keepDatabase: true })
    expect(errors).not.toHaveBeenCalled()

    cms = await startCms({ database: cms.database })
    await prepareDeliveryStore(cms.payload)
    await prepareSearchIndex(cms.payload)
    expect(isDeliveryReady(cms.payload)).toBe(true)
    expect(isSearchReady(cms.payload)).toBe(true)
    expect((await storedRows(cms.payload, ids, 'en')).size).toBe(ids.length)
  }, 60_000)
})

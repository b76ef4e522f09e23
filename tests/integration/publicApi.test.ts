import type { Article } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'

import { GRAPHQL_LIMITS } from '../../src/graphql/limits'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { countQueries } from '../helpers/queryCounter'
import { createStaff } from '../helpers/staff'

/**
 * The public content API: published reads with explicit depth, slug lookups, filters, sorting and
 * pagination; GraphQL limits; bad input answered with clear 4xx errors.
 */
let cms: TestCms
let authorId: number, otherAuthorId: number, tagId: number
let articles: Article[]

beforeAll(async () => {
  cms = await startCms()
  authorId = (await cms.payload.create({ collection: 'authors', data: { name: 'List Writer', bio: 'A long biography.' } as never })).id as number
  otherAuthorId = (await cms.payload.create({ collection: 'authors', data: { name: 'Other Writer' } as never })).id as number
  tagId = (await cms.payload.create({ collection: 'tags', data: { name: 'Listed', description: 'Tag description' } as never })).id as number
  articles = []
  for (let i = 0; i < 12; i++) {
    articles.push(
      await createArticle(cms.payload, {
        title: `Public story ${i}`,
        authors: [i % 2 === 0 ? authorId : otherAuthorId],
        tags: i < 4 ? [tagId] : [],
        publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        _status: 'published',
      }),
    )
  }
  await createArticle(cms.payload, { title: 'Hidden draft', authors: [authorId], tags: [tagId] })
}, 60_000)
afterAll(async () => {
  await cms?.close()
})

describe('reads', () => {
  test('latest first, paginated; populated authors and tags carry only their public summary', async () => {
    const page = await api(cms.baseUrl, '/api/articles?sort=-publishedAt&limit=5&page=2&depth=1')
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ totalDocs: 12, page: 2, totalPages: 3, hasNextPage: true })
    expect(page.body.docs.map((doc: Article) => doc.title)).toEqual([6, 5, 4, 3, 2].map((i) => `Public story ${i}`))
    const [first] = page.body.docs
    expect(Object.keys(first.authors[0]).sort()).toEqual(['avatar', 'id', 'name', 'slug'])
    expect(Object.keys(first.tags[0] ?? { id: 0, name: '', slug: '' }).sort()).toEqual(['id', 'name', 'slug'])
  })

  test('by slug, by tag, by author; drafts never appear', async () => {
    const bySlug = await api(cms.baseUrl, `/api/articles?where[slug][equals]=${articles[3]!.slug}&depth=0`)
    expect(bySlug.body.docs.map((doc: Article) => doc.id)).toEqual([articles[3]!.id])
    const byTag = await api(cms.baseUrl, `/api/articles?where[tags][in]=${tagId}&depth=0&limit=50`)
    expect(byTag.body.totalDocs).toBe(4)
    const byAuthor = await api(cms.baseUrl, `/api/articles?where[authors][in]=${otherAuthorId}&depth=0&limit=50`)
    expect(byAuthor.body.totalDocs).toBe(6)
    const draft = await api(cms.baseUrl, '/api/articles?where[title][equals]=Hidden%20draft')
    expect(draft.body.totalDocs).toBe(0)
  })

  test('GraphQL: the same list, with filters and sorting', async () => {
    const result = await graphql(
      cms.baseUrl,
      `{ Articles(where: { tags: { in: [${tagId}] } }, sort: "-publishedAt", limit: 2) { totalDocs docs { title authors { name } tags { slug } } } }`,
    )
    expect(result.status).toBe(200)
    expect(result.body.data.Articles.totalDocs).toBe(4)
    expect(result.body.data.Articles.docs.map((doc: { title: string }) => doc.title)).toEqual(['Public story 3', 'Public story 2'])
  })
})

describe('bad input: clear 4xx, never a 500, nothing stored', () => {
  let editorToken: string
  beforeAll(async () => {
    editorToken = (await createStaff(cms.payload, cms.baseUrl, 'editor')).token
  })

  test.each([
    ['an unknown where operator', '/api/articles?where[title][bogus]=x', /bogus|operator|query/i],
    ['a where on an unknown field', '/api/articles?where[nope][equals]=x', /nope|query/i],
    ['a non-numeric limit', '/api/articles?limit=lots', /limit/i],
    ['a malformed id', '/api/articles/not-a-number', /not found|id/i],
    ['a geo operator on a text field', '/api/articles?where[title][near]=1,2', /near.. operator cannot be used on ..title/],
    ['a reference compared with a word', '/api/articles?where[authors][equals]=true', /document ids/],
    ['a related field through a reference', '/api/articles?where[authors.name][equals]=Writer&where[publishedAt][greater_than]=yesterday', /a date/],
    ['an empty in list', '/api/articles?where[id][in]=', /at least one value/],
    ['a choice a select field does not have', '/api/articles?where[_status][equals]=0', /one of: draft, published/],
    ['a pattern inside rich text', '/api/articles?where[body][contains]=true', /text search does not reach inside rich text/],
    ['a pattern on a path inside rich text', '/api/articles?where[body.root.children][like]=x', /text search does not reach inside rich text/],
    ['a pattern on a select field', '/api/comments?where[status][like]=appr', /compared with equals, in or exists/],
  ])('%s', async (_case, path, message) => {
    const response = await api(cms.baseUrl, path)
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(JSON.stringify(response.body)).toMatch(message)
  })

  test('malformed JSON in a write: 400 naming the problem', async () => {
    const response = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: editorToken, body: '{"name": "Broken', headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toMatch(/JSON/)
  })

  test('unknown fields in a write: 400 naming them, nothing stored', async () => {
    const before = await cms.payload.count({ collection: 'tags' })
    const response = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: editorToken, body: { name: 'Typo tag', descripton: 'misspelt', colour: 'red' } })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].message).toMatch(/descripton.*colour|colour.*descripton/)
    expect(response.body.errors[0].message).toMatch(/description/)
    expect((await cms.payload.count({ collection: 'tags' })).totalDocs).toBe(before.totalDocs)
    const update = await api(cms.baseUrl, `/api/tags/${tagId}`, { method: 'PATCH', token: editorToken, body: { nmae: 'x' } })
    expect(update.status).toBe(400)
  })

  test('a body over the size limit: 413 before it is read', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })
    const response = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: editorToken, body: huge, headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(413)
    expect(response.body.errors[0].message).toMatch(/too large|limit/i)
    const graphqlHuge = await api(cms.baseUrl, '/api/graphql', { method: 'POST', body: { query: `{ Articles { totalDocs } } #${'x'.repeat(2 * 1024 * 1024)}` } })
    expect(graphqlHuge.status).toBe(413)
  })
})

describe('chunked bodies', () => {
  const chunked = (text: string) =>
    new ReadableStream({
      start(controller) {
        for (let i = 0; i < text.length; i += 64 * 1024) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 64 * 1024)))
        controller.close()
      },
    })
  const send = async (text: string, token: string) =>
    fetch(`${cms.baseUrl}/api/tags`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: chunked(text),
      duplex: 'half',
    } as RequestInit)

  test('a chunked body is read up to the limit: small ones go through, large ones get 413', async () => {
    const { token } = await createStaff(cms.payload, cms.baseUrl, 'editor')
    const small = await send(JSON.stringify({ name: 'Chunked tag' }), token)
    expect(small.status).toBe(201)
    const large = await send(JSON.stringify({ name: 'y'.repeat(2 * 1024 * 1024) }), token)
    expect(large.status).toBe(413)
    expect((await large.json()).errors[0].message).toMatch(/too large/)
  })
})

describe('no N+1', () => {
  test('a page of published articles with authors and tags costs the same number of queries at 10 and at 100 per page', async () => {
    const writers = [authorId, otherAuthorId]
    for (let i = 0; i < 100; i++) {
      await createArticle(cms.payload, { title: `Bulk story ${i}`, authors: [writers[i % 2]!], tags: [tagId], _status: 'published' })
    }
    let run = 0
    const page = (limit: number) => async () => {
      const response = await api(cms.baseUrl, `/api/articles?limit=${limit}&depth=1&sort=-publishedAt&run=${++run}`)
      expect(response.body.docs).toHaveLength(limit)
      expect(response.body.docs.every((doc: Article) => typeof doc.authors![0] === 'object')).toBe(true)
    }
    const at10 = await countQueries(cms.payload, page(10))
    const at100 = await countQueries(cms.payload, page(100))
    expect(at10).toBeGreaterThan(0)
    expect(at100).toBe(at10)
    // And GraphQL, which resolves relationships field by field, batches them the same way.
    const graphqlPage = (limit: number) => () => graphql(cms.baseUrl, `{ Articles(limit: ${limit}) { docs { title authors { name } tags { name } } } }`)
    expect(await countQueries(cms.payload, graphqlPage(100))).toBe(await countQueries(cms.payload, graphqlPage(10)))
  }, 120_000)
})

describe('GraphQL limits', () => {
  const nested = (levels: number) => `{ Comments { docs { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } } }`

  test(`selection depth over ${GRAPHQL_LIMITS.depth} is refused with 400 before it runs; within it, it runs`, async () => {
    const ok = await graphql(cms.baseUrl, nested(GRAPHQL_LIMITS.depth - 3))
    expect(ok.status).toBe(200)
    const deep = await graphql(cms.baseUrl, nested(GRAPHQL_LIMITS.depth + 2))
    expect(deep.status).toBe(400)
    expect(deep.body.errors![0]!.message).toMatch(/depth/i)
    expect(JSON.stringify(deep.body)).not.toMatch(/\bat .*\.(ts|js):\d+/)
  })

  test(`more than ${GRAPHQL_LIMITS.aliases} aliases are refused with 400`, async () => {
    const aliases = Array.from({ length: GRAPHQL_LIMITS.aliases + 1 }, (_, i) => `a${i}: Articles(limit: 1) { totalDocs }`).join(' ')
    const result = await graphql(cms.baseUrl, `{ ${aliases} }`)
    expect(result.status).toBe(400)
    expect(result.body.errors![0]!.message).toMatch(/alias/i)
  })

  test('a query over the complexity limit is refused with a GraphQL error naming the limit', async () => {
    const chain = `${'parent { '.repeat(7)}id${' }'.repeat(7)}`
    const fields = Array.from({ length: GRAPHQL_LIMITS.aliases }, (_, i) => `a${i}: Comments(limit: 100) { docs { ${chain} article { authors { avatar { url } } tags { name } } } }`).join(' ')
    const result = await graphql(cms.baseUrl, `{ ${fields} }`)
    expect(result.status).toBe(400)
    expect(result.body.errors![0]!.message).toMatch(/complexity/i)
  })

  test('batched (array) requests and syntax errors: 400 with a message', async () => {
    const batch = await api(cms.baseUrl, '/api/graphql', { method: 'POST', body: [{ query: '{ Articles { totalDocs } }' }, { query: '{ Tags { totalDocs } }' }] })
    expect(batch.status).toBe(400)
    expect(batch.body.errors[0].message).toBeTruthy()
    const broken = await graphql(cms.baseUrl, '{ Articles { docs { title }')
    expect(broken.status).toBe(400)
    expect(broken.body.errors![0]!.message).toMatch(/Syntax Error/)
  })

  test('introspection works in development', async () => {
    const result = await graphql(cms.baseUrl, '{ __schema { queryType { name } } }')
    expect(result.body.data.__schema.queryType.name).toBe('Query')
  })
})

import type { Article } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'

import { GRAPHQL_LIMITS } from '../../src/graphql/limits'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'

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

import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { QUERY_LIMITS } from '../../src/query/limits'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { createDesk } from '../helpers/staff'

/**
 * Every request of the outside probe (issue "Safe on the open internet") that crashed the
 * server, leaked a staff answer into the public cache, answered 5xx or slipped past a limit,
 * replayed over real HTTP, REST and GraphQL. After each the server must still answer /healthz.
 */
let cms: TestCms
let contributor: StaffMember
let editor: StaffMember
let draftId: number
const DRAFT_MARKER = 'DRAFT-MARKER-7f3a'

const alive = async () => expect((await api(cms.baseUrl, '/healthz')).status).toBe(200)
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

beforeAll(async () => {
  process.env.TRUST_PROXY = '1'
  cms = await startCms()
  ;({ contributor, editor } = await createDesk(cms.payload, cms.baseUrl, ['contributor', 'editor'], { contributor: 'Probe Contributor', editor: 'Probe Editor' }))
  await createArticle(cms.payload, { title: 'Live article', excerpt: 'Public words', authors: [contributor.authorId!], _status: 'published' })
  draftId = (await createArticle(cms.payload, { title: `Draft ${DRAFT_MARKER}`, excerpt: DRAFT_MARKER, authors: [contributor.authorId!] })).id
}, 60_000)
afterAll(async () => {
  await cms?.close()
  delete process.env.TRUST_PROXY
})

describe('queries that follow relationships into hidden fields (the process used to exit)', () => {
  const rest = [
    '/api/articles?where[authors.user.email][like]=x',
    '/api/articles?sort=authors.user.email',
    '/api/articles/count?where[authors.user.email][like]=x',
    '/api/comments?where[article.assignee.email][like]=a',
    '/api/articles?where[authors__user__email][equals]=x',
    '/api/articles/versions?where[parent.authors.user.email][equals]=x',
    '/api/articles?joins[history][where][article.authors.name][equals]=x',
  ]
  test.each(rest)('anonymous %s answers 400 and the server stays up', async (path) => {
    const response = await api(cms.baseUrl, path)
    expect([400, 403]).toContain(response.status)
    expect(JSON.stringify(response.body)).not.toMatch(/stack|QueryError:/)
    await settle()
    await alive()
  })

  test('staff: comments by parent.parent.senderFingerprint answers 400 and the server stays up', async () => {
    const response = await api(cms.baseUrl, '/api/comments?where[parent.parent.senderFingerprint][equals]=x', { token: editor.token })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].message).toMatch(/follows 2 relationships/)
    await settle()
    await alive()
  })

  test('GraphQL sort and where across two relationships answer with an error, not a dead process', async () => {
    for (const query of ['{ Articles(sort: "authors.user.email") { docs { id } } }', '{ Articles(where: { authors__user__email: { equals: "x" } }) { docs { id } } }']) {
      const response = await graphql(cms.baseUrl, query)
      expect(response.status).toBeLessThan(500)
      expect(response.body.errors?.[0]?.message).toMatch(/relationships|not defined/i)
    }
    await settle()
    await alive()
  })
})

describe('anonymity is what Payload decided, not how the cookie was spelled', () => {
  test('a staff session with a space before "=" is not cached as the public answer', async () => {
    const url = `/api/articles?draft=false&depth=0&where[id][equals]=${draftId}`
    const staffCall = await api(cms.baseUrl, url, { headers: { cookie: `payload-token =${contributor.token}`, 'cache-control': 'no-cache' } })
    expect(staffCall.headers.get('cache-control')).toMatch(/private/)
    const publicCall = await api(cms.baseUrl, url)
    expect(JSON.stringify(publicCall.body)).not.toContain(DRAFT_MARKER)
    for (const cookie of [`payload-token =${contributor.token}`, ` payload-token=${contributor.token}`, `other=1;payload-token=${contributor.token}`]) {
      const list = await api(cms.baseUrl, '/api/articles?draft=true&depth=0', { headers: { cookie } })
      expect(list.headers.get('cache-control')).toBe('private, no-store')
      expect((await api(cms.baseUrl, '/api/articles?draft=true&depth=0')).body.docs.map((doc: { title: string }) => doc.title).join()).not.toContain(DRAFT_MARKER)
    }
  })

  test('an invalid token or Authorization header does not skip the limits for readers', async () => {
    const address = '203.0.113.77'
    for (let i = 0; i < 130; i++) {
      const response = await api(cms.baseUrl, '/api/tags', { method: 'POST', headers: { 'x-forwarded-for': address, authorization: 'JWT not-a-token', cookie: 'payload-token=forged' }, body: { name: 'x' } })
      if (response.status === 429) return
    }
    throw new Error('130 anonymous writes with forged credentials were never limited')
  })
})

describe('limits keyed on what a request does', () => {
  test('/api//users/login is a sign-in attempt: limited like /api/users/login', async () => {
    const address = '203.0.113.80'
    const statuses: number[] = []
    for (let i = 0; i < 22; i++) {
      const path = i % 2 ? '/api//users/login' : '/api/users//login/'
      statuses.push((await api(cms.baseUrl, path, { method: 'POST', headers: { 'x-forwarded-for': address }, body: { email: `x${i}@newsroom.test`, password: 'wrong' } })).status)
    }
    expect(statuses).toContain(429)
    expect(statuses.filter((status) => status === 200)).toEqual([])
  })

  test('each GraphQL loginUser counts, also aliased in one document', async () => {
    const address = '203.0.113.81'
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: loginUser(email: "nobody${i}@newsroom.test", password: "wrong") { token }`).join(' ')
    const first = await api(cms.baseUrl, '/api/graphql', { method: 'POST', headers: { 'x-forwarded-for': address }, body: { query: `mutation { ${aliases} }` } })
    expect(first.status).not.toBe(429)
    const second = await api(cms.baseUrl, '/api/graphql', { method: 'POST', headers: { 'x-forwarded-for': address }, body: { query: `mutation { ${aliases} }` } })
    expect(second.status).toBe(429)
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('a JSON-escaped "\\u006dutation" is a mutation for the anonymous write limit', async () => {
    const address = '203.0.113.82'
    const body = '{"query":"\\u006dutation { createTag(data: { name: \\"x\\" }) { id } }"}'
    let limited = false
    for (let i = 0; i < 130 && !limited; i++) {
      const response = await api(cms.baseUrl, '/api/graphql', { method: 'POST', headers: { 'x-forwarded-for': address, 'content-type': 'application/json' }, body })
      limited = response.status === 429
    }
    expect(limited).toBe(true)
  })
})

describe('cost limits on every query', () => {
  const manyOr = (count: number) => Array.from({ length: count }, (_, i) => `where[or][${i}][excerpt][like]=w${i}`).join('&')
  test(`more than ${QUERY_LIMITS.conditions} conditions, deep nesting, long values and many pattern words answer 400`, async () => {
    const cases = [
      `/api/articles?${Array.from({ length: QUERY_LIMITS.conditions + 1 }, (_, i) => `where[or][${i}][title][equals]=w${i}`).join('&')}`,
      // 900 clauses would pass Node's 16 KB header limit (431); the form body below carries them.
      `/api/articles?${manyOr(200)}`,
      `/api/articles?where[title][equals]=${'x'.repeat(QUERY_LIMITS.valueLength + 1)}`,
      `/api/articles?where[excerpt][like]=${Array.from({ length: QUERY_LIMITS.patternTerms + 1 }, (_, i) => `w${i}`).join('%20')}`,
      '/api/articles?where[or][0][and][0][or][0][and][0][or][0][title][equals]=x',
    ]
    for (const path of cases) {
      const response = await api(cms.baseUrl, path)
      expect(response.status).toBe(400)
      expect(response.body.errors[0].message).toMatch(/at most/)
    }
  })

  test('readers sort on indexed fields, match patterns on the collection\'s own fields and page at most 10,000 in; staff are not held to these', async () => {
    const refusals: Array<[string, RegExp]> = [
      ['/api/articles?sort=title', /Readers sort on indexed fields only: .*publishedAt/],
      ['/api/articles?sort=-authors.name', /Readers sort on indexed fields only/],
      ['/api/articles?where[tags.name][like]=iraq', /own fields only/],
      [`/api/articles?limit=100&page=${QUERY_LIMITS.readerOffset / 100 + 2}`, /filter by date/],
    ]
    for (const [path, message] of refusals) {
      const response = await api(cms.baseUrl, path)
      expect({ path, status: response.status }).toEqual({ path, status: 400 })
      expect(response.body.errors[0].message).toMatch(message)
      expect((await api(cms.baseUrl, path, { token: editor.token })).status).toBe(200)
    }
    expect((await api(cms.baseUrl, '/api/articles?sort=-publishedAt&where[title][like]=live&where[tags.slug][equals]=x')).status).toBe(200)
  })

  test('Payload\'s own queries with Date values pass the limits (the admin\'s edit-lock check compares updatedAt with a Date)', async () => {
    const user = await cms.payload.findByID({ collection: 'users', id: editor.id, overrideAccess: true })
    const locks = await cms.payload.find({ collection: 'payload-locked-documents', where: { updatedAt: { greater_than: new Date(Date.now() - 300_000) } }, overrideAccess: false, user })
    expect(locks.docs).toEqual(expect.any(Array))
  })

  test('the same query as a method-override form body is held to the same limits', async () => {
    const response = await api(cms.baseUrl, '/api/articles', {
      method: 'POST',
      headers: { 'x-payload-http-method-override': 'GET', 'content-type': 'application/x-www-form-urlencoded' },
      body: manyOr(900),
    })
    expect(response.status).toBe(400)
  })

  test('GraphQL where arguments are held to the same limits', async () => {
    const or = Array.from({ length: 1000 }, (_, i) => `{ excerpt: { like: "w${i}" } }`).join(', ')
    const response = await graphql(cms.baseUrl, `{ Articles(where: { OR: [${or}] }) { docs { id } } }`)
    expect(response.status).toBeLessThan(500)
    expect(response.body.errors?.[0]?.message).toMatch(/at most/)
  })

  test('limit and page are bounded; limit=0 and pagination=false cannot list everything', async () => {
    for (const path of ['/api/articles?limit=99999999999999999999', '/api/articles?page=99999999999999999999', `/api/articles?limit=${QUERY_LIMITS.limit.anonymous + 1}`]) {
      const response = await api(cms.baseUrl, path)
      expect(response.status).toBe(400)
      expect(response.body.errors[0].message).toMatch(/whole number from 1 to/)
    }
    const all = await api(cms.baseUrl, '/api/tags?limit=0&depth=0')
    expect(all.status).toBe(200)
    expect(all.body.limit).toBeLessThanOrEqual(QUERY_LIMITS.limit.anonymous)
    const gql = await graphql(cms.baseUrl, '{ Articles(limit: 99999999) { docs { id } } }')
    expect(gql.body.errors?.[0]?.message).toMatch(/whole number from 1 to/)
  })
})

describe('answers that were 5xx', () => {
  // Every case carries its RequestInit (jest would take a missing last argument for `done`).
  const cases: Array<[string, string, RequestInit]> = [
    ['object as an equals value', '/api/articles?where[title][equals][a]=b', {}],
    ['list as an equals value', '/api/articles?where[id][equals][]=1', {}],
    ['exists inside rich text', '/api/articles?where[body.root.children][exists]=true', {}],
    ['broken %-encoding below /api', '/api/%ff', {}],
    ['broken %-encoding in a document id', '/api/articles/%ff', {}],
    ['broken %-encoding on the reading page', '/read/%ff', {}],
    ['multipart with a broken _payload', '/api/media', { method: 'POST', body: (() => { const form = new FormData(); form.set('_payload', '{bad'); return form })() }],
    ['a malformed GraphQL JSON body', '/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' }],
    ['a GraphQL fragment cycle', '/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }) }],
    ['GraphQL Access for a reader', '/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ Access { canAccessAdmin } }' }) }],
    ['email verification with a made-up token', '/api/users/verify/abc', { method: 'POST' }],
  ]
  test.each(cases)('%s: a 4xx or a normal answer', async (_name, path, init) => {
    const response = await fetch(`${cms.baseUrl}${path}`, init)
    expect(response.status).toBeLessThan(500)
    await alive()
  })

  test('TRACE and other methods the API does not answer: 405', async () => {
    // fetch refuses to send TRACE, so this goes through node:http.
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      request(`${cms.baseUrl}/api/articles`, { method: 'TRACE' }, (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
        .on('error', reject)
        .end()
    })
    expect(status).toBe(405)
    await alive()
  })

  test('a comment whose website is a number, a list or an object: 400', async () => {
    const article = (await api(cms.baseUrl, '/api/articles?limit=1&depth=0')).body.docs[0]
    for (const website of [42, ['https://a.example'], { url: 'https://a.example' }]) {
      const response = await api(cms.baseUrl, '/api/comments', { method: 'POST', headers: { 'x-forwarded-for': `203.0.113.${90 + String(website).length % 9}` }, body: { article: article.id, name: 'Reader', email: 'reader@example.com', body: 'A thoughtful comment.', website } })
      expect(response.status).toBe(400)
    }
  })

  test('a 300k-deep JSON array from an admin: 400, and the process stays up', async () => {
    const body = `{"name": ${'['.repeat(300_000)}${']'.repeat(300_000)}}`
    const response = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: editor.token, headers: { 'content-type': 'application/json' }, body })
    expect(response.status).toBe(400)
    await alive()
  })
})

describe('what a 400 tells', () => {
  test('an unknown field names no hidden or secret field, to anyone', async () => {
    for (const [path, token] of [['/api/users', undefined], ['/api/webhooks', undefined], ['/api/users', contributor.token], ['/api/webhooks', editor.token]] as const) {
      const response = await api(cms.baseUrl, path, { method: 'POST', token, body: { nonsense: 1 } })
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
      expect(JSON.stringify(response.body)).not.toMatch(/\b(hash|salt|resetPasswordToken|sessions|secret|previousSecret)\b/)
    }
  })
})

describe('what the outside attacker found on the second pass', () => {
  test('sign-in routes and GraphQL spelt in capitals count as password attempts', async () => {
    const address = '203.0.113.120'
    const statuses: number[] = []
    for (let i = 0; i < 22; i++) {
      const path = ['/api/users/LOGIN', '/api/users/Login', '/api/users/FORGOT-PASSWORD'][i % 3]!
      statuses.push((await api(cms.baseUrl, path, { method: 'POST', headers: { 'x-forwarded-for': address }, body: { email: `x${i}@newsroom.test`, password: 'wrong' } })).status)
    }
    expect(statuses).toContain(429)
    const gql = await api(cms.baseUrl, '/api/GRAPHQL', { method: 'POST', headers: { 'x-forwarded-for': address }, body: { query: 'mutation { loginUser(email: "a@b.c", password: "x") { token } }' } })
    expect(gql.status).toBe(429)
  })

  test('a multipart body without a boundary is a 400, for anyone, on any collection', async () => {
    for (const [path, contentType] of [['/api/comments', 'multipart/form-data'], ['/api/tags', 'multipart/form-data; boundary='], ['/api/media', 'multipart/form-data; charset=utf-8']] as const) {
      const response = await api(cms.baseUrl, path, { method: 'POST', token: editor.token, headers: { 'content-type': contentType }, body: 'x' })
      expect(response.status).toBe(400)
      expect(response.body.errors[0].message).toMatch(/boundary/)
    }
  })

  test('a reading-page address longer than any slug is a 404 page, not a 500', async () => {
    const response = await fetch(`${cms.baseUrl}/read/${'a'.repeat(QUERY_LIMITS.valueLength + 1)}`)
    expect(response.status).toBe(404)
  })

  test('GraphQL sent as another media type: a 4xx with a message, not an empty body', async () => {
    const graphqlType = await api(cms.baseUrl, '/api/graphql', { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '{ Tags { totalDocs } }' })
    expect(graphqlType.status).toBe(415)
    expect(graphqlType.body.errors[0].message).toMatch(/application\/json/)
    const text = await api(cms.baseUrl, '/api/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ Tags { totalDocs } }' })
    expect(text.status).toBe(400)
    expect(text.body.errors[0].message).toMatch(/not valid JSON/)
  })

  test('batched GraphQL requests are refused with a message that says so', async () => {
    const response = await api(cms.baseUrl, '/api/graphql', { method: 'POST', body: [{ query: '{ Tags { totalDocs } }' }, { query: '{ Tags { totalDocs } }' }] })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].message).toMatch(/Batched GraphQL requests/)
  })

  test('only someone who may edit a document may lock it', async () => {
    const others = await createArticle(cms.payload, { title: 'Not the contributor story' })
    const own = (await api(cms.baseUrl, '/api/articles?depth=0&draft=true&where[title][equals]=Live%20article', { token: contributor.token })).body.docs[0]
    const lock = (document: Record<string, unknown>, token: string) => api(cms.baseUrl, '/api/payload-locked-documents', { method: 'POST', token, body: document })
    for (const document of [{ document: { relationTo: 'articles', value: others.id } }, { document: { relationTo: 'users', value: editor.id } }, { globalSlug: 'site-settings' }]) {
      const refused = await lock(document, contributor.token)
      expect({ document, status: refused.status }).toEqual({ document, status: 403 })
    }
    expect((await lock({ document: { relationTo: 'articles', value: own.id } }, contributor.token)).status).toBe(201)
    expect((await lock({ document: { relationTo: 'articles', value: others.id } }, editor.token)).status).toBe(201)
  })
})


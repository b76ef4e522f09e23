import type { Article, Comment } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'
import type { ServerProcess } from '../helpers/serverProcess'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { spawnServer } from '../helpers/serverProcess'
import { createStaff } from '../helpers/staff'

/**
 * Readers' comments over real HTTP: submission rules, spam signals, rate limits (also across two
 * server processes), moderation by role, threads, closing, privacy and bad input.
 * TRUST_PROXY lets each test speak from its own address (X-Forwarded-For), so per-address limits
 * do not leak between tests.
 */
let cms: TestCms
let editor: StaffMember, writer: StaffMember, otherWriter: StaffMember, contributor: StaffMember
let article: Article, otherArticle: Article, draft: Article
let addressCounter = 0

const limits = { COMMENTS_PER_ADDRESS: '1000', COMMENTS_PER_ARTICLE: '1000', COMMENT_MIN_SECONDS: '3', COMMENT_MAX_LINKS: '2' }

beforeAll(async () => {
  process.env.TRUST_PROXY = '1'
  Object.assign(process.env, limits)
  cms = await startCms()
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  writer = await createStaff(cms.payload, cms.baseUrl, 'author', 'Writer')
  otherWriter = await createStaff(cms.payload, cms.baseUrl, 'author', 'Other writer')
  contributor = await createStaff(cms.payload, cms.baseUrl, 'contributor')
  article = await createArticle(cms.payload, { title: 'Open for debate', authors: [writer.authorId!], _status: 'published' })
  otherArticle = await createArticle(cms.payload, { title: 'Another story', authors: [otherWriter.authorId!], _status: 'published' })
  draft = await createArticle(cms.payload, { title: 'Not live yet', authors: [writer.authorId!] })
}, 60_000)
afterAll(async () => {
  await cms?.close()
  delete process.env.TRUST_PROXY
  for (const key of Object.keys(limits)) delete process.env[key]
})
afterEach(() => Object.assign(process.env, limits))

const newAddress = () => `203.0.113.${++addressCounter}`
let bodyCounter = 0
const uniqueBody = (text = 'A thoughtful remark') => `${text} number ${++bodyCounter}.`

function submit(fields: Record<string, unknown>, { address = newAddress(), baseUrl = cms.baseUrl } = {}) {
  return api(baseUrl, '/api/comments', {
    method: 'POST',
    headers: { 'x-forwarded-for': address },
    body: { article: article.id, authorName: 'Reader', email: 'reader@example.com', body: uniqueBody(), ...fields },
  })
}
const stored = (id: number) => cms.payload.findByID({ collection: 'comments', id }) as Promise<Comment>

describe('submission', () => {
  test('a reader comments on a live article over REST: 201, stored pending, and the answer holds no email or status', async () => {
    const response = await submit({ status: 'approved', email: 'someone@example.com' })
    expect(response.status).toBe(201)
    expect(response.body.doc).toMatchObject({ authorName: 'Reader', article: expect.anything() })
    expect(JSON.stringify(response.body)).not.toMatch(/someone@example\.com|"status"|Fingerprint/)
    expect((await stored(response.body.doc.id)).status).toBe('pending')
  })

  test('and over GraphQL', async () => {
    const result = await graphql(
      cms.baseUrl,
      'mutation ($data: mutationCommentInput!) { createComment(data: $data) { id authorName email } }',
      { variables: { data: { article: article.id, authorName: 'GraphQL reader', email: 'gql@example.com', body: uniqueBody() } } },
    )
    expect(result.body.errors).toBeUndefined()
    expect(result.body.data.createComment).toMatchObject({ authorName: 'GraphQL reader', email: null })
    expect((await stored(result.body.data.createComment.id)).status).toBe('pending')
  })

  test('markup is kept as plain text, exactly as sent', async () => {
    const body = `<script>alert("x")</script> <b>bold</b> ${uniqueBody()}`
    const response = await submit({ body })
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect((await stored(response.body.doc.id)).body).toBe(body)
  })

  test('spam signals file the comment as spam, and the sender cannot tell', async () => {
    const honeypot = await submit({ website: 'http://cheap-pills.example' })
    const tooFast = await submit({ renderedAt: Date.now() - 1000 })
    const links = await submit({ body: `Visit https://a.example and http://b.example and www.c-example.com ${uniqueBody()}` })
    for (const response of [honeypot, tooFast, links]) {
      expect(response.status).toBe(201)
      expect(JSON.stringify(response.body)).not.toMatch(/spam/)
      expect((await stored(response.body.doc.id)).status).toBe('spam')
    }
    const human = await submit({ renderedAt: Date.now() - 20_000, body: `One link is fine: https://a.example ${uniqueBody()}` })
    expect((await stored(human.body.doc.id)).status).toBe('pending')
  })

  test('the same comment twice on an article is refused with 409 (case and punctuation aside); elsewhere it is fine', async () => {
    const text = uniqueBody('Great analysis of the militias')
    expect((await submit({ body: text })).status).toBe(201)
    const again = await submit({ body: `  ${text.toUpperCase()}!!` })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/already posted/)
    expect((await submit({ body: text, article: otherArticle.id })).status).toBe(201)
  })

  test('a reply must answer a comment on the same article', async () => {
    const parent = await submit({})
    expect((await submit({ parent: parent.body.doc.id })).status).toBe(201)
    const across = await submit({ parent: parent.body.doc.id, article: otherArticle.id })
    expect(across.status).toBe(400)
    expect(across.body.errors[0].message).toMatch(/same article/)
  })

  test.each([
    ['a draft article', () => ({ article: draft.id }), /published article/],
    ['an unknown article', () => ({ article: 999_999 }), /article/i],
    ['no email', () => ({ email: undefined }), /email/i],
    ['an invalid email', () => ({ email: 'not-an-address' }), /email/i],
    ['no body', () => ({ body: '' }), /body/i],
    ['a body over 5000 characters', () => ({ body: 'x'.repeat(5001) }), /body/i],
    ['no name', () => ({ authorName: undefined }), /author ?name/i],
    ['a renderedAt that is not a number', () => ({ renderedAt: 'yesterday' }), /rendered ?at/i],
  ])('%s: a clear 400', async (_case, fields, message) => {
    const response = await submit(fields())
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body.errors)).toMatch(message)
  })

  test('malformed JSON: 400, nothing stored', async () => {
    const before = await cms.payload.count({ collection: 'comments' })
    const response = await api(cms.baseUrl, '/api/comments', { method: 'POST', body: '{"article": 1, "body": ', headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(400)
    expect((await cms.payload.count({ collection: 'comments' })).totalDocs).toBe(before.totalDocs)
  })
})

describe('rate limits', () => {
  test('per address: the next comment gets 429 with Retry-After, nothing stored; other readers go on', async () => {
    process.env.COMMENTS_PER_ADDRESS = '3'
    const address = newAddress()
    for (let i = 0; i < 3; i++) expect((await submit({}, { address })).status).toBe(201)
    const before = await cms.payload.count({ collection: 'comments' })
    const refused = await submit({}, { address })
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(600)
    expect(refused.body.errors[0].message).toMatch(/3 comments in the last 10 minutes/)
    expect((await cms.payload.count({ collection: 'comments' })).totalDocs).toBe(before.totalDocs)
    expect((await submit({})).status).toBe(201)
  })

  test('per article: a flood on one article is held back while others stay open', async () => {
    process.env.COMMENTS_PER_ARTICLE = '3'
    const quiet = await createArticle(cms.payload, { title: 'Quiet piece', _status: 'published' })
    for (let i = 0; i < 3; i++) expect((await submit({ article: quiet.id })).status).toBe(201)
    const refused = await submit({ article: quiet.id })
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/too many comments/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('GraphQL answers a rate limit with HTTP 429 and Retry-After too', async () => {
    process.env.COMMENTS_PER_ADDRESS = '1'
    const address = newAddress()
    expect((await submit({}, { address })).status).toBe(201)
    const response = await api(cms.baseUrl, '/api/graphql', {
      method: 'POST',
      headers: { 'x-forwarded-for': address },
      body: {
        query: 'mutation ($data: mutationCommentInput!) { createComment(data: $data) { id } }',
        variables: { data: { article: article.id, authorName: 'R', email: 'r@example.com', body: uniqueBody() } },
      },
    })
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(response.body.errors[0].message).toMatch(/comments in the last/)
  })

  test('the limit holds across server processes sharing the database', async () => {
    const limit = { COMMENTS_PER_ADDRESS: '3', TRUST_PROXY: '1' }
    process.env.COMMENTS_PER_ADDRESS = limit.COMMENTS_PER_ADDRESS
    let second: ServerProcess | undefined
    try {
      second = await spawnServer({ DATABASE_URL: cms.database.url, PAYLOAD_SECRET: process.env.PAYLOAD_SECRET!, SEED_DEMO: 'false', RUN_JOBS: 'false', ...limit })
      const address = newAddress()
      expect((await submit({}, { address })).status).toBe(201)
      expect((await submit({}, { address, baseUrl: second.url })).status).toBe(201)
      expect((await submit({}, { address })).status).toBe(201)
      expect((await submit({}, { address, baseUrl: second.url })).status).toBe(429)
      expect((await submit({}, { address })).status).toBe(429)
    } finally {
      second?.child.kill('SIGTERM')
      await second?.exited
    }
  }, 120_000)
})

describe('moderation', () => {
  const patch = (id: number, token: string | undefined, body: Record<string, unknown>) =>
    api(cms.baseUrl, `/api/comments/${id}`, { method: 'PATCH', token, body })

  test('editors moderate any comment; the credited writer moderates comments on their article, status only', async () => {
    const onArticle = (await submit({})).body.doc.id
    expect((await patch(onArticle, editor.token, { status: 'approved' })).status).toBe(200)
    expect((await patch(onArticle, writer.token, { status: 'spam', body: 'rewritten by the writer' })).status).toBe(200)
    const after = await stored(onArticle)
    expect(after.status).toBe('spam')
    expect(after.body).not.toBe('rewritten by the writer')
  })

  test('writers not credited on the article, contributors and readers cannot moderate', async () => {
    const id = (await submit({})).body.doc.id
    for (const token of [otherWriter.token, contributor.token, undefined]) {
      const response = await patch(id, token, { status: 'approved' })
      expect([401, 403, 404]).toContain(response.status)
    }
    expect((await stored(id)).status).toBe('pending')
  })

  test('bulk approve as the admin list does it: PATCH with a where clause', async () => {
    const ids = [(await submit({})).body.doc.id, (await submit({})).body.doc.id]
    const response = await api(cms.baseUrl, `/api/comments?where[id][in]=${ids.join(',')}`, { method: 'PATCH', token: editor.token, body: { status: 'approved' } })
    expect(response.status).toBe(200)
    expect(response.body.docs).toHaveLength(2)
    for (const id of ids) expect((await stored(id)).status).toBe('approved')
  })

  test('only editors and admins delete comments', async () => {
    const id = (await submit({})).body.doc.id
    expect([403, 404]).toContain((await api(cms.baseUrl, `/api/comments/${id}`, { method: 'DELETE', token: writer.token })).status)
    expect((await api(cms.baseUrl, `/api/comments/${id}`, { method: 'DELETE', token: editor.token })).status).toBe(200)
  })
})

describe('threads and privacy', () => {
  let thread: Article
  beforeAll(async () => {
    thread = await createArticle(cms.payload, { title: 'Threaded', _status: 'published' })
  })
  const add = async (body: string, status: Comment['status'], parent?: number) =>
    (
      await cms.payload.create({
        collection: 'comments',
        data: { article: thread.id, parent, authorName: body, email: `${body.replace(/\W/g, '')}@example.com`, body, status },
      })
    ).id

  test('GET /api/articles/:id/comments: approved comments in thread order, with depth and count; hidden branches left out', async () => {
    const first = await add('first', 'approved')
    const second = await add('second', 'approved')
    const replyToFirst = await add('reply to first', 'approved', first)
    await add('reply to the reply', 'approved', replyToFirst)
    const pending = await add('pending', 'pending')
    await add('reply to pending', 'approved', pending)
    await add('spam', 'spam', second)

    const response = await api(cms.baseUrl, `/api/articles/${thread.id}/comments`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ article: thread.id, open: true, totalDocs: 4 })
    expect(response.body.docs.map((c: { body: string; depth: number }) => `${c.depth}:${c.body}`)).toEqual([
      '0:first',
      '1:reply to first',
      '2:reply to the reply',
      '0:second',
    ])
    expect(JSON.stringify(response.body)).not.toMatch(/@example\.com|email/)
  })

  test('the thread of a draft is not found', async () => {
    expect((await api(cms.baseUrl, `/api/articles/${draft.id}/comments`)).status).toBe(404)
    expect((await api(cms.baseUrl, '/api/articles/not-an-id/comments')).status).toBe(404)
  })

  test('no email in any public read: REST lists with populated parents, GraphQL nested, by id', async () => {
    const parent = await add('parent with email', 'approved')
    const reply = await add('reply with email', 'approved', parent)
    for (const path of ['/api/comments?depth=3&limit=100', `/api/comments/${reply}?depth=3`, `/api/articles/${thread.id}?depth=3`]) {
      const response = await api(cms.baseUrl, path)
      expect(response.status).toBe(200)
      expect(JSON.stringify(response.body)).not.toMatch(/@example\.com|Fingerprint/)
    }
    const gql = await graphql(cms.baseUrl, '{ Comments(limit: 100) { docs { body email parent { body email } } } }')
    expect(gql.body.errors).toBeUndefined()
    expect(gql.body.data.Comments.docs.length).toBeGreaterThan(0)
    expect(JSON.stringify(gql.body.data)).not.toMatch(/@example\.com/)
    expect(gql.body.data.Comments.docs.every((c: { email: unknown }) => c.email === null)).toBe(true)
  })

  test('filtering on the hidden email tells an anonymous reader nothing', async () => {
    await add('findable', 'approved')
    const all = await api(cms.baseUrl, '/api/comments?limit=1')
    const probe = await api(cms.baseUrl, `/api/comments?limit=1&where[email][equals]=${encodeURIComponent('findable@example.com')}`)
    if (probe.status === 200) expect(probe.body.totalDocs).toBe(all.body.totalDocs)
    else expect(probe.status).toBe(400)
  })
})

describe('closing comments', () => {
  const settings = (token: string | undefined, data: Record<string, unknown>) =>
    api(cms.baseUrl, '/api/globals/site-settings', { method: 'POST', token, body: data })

  afterEach(async () => {
    await cms.payload.updateGlobal({ slug: 'site-settings', data: { commentsOpen: true, commentsClosedOn: [] } })
  })

  test('on one article: 403 there, the thread says closed, other articles stay open', async () => {
    expect((await settings(editor.token, { commentsClosedOn: [article.id] })).status).toBe(200)
    const refused = await submit({})
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toMatch(/closed/)
    expect((await api(cms.baseUrl, `/api/articles/${article.id}/comments`)).body.open).toBe(false)
    expect((await submit({ article: otherArticle.id })).status).toBe(201)
  })

  test('site-wide: every article refuses new comments; writers cannot reopen', async () => {
    expect((await settings(editor.token, { commentsOpen: false })).status).toBe(200)
    expect((await submit({ article: otherArticle.id })).status).toBe(403)
    expect((await settings(writer.token, { commentsOpen: true })).status).toBe(403)
    expect((await settings(undefined, { commentsOpen: true })).status).toBe(403)
    expect((await submit({})).status).toBe(403)
  })
})

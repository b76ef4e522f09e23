import type { Payload } from 'payload'

import type { Role } from '../../src/access/roles'
import type { Stage } from '../../src/workflow/definition'
import type { TestCms } from '../helpers/cms'
import type { Receiver } from '../helpers/receiver'
import type { StaffMember } from '../helpers/staff'

import { isPublicAddress } from '../../src/webhooks/safeTarget'
import { nextRetryDelay } from '../../src/webhooks/retry'
import { onWorkflowTransition } from '../../src/workflow/events'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api } from '../helpers/http'
import { drainWebhooks } from '../helpers/webhookQueue'
import { startReceiver } from '../helpers/receiver'
import { createStaff } from '../helpers/staff'

let cms: TestCms
let receiver: Receiver
let admin: StaffMember, editor: StaffMember, author: StaffMember

beforeAll(async () => {
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
  process.env.WEBHOOK_RETRY_SCHEDULE = '0.2,0.2,0.2'
  process.env.WEBHOOK_TIMEOUT_MS = '2000'
  cms = await startCms()
  receiver = await startReceiver()
  admin = await createStaff(cms.payload, cms.baseUrl, 'admin')
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  author = await createStaff(cms.payload, cms.baseUrl, 'author', 'Hook Writer')
})
afterAll(async () => {
  await receiver?.close()
  await cms?.close()
})
beforeEach(async () => {
  receiver.clear()
  receiver.setReply(() => ({ status: 200 }))
  // Endpoints from earlier tests must not hear this test's events (their deliveries go with them).
  const { errors } = await cms.payload.delete({ collection: 'webhooks', where: { id: { exists: true } }, overrideAccess: true })
  expect(errors).toEqual([])
})


async function subscribe(events: string[], extra: Record<string, unknown> = {}) {
  const created = await api(cms.baseUrl, '/api/webhooks', {
    method: 'POST',
    token: admin.token,
    body: { name: 'Test receiver', url: receiver.url, events, ...extra },
  })
  expect(created.status).toBe(201)
  receiver.setSecrets([created.body.doc.secret])
  return created.body.doc as { id: number; secret: string }
}

async function walk(id: number, steps: Array<[Role, Stage, string?]>) {
  const token = { admin: admin.token, editor: editor.token, author: author.token, contributor: author.token }
  for (const [role, stage, note] of steps) {
    const result = await api(cms.baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token: token[role], body: { stage, workflowNote: note } })
    if (result.status !== 200) throw new Error(`${role} -> ${stage}: ${JSON.stringify(result.body)}`)
  }
}
const publishPath: Array<[Role, Stage]> = [['author', 'in_review'], ['editor', 'approved'], ['editor', 'published']]
const newArticle = (title: string, tags: number[] = []) => createArticle(cms.payload, { title, authors: [author.authorId!], tags })

describe('managing endpoints', () => {
  test('admins create endpoints; the secret is shown once and never read back', async () => {
    const hook = await subscribe(['article.published'])
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const read = await api(cms.baseUrl, `/api/webhooks/${hook.id}`, { token: admin.token })
    expect(read.status).toBe(200)
    expect(read.body).not.toHaveProperty('secret')
    expect(JSON.stringify(read.body)).not.toContain(hook.secret)
    expect((await api(cms.baseUrl, '/api/webhooks', { token: editor.token })).status).toBe(403)
    expect((await api(cms.baseUrl, '/api/webhooks', { method: 'POST', token: editor.token, body: { name: 'x', url: receiver.url, events: ['article.published'] } })).status).toBe(403)
  })

  test.each([
    ['http://10.1.2.3/hook', /10\.1\.2\.3, a private/],
    ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254/],
    ['http://[::1]:8080/hook', /::1/],
    ['http://localhost/hook', /127\.0\.0\.1|::1/],
    ['http://100.64.0.1/hook', /100\.64\.0\.1/],
    ['ftp://example.com/hook', /http or https/],
    ['not a url', /not a valid URL/],
  ])('refuses %s with a clear 400', async (url, message) => {
    const result = await api(cms.baseUrl, '/api/webhooks', { method: 'POST', token: admin.token, body: { name: 'bad', url, events: ['article.published'] } })
    expect(result.status).toBe(400)
    expect(result.body.errors[0].message).toMatch(message)
  })

  test('address classification', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '0.0.0.0']) {
      expect(isPublicAddress(address)).toBe(false)
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8']) expect(isPublicAddress(address)).toBe(true)
  })
})

describe('delivery', () => {
  test('publishing delivers a signed article.published with the public shape; drafts deliver nothing', async () => {
    await subscribe(['article.published', 'article.updated', 'article.unpublished'])
    const article = await newArticle('Breaking: webhooks work')
    await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: author.token, body: { excerpt: 'a draft save' } })
    await walk(article.id, [['author', 'in_review'], ['editor', 'approved']])
    await drainWebhooks(cms.payload)
    expect(receiver.received).toEqual([])

    await walk(article.id, [['editor', 'published']])
    await drainWebhooks(cms.payload)
    const [published] = receiver.ofType('article.published')
    expect(receiver.received).toHaveLength(1)
    expect(published!.verifiedWith).toHaveLength(1)
    expect(published!.id).toMatch(/^msg_[0-9a-f]{32}$/)
    const publicRead = await api(cms.baseUrl, `/api/articles/${article.id}?depth=1`)
    expect(published!.event).toEqual({ type: 'article.published', timestamp: expect.any(String), data: { article: JSON.parse(JSON.stringify(publicRead.body)), locale: 'en' } })
    expect(published!.body).not.toMatch(/"stage"|workflowNote|assignee/)

    // A reviewed revision of the live article: article.updated; taking it down: article.unpublished.
    await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: author.token, body: { title: 'Updated headline' } })
    await walk(article.id, publishPath)
    // Deliveries are separate jobs, so their order is not guaranteed: settle one before the next.
    await drainWebhooks(cms.payload)
    await walk(article.id, [['editor', 'archived']])
    await drainWebhooks(cms.payload)
    expect(receiver.received.map((r) => r.event.type)).toEqual(['article.published', 'article.updated', 'article.unpublished'])
    expect(receiver.ofType('article.updated')[0]!.event.data.article.title).toBe('Updated headline')
  })

  test('cache.purge carries the surrogate keys a CDN should drop', async () => {
    await subscribe(['cache.purge'])
    const tag = await cms.payload.create({ collection: 'tags', data: { name: 'Purged tag' } as never })
    await drainWebhooks(cms.payload)
    receiver.clear()
    await api(cms.baseUrl, `/api/tags/${tag.id}`, { method: 'PATCH', token: editor.token, body: { name: 'Renamed purged tag' } })
    await drainWebhooks(cms.payload)
    expect(receiver.received.map((r) => r.event)).toEqual([{ type: 'cache.purge', timestamp: expect.any(String), data: { keys: ['tags', `tags:${tag.id}`] } }])
    expect(receiver.received[0]!.verifiedWith).toHaveLength(1)
  })

  test('workflow.transition, article.deleted and comment.approved', async () => {
    await subscribe(['workflow.transition', 'article.deleted', 'comment.approved'])
    const article = await newArticle('Events galore')
    await walk(article.id, publishPath)
    const comment = await cms.payload.create({
      collection: 'comments',
      data: { article: article.id, authorName: 'Reader', email: 'secret-reader@example.com', body: 'Great piece', status: 'pending' },
    })
    await api(cms.baseUrl, `/api/comments/${comment.id}`, { method: 'PATCH', token: editor.token, body: { status: 'approved' } })
    await api(cms.baseUrl, `/api/articles/${article.id}`, { method: 'DELETE', token: editor.token })
    await drainWebhooks(cms.payload)
    // Jobs of one batch run concurrently, so arrival order is not part of the contract (see docs/webhooks.md).
    const transitions = receiver.ofType('workflow.transition').map((r) => `${r.event.data.from}>${r.event.data.to}`)
    expect(transitions.sort()).toEqual(['approved>published', 'draft>in_review', 'in_review>approved'])
    expect(receiver.ofType('comment.approved')[0]!.event.data.comment).toMatchObject({ id: comment.id, body: 'Great piece', authorName: 'Reader' })
    expect(receiver.ofType('comment.approved')[0]!.body).not.toContain('secret-reader@example.com')
    expect(receiver.ofType('article.deleted')[0]!.event.data).toEqual({ article: { id: article.id, slug: article.slug }, locale: 'en' })
  })

  test('a publish that rolls back sends nothing and leaves no delivery behind', async () => {
    await subscribe(['article.published', 'workflow.transition'])
    const article = await newArticle('Never live')
    await walk(article.id, [['author', 'in_review'], ['editor', 'approved']])
    await drainWebhooks(cms.payload)
    receiver.clear()
    const before = await cms.payload.count({ collection: 'webhook-deliveries' })
    const unsubscribe = onWorkflowTransition(() => {
      throw new Error('a later step of the publish failed')
    })
    try {
      const result = await api(cms.baseUrl, `/api/articles/${article.id}`, { method: 'PATCH', token: editor.token, body: { stage: 'published' } })
      expect(result.status).toBe(500)
    } finally {
      unsubscribe()
    }
    await drainWebhooks(cms.payload)
    expect(receiver.received).toEqual([])
    expect((await cms.payload.count({ collection: 'webhook-deliveries' })).totalDocs).toBe(before.totalDocs)
    expect((await api(cms.baseUrl, `/api/articles/${article.id}`)).status).toBe(404)
  })

  test('tag filters: an endpoint for one tag hears only about articles with it', async () => {
    const iraq = await cms.payload.create({ collection: 'tags', data: { name: 'Iraq' } as never })
    await subscribe(['article.published'], { filterTags: [iraq.id] })
    const tagged = await newArticle('About Iraq', [iraq.id])
    const other = await newArticle('About something else')
    await walk(tagged.id, publishPath)
    await walk(other.id, publishPath)
    await drainWebhooks(cms.payload)
    expect(receiver.received.map((r) => r.event.data.article.title)).toEqual(['About Iraq'])
  })
})

describe('retries and failures', () => {
  test('a receiver that fails then recovers gets the event, with the same webhook-id each time', async () => {
    await subscribe(['article.published'])
    receiver.setReply((_request, count) => (count <= 2 ? { status: 503 } : { status: 200 }))
    const article = await newArticle('Flaky receiver')
    await walk(article.id, publishPath)
    await drainWebhooks(cms.payload)
    expect(receiver.received).toHaveLength(3)
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1)
    expect(receiver.received.every((r) => r.verifiedWith.length === 1)).toBe(true)
    const [delivery] = (await cms.payload.find({ collection: 'webhook-deliveries', where: { eventId: { equals: receiver.received[0]!.id } } })).docs
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200 })
    expect(delivery!.latencyMs).toEqual(expect.any(Number))
  })

  test('Retry-After is honoured', async () => {
    await subscribe(['article.published'])
    receiver.setReply((_request, count) => (count === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }))
    const article = await newArticle('Rate limited receiver')
    await walk(article.id, publishPath)
    await drainWebhooks(cms.payload)
    expect(receiver.received).toHaveLength(2)
    expect(receiver.received[1]!.receivedAt - receiver.received[0]!.receivedAt).toBeGreaterThanOrEqual(950)
  })

  test('after the retry schedule the delivery is marked failed; a 3xx is final, not followed', async () => {
    await subscribe(['article.published'])
    receiver.setReply(() => ({ status: 500 }))
    await walk((await newArticle('Always failing')).id, publishPath)
    await drainWebhooks(cms.payload)
    expect(receiver.received).toHaveLength(4) // the first attempt and three retries
    const failed = await cms.payload.find({ collection: 'webhook-deliveries', where: { status: { equals: 'failed' } } })
    expect(failed.docs[0]).toMatchObject({ attempts: 4, responseStatus: 500, error: 'The endpoint answered 500.' })

    receiver.clear()
    receiver.setReply(() => ({ status: 302, headers: { location: 'http://169.254.169.254/' } }))
    await walk((await newArticle('Redirecting receiver')).id, publishPath)
    await drainWebhooks(cms.payload)
    expect(receiver.received).toHaveLength(1)
  })

  test('410 Gone disables the endpoint', async () => {
    const hook = await subscribe(['article.published'])
    receiver.setReply(() => ({ status: 410 }))
    await walk((await newArticle('Gone receiver')).id, publishPath)
    await drainWebhooks(cms.payload)
    const endpoint = await cms.payload.findByID({ collection: 'webhooks', id: hook.id })
    expect(endpoint.active).toBe(false)
    expect(endpoint.disabledReason).toMatch(/410 Gone/)
    await walk((await newArticle('Nobody hears this')).id, publishPath)
    await drainWebhooks(cms.payload)
    expect(receiver.received).toHaveLength(1)
  })

  test('an endpoint whose address turns internal is refused at delivery time, without retries', async () => {
    await subscribe(['article.published'])
    process.env.WEBHOOK_ALLOWED_HOSTS = ''
    try {
      await walk((await newArticle('Rebound')).id, publishPath)
      await drainWebhooks(cms.payload)
    } finally {
      process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
    }
    expect(receiver.received).toEqual([])
    const failed = await cms.payload.find({ collection: 'webhook-deliveries', where: { status: { equals: 'failed' } }, sort: '-createdAt' })
    expect(failed.docs[0]).toMatchObject({ attempts: 1, error: expect.stringMatching(/127\.0\.0\.1.*internal address/) })
  })

  test('retry delays grow with jitter, respect Retry-After, and stop at the end of the schedule', () => {
    const schedule = [1000, 10_000, 100_000]
    expect(nextRetryDelay(1, schedule, undefined, () => 0)).toBe(800)
    expect(nextRetryDelay(1, schedule, undefined, () => 1)).toBe(1200)
    expect(nextRetryDelay(2, schedule, 60_000, () => 0.5)).toBe(60_000)
    expect(nextRetryDelay(4, schedule)).toBeNull()
  })
})

describe('secrets and redelivery', () => {
  test('after a rotation both secrets sign until the overlap ends', async () => {
    const hook = await subscribe(['article.published'])
    const rotated = await api(cms.baseUrl, `/api/webhooks/${hook.id}/rotate-secret`, { method: 'POST', token: admin.token })
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).not.toBe(hook.secret)
    expect((await api(cms.baseUrl, `/api/webhooks/${hook.id}/rotate-secret`, { method: 'POST', token: editor.token })).status).toBe(403)
    receiver.setSecrets([hook.secret, rotated.body.secret])
    await walk((await newArticle('Rotated')).id, publishPath)
    await drainWebhooks(cms.payload)
    expect(receiver.received[0]!.verifiedWith).toEqual([hook.secret, rotated.body.secret])
    expect(receiver.received[0]!.signature.split(' ')).toHaveLength(2)
  })

  test('an admin redelivers a delivery over the API with the same webhook-id', async () => {
    await subscribe(['article.published'])
    await walk((await newArticle('Deliver me twice')).id, publishPath)
    await drainWebhooks(cms.payload)
    const [delivery] = (await cms.payload.find({ collection: 'webhook-deliveries', where: { eventId: { equals: receiver.received[0]!.id } } })).docs
    expect((await api(cms.baseUrl, `/api/webhook-deliveries/${delivery!.id}/redeliver`, { method: 'POST', token: editor.token })).status).toBe(403)
    const again = await api(cms.baseUrl, `/api/webhook-deliveries/${delivery!.id}/redeliver`, { method: 'POST', token: admin.token })
    expect(again.status).toBe(202)
    await drainWebhooks(cms.payload)
    expect(receiver.received.map((r) => r.id)).toEqual([delivery!.eventId, delivery!.eventId])
  })
})

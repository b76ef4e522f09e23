import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { createStaff } from '../helpers/staff'
import { moveArticle, publishRevision } from '../helpers/workflow'

/**
 * Restoring a version (REST POST /api/articles/versions/:id, GraphQL restoreVersionArticle, the
 * Local API) obeys the workflow: writers restore only into a new draft of their own article, only
 * editors and admins put a version that was live back live (and that behaves like a publish:
 * history, store, caches, webhooks), and no restore takes a live article down.
 */

let cms: TestCms
let editor: StaffMember
let author: StaffMember
let contributor: StaffMember
let stranger: StaffMember

beforeAll(async () => {
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
  cms = await startCms()
  await createStaff(cms.payload, cms.baseUrl, 'admin')
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  author = await createStaff(cms.payload, cms.baseUrl, 'author', 'Restore Writer')
  contributor = await createStaff(cms.payload, cms.baseUrl, 'contributor', 'Restore Contributor')
  stranger = await createStaff(cms.payload, cms.baseUrl, 'author', 'Not Credited')
  // An endpoint that hears publishing events; its deliveries are only queued (the queue never runs here).
  await cms.payload.create({
    collection: 'webhooks',
    data: { name: 'Restore events', url: 'http://127.0.0.1:9/hook', events: ['article.published', 'article.updated', 'article.unpublished'] } as never,
    overrideAccess: true,
  })
}, 120_000)
afterAll(async () => {
  await cms?.close()
})

type Transport = 'rest' | 'graphql'
const unique = () => Math.random().toString(36).slice(2, 8)

/** Restores a version as one person; returns an HTTP-like status and the error message, if any. */
async function restore(transport: Transport, member: StaffMember, versionId: number | string, asDraft = false): Promise<{ status: number; message?: string }> {
  if (transport === 'rest') {
    const result = await api(cms.baseUrl, `/api/articles/versions/${versionId}${asDraft ? '?draft=true' : ''}`, { method: 'POST', token: member.token })
    return { status: result.status, message: result.body?.errors?.[0]?.message }
  }
  const id = typeof versionId === 'number' ? versionId : JSON.stringify(versionId)
  const result = await graphql(cms.baseUrl, `mutation { restoreVersionArticle(id: ${id}${asDraft ? ', draft: true' : ''}) { id } }`, { token: member.token })
  const error = result.body.errors?.[0]
  if (!error) return { status: 200 }
  return { status: Number(error.extensions?.statusCode ?? 500), message: error.message }
}

/** The version of an article holding `title` with the given status. */
async function versionOf(id: number, title: string, status: 'draft' | 'published'): Promise<number | string> {
  const { docs } = await cms.payload.findVersions({
    collection: 'articles',
    where: { and: [{ parent: { equals: id } }, { 'version.title': { equals: title } }, { 'version._status': { equals: status } }] },
    depth: 0,
    limit: 1,
  })
  if (!docs[0]) throw new Error(`no ${status} version "${title}" of article ${id}`)
  return docs[0].id
}

/** Everything a restore could change: the live document, the latest version, the versions and the history. */
async function snapshot(id: number) {
  const pick = (doc: { title?: unknown; slug?: unknown; stage?: unknown; _status?: unknown; updatedAt?: unknown; publishedAt?: unknown }) => ({ title: doc.title, slug: doc.slug, stage: doc.stage, _status: doc._status, updatedAt: doc.updatedAt, publishedAt: doc.publishedAt })
  const main = await cms.payload.findByID({ collection: 'articles', id, depth: 0, overrideAccess: true })
  const latest = await cms.payload.findByID({ collection: 'articles', id, draft: true, depth: 0, overrideAccess: true })
  const versions = await cms.payload.countVersions({ collection: 'articles', where: { parent: { equals: id } } })
  const history = await cms.payload.count({ collection: 'article-history', where: { article: { equals: id } } })
  return { main: pick(main), latest: pick(latest), versions: versions.totalDocs, history: history.totalDocs }
}

async function lastHistory(id: number) {
  const { docs } = await cms.payload.find({ collection: 'article-history', where: { article: { equals: id } }, sort: '-createdAt', depth: 0, limit: 1 })
  return docs[0]
}

/** Webhook deliveries queued for an article, by event type. */
async function deliveries(id: number): Promise<string[]> {
  const { docs } = await cms.payload.find({ collection: 'webhook-deliveries', sort: 'id', depth: 0, pagination: false, overrideAccess: true })
  return docs
    .filter((d) => {
      const article = ((d.payload as { data?: { article?: { id?: unknown } } }).data?.article ?? {}) as { id?: unknown }
      return article.id === id
    })
    .map((d) => d.eventType as string)
}

/** A live article crediting the writers, with a writer's draft revision pending. */
async function liveWithRevision() {
  const liveTitle = `Live ${unique()}`
  const revisionTitle = `Revision ${unique()}`
  const article = await createArticle(cms.payload, { title: liveTitle, _status: 'published', authors: [author.authorId!, contributor.authorId!] })
  const saved = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: author.token, body: { title: revisionTitle } })
  expect(saved.status).toBe(200)
  return { id: article.id, slug: article.slug, liveTitle, revisionTitle }
}

/** An article that was live and that an editor has unpublished. */
async function unpublished() {
  const liveTitle = `Once live ${unique()}`
  const article = await createArticle(cms.payload, { title: liveTitle, _status: 'published', authors: [author.authorId!, contributor.authorId!] })
  await moveArticle(cms.baseUrl, article.id, editor.token, ['archived'])
  expect((await snapshot(article.id)).main._status).toBe('draft')
  return { id: article.id, slug: article.slug, liveTitle }
}

const publicTitle = async (id: number) => {
  const result = await api(cms.baseUrl, `/api/articles/${id}`)
  return result.status === 200 ? (result.body.title as string) : result.status
}

describe.each<Transport>(['rest', 'graphql'])('restoring versions over %s', (transport) => {
  describe.each(['author', 'contributor'] as const)('as the credited %s', (role) => {
    const writer = () => (role === 'author' ? author : contributor)

    test('cannot re-publish an unpublished article by restoring its published version', async () => {
      const article = await unpublished()
      const before = await snapshot(article.id)
      const result = await restore(transport, writer(), await versionOf(article.id, article.liveTitle, 'published'))
      expect(result.status).toBe(403)
      expect(result.message).toMatch(/only editors and admins change what is live.*Restore it as a draft/)
      expect(await snapshot(article.id)).toEqual(before)
      expect(await publicTitle(article.id)).toBe(404)
    })

    test('cannot take a live article down by restoring a draft version over it', async () => {
      const article = await liveWithRevision()
      const before = await snapshot(article.id)
      const result = await restore(transport, writer(), await versionOf(article.id, article.revisionTitle, 'draft'))
      expect([400, 403]).toContain(result.status)
      expect(result.message).toMatch(/would take the live article down/)
      expect(await snapshot(article.id)).toEqual(before)
      expect(await publicTitle(article.id)).toBe(article.liveTitle)
    })

    test('cannot replace the live version with an earlier published one', async () => {
      const article = await liveWithRevision()
      const versionId = await versionOf(article.id, article.liveTitle, 'published')
      await publishRevision(cms.baseUrl, article.id, editor.token, { title: `Second live ${unique()}` })
      const before = await snapshot(article.id)
      expect((await restore(transport, writer(), versionId)).status).toBe(403)
      expect(await snapshot(article.id)).toEqual(before)
    })

    test('may restore into a draft of their own article, which then goes through review', async () => {
      const article = await unpublished()
      const result = await restore(transport, writer(), await versionOf(article.id, article.liveTitle, 'published'), true)
      expect(result).toEqual({ status: 200 })
      const after = await snapshot(article.id)
      expect(after.main._status).toBe('draft')
      expect(after.latest).toMatchObject({ title: article.liveTitle, stage: 'draft', _status: 'draft' })
      expect(await lastHistory(article.id)).toMatchObject({ transition: 'restore', from: 'archived', to: 'draft', actor: writer().id })
      expect(await publicTitle(article.id)).toBe(404)
      // The usual review path takes it live again.
      await moveArticle(cms.baseUrl, article.id, writer().token, ['in_review'])
      await moveArticle(cms.baseUrl, article.id, editor.token, ['approved', 'published'])
      expect(await publicTitle(article.id)).toBe(article.liveTitle)
    })
  })

  test('restoring a version from before the first publish keeps the date the article first went live', async () => {
    // Version 1: a draft without a date; then it goes live (the workflow dates it).
    const draftTitle = `Before publish ${unique()}`
    const article = await createArticle(cms.payload, { title: draftTitle, authors: [author.authorId!, contributor.authorId!] })
    await cms.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published', stage: 'published' }, overrideAccess: true, context: { workflowBypass: true } })
    const firstLive = (await snapshot(article.id)).main.publishedAt
    expect(firstLive).toEqual(expect.any(String))
    const result = await restore(transport, author, await versionOf(article.id, draftTitle, 'draft'), true)
    expect(result).toEqual({ status: 200 })
    expect((await snapshot(article.id)).latest.publishedAt).toBe(firstLive)
    await moveArticle(cms.baseUrl, article.id, author.token, ['in_review'])
    await moveArticle(cms.baseUrl, article.id, editor.token, ['approved', 'published'])
    expect((await snapshot(article.id)).main.publishedAt).toBe(firstLive)
  })

  test('a writer the article does not credit cannot restore it at all', async () => {
    const article = await liveWithRevision()
    const before = await snapshot(article.id)
    const result = await restore(transport, stranger, await versionOf(article.id, article.revisionTitle, 'draft'), true)
    expect([403, 404]).toContain(result.status)
    expect(await snapshot(article.id)).toEqual(before)
  })

  test('an editor re-publishes an unpublished article from its published version: history, public reads, webhook', async () => {
    const article = await unpublished()
    const queuedBefore = await deliveries(article.id)
    expect(queuedBefore).toEqual(['article.unpublished'])
    const result = await restore(transport, editor, await versionOf(article.id, article.liveTitle, 'published'))
    expect(result).toEqual({ status: 200 })
    const after = await snapshot(article.id)
    expect(after.main).toMatchObject({ title: article.liveTitle, stage: 'published', _status: 'published' })
    expect(await lastHistory(article.id)).toMatchObject({ transition: 'restore', from: 'archived', to: 'published', actor: editor.id })
    // Every public route: by id, the list by slug (the delivery store), GraphQL.
    expect(await publicTitle(article.id)).toBe(article.liveTitle)
    const bySlug = await api(cms.baseUrl, `/api/articles?where[slug][equals]=${article.slug}`)
    expect(bySlug.body.docs.map((d: { title: string }) => d.title)).toEqual([article.liveTitle])
    const gql = await graphql(cms.baseUrl, `{ Articles(where: { slug: { equals: "${article.slug}" } }) { docs { title } } }`)
    expect(gql.body.data?.Articles.docs).toEqual([{ title: article.liveTitle }])
    expect((await deliveries(article.id)).slice(queuedBefore.length)).toEqual(['article.published'])
  })

  test('an editor rolls the live article back to an earlier published version, purging what readers had cached', async () => {
    const article = await liveWithRevision()
    const firstLive = await versionOf(article.id, article.liveTitle, 'published')
    const secondTitle = `Second live ${unique()}`
    await publishRevision(cms.baseUrl, article.id, editor.token, { title: secondTitle })
    // Readers have the current live version (and the response cache holds it).
    expect(await publicTitle(article.id)).toBe(secondTitle)
    const listBefore = await api(cms.baseUrl, `/api/articles?where[slug][equals]=${article.slug}`)
    expect(listBefore.body.docs[0].title).toBe(secondTitle)
    const queuedBefore = await deliveries(article.id)

    expect(await restore(transport, editor, firstLive)).toEqual({ status: 200 })
    expect(await lastHistory(article.id)).toMatchObject({ transition: 'restore', from: 'published', to: 'published', actor: editor.id })
    expect(await publicTitle(article.id)).toBe(article.liveTitle)
    const listAfter = await api(cms.baseUrl, `/api/articles?where[slug][equals]=${article.slug}`)
    expect(listAfter.body.docs[0].title).toBe(article.liveTitle)
    expect((await deliveries(article.id)).slice(queuedBefore.length)).toEqual(['article.updated'])
  })

  test('an editor cannot take a live article down by restoring a draft version either; as a draft it is a revision', async () => {
    const article = await liveWithRevision()
    const draftVersion = await versionOf(article.id, article.revisionTitle, 'draft')
    const before = await snapshot(article.id)
    const refused = await restore(transport, editor, draftVersion)
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/Restore it as a draft instead.*use Unpublish/)
    expect(await snapshot(article.id)).toEqual(before)

    expect(await restore(transport, editor, draftVersion, true)).toEqual({ status: 200 })
    const after = await snapshot(article.id)
    expect(after.main).toMatchObject({ title: article.liveTitle, _status: 'published' })
    expect(after.latest).toMatchObject({ title: article.revisionTitle, stage: 'draft' })
    expect(await lastHistory(article.id)).toMatchObject({ transition: 'restore', from: 'draft', to: 'draft', actor: editor.id })
    expect(await publicTitle(article.id)).toBe(article.liveTitle)
  })
})

describe('the Local API', () => {
  test('a writer acting through the Local API is held to the same rule', async () => {
    const article = await unpublished()
    const before = await snapshot(article.id)
    const user = await cms.payload.findByID({ collection: 'users', id: author.id })
    await expect(
      cms.payload.restoreVersion({ collection: 'articles', id: (await versionOf(article.id, article.liveTitle, 'published')) as string, overrideAccess: false, user }),
    ).rejects.toMatchObject({ status: 403 })
    expect(await snapshot(article.id)).toEqual(before)
  })

  test('an editor through the Local API re-publishes, recorded in the history', async () => {
    const article = await unpublished()
    const user = await cms.payload.findByID({ collection: 'users', id: editor.id })
    await cms.payload.restoreVersion({ collection: 'articles', id: (await versionOf(article.id, article.liveTitle, 'published')) as string, overrideAccess: false, user })
    expect((await snapshot(article.id)).main).toMatchObject({ stage: 'published', _status: 'published' })
    expect(await lastHistory(article.id)).toMatchObject({ transition: 'restore', from: 'archived', to: 'published', actor: editor.id })
  })
})

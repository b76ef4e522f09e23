import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { createArticle, sampleBody } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { createDesk } from '../helpers/staff'
import { moveArticle } from '../helpers/workflow'

/**
 * Fields only editors and admins (or the server) set on an article: `publishedAt` (editors, or the
 * workflow at publish), `createdAt`/`updatedAt` (the server's time, for every API caller), and the
 * slug of an article that is or has been published (editors; writers get a 403).
 */

let cms: TestCms
let editor: StaffMember
let author: StaffMember
let contributor: StaffMember

beforeAll(async () => {
  cms = await startCms()
  ;({ editor, author, contributor } = await createDesk(cms.payload, cms.baseUrl, ['editor', 'author', 'contributor'], { author: 'Field Writer', contributor: 'Field Contributor' }))
}, 120_000)
afterAll(async () => {
  await cms?.close()
})

type Transport = 'rest' | 'graphql'
const unique = () => Math.random().toString(36).slice(2, 8)
const FORGED_PAST = '2001-01-01T00:00:00.000Z'
const FORGED_FUTURE = '2099-01-01T00:00:00.000Z'
const recent = (iso: unknown) => typeof iso === 'string' && Math.abs(Date.parse(iso) - Date.now()) < 60_000

const stored = (id: number, draft = true) => cms.payload.findByID({ collection: 'articles', id, draft, depth: 0, overrideAccess: true })

/** Creates an article as a staff member; returns its id (or the refusal). */
async function create(transport: Transport, member: StaffMember, data: Record<string, unknown>): Promise<{ status: number; id?: number; message?: string }> {
  const full = { title: `Fields ${unique()}`, body: sampleBody, ...data }
  if (transport === 'rest') {
    const result = await api(cms.baseUrl, '/api/articles?draft=true', { method: 'POST', token: member.token, body: full })
    return { status: result.status, id: result.body?.doc?.id, message: result.body?.errors?.[0]?.message }
  }
  const result = await graphql(cms.baseUrl, 'mutation ($data: mutationArticleInput!) { createArticle(data: $data, draft: true) { id } }', { token: member.token, variables: { data: full } })
  const error = result.body.errors?.[0]
  return error ? { status: Number(error.extensions?.statusCode ?? 500), message: error.message } : { status: 200, id: result.body.data.createArticle.id }
}

/** Saves a draft change of an article as a staff member. */
async function update(transport: Transport, member: StaffMember, id: number, data: Record<string, unknown>): Promise<{ status: number; message?: string }> {
  if (transport === 'rest') {
    const result = await api(cms.baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token: member.token, body: data })
    return { status: result.status, message: result.body?.errors?.[0]?.message }
  }
  const result = await graphql(cms.baseUrl, `mutation ($data: mutationArticleUpdateInput!) { updateArticle(id: ${id}, data: $data, draft: true) { id } }`, { token: member.token, variables: { data } })
  const error = result.body.errors?.[0]
  return error ? { status: Number(error.extensions?.statusCode ?? 500), message: error.message } : { status: 200 }
}

describe.each<Transport>(['rest', 'graphql'])('editor-only fields over %s', (transport) => {
  describe('publishedAt', () => {
    test.each(['author', 'contributor'] as const)('writer (%s): cannot set it on create or update, and publishing stamps the real time', async (role) => {
      const writer = role === 'author' ? author : contributor
      const created = await create(transport, writer, { publishedAt: FORGED_PAST })
      expect(created.status).toBeLessThan(300)
      expect((await stored(created.id!)).publishedAt ?? null).toBeNull()

      expect((await update(transport, writer, created.id!, { publishedAt: FORGED_PAST })).status).toBeLessThan(500)
      expect((await stored(created.id!)).publishedAt ?? null).toBeNull()

      await moveArticle(cms.baseUrl, created.id!, writer.token, ['in_review'])
      await moveArticle(cms.baseUrl, created.id!, editor.token, ['approved', 'published'])
      const live = await stored(created.id!, false)
      expect(live._status).toBe('published')
      expect(recent(live.publishedAt)).toBe(true)
    })

    test('an editor may date (backdate) an article, and publishing keeps the date', async () => {
      const created = await create(transport, editor, { publishedAt: FORGED_PAST })
      expect(created.status).toBeLessThan(300)
      expect((await stored(created.id!)).publishedAt).toBe(FORGED_PAST)
      await moveArticle(cms.baseUrl, created.id!, editor.token, ['in_review', 'approved', 'published'])
      expect((await stored(created.id!, false)).publishedAt).toBe(FORGED_PAST)
    })
  })

  describe('createdAt and updatedAt', () => {
    test.each(['author', 'editor'] as const)('are the server’s time whatever is sent (%s)', async (role) => {
      const member = role === 'author' ? author : editor
      const created = await create(transport, member, { createdAt: FORGED_PAST, updatedAt: FORGED_FUTURE })
      expect(created.status).toBeLessThan(300)
      const first = await stored(created.id!)
      expect(recent(first.createdAt)).toBe(true)
      expect(recent(first.updatedAt)).toBe(true)

      expect((await update(transport, member, created.id!, { title: `Changed ${unique()}`, createdAt: FORGED_PAST, updatedAt: FORGED_FUTURE })).status).toBe(200)
      const second = await stored(created.id!)
      expect(second.createdAt).toBe(first.createdAt)
      expect(recent(second.updatedAt)).toBe(true)
    })
  })

  describe('the slug of a published article', () => {
    const livePiece = async () =>
      createArticle(cms.payload, { title: `Live ${unique()}`, _status: 'published', authors: [author.authorId!, contributor.authorId!] })

    test.each(['author', 'contributor'] as const)('writer (%s): cannot change it while the article is live; nothing is stored', async (role) => {
      const writer = role === 'author' ? author : contributor
      const article = await livePiece()
      const result = await update(transport, writer, article.id, { slug: `moved-${unique()}` })
      expect(result.status).toBe(403)
      expect(result.message).toMatch(/only editors and admins may change it/)
      expect((await stored(article.id)).slug).toBe(article.slug)
      expect((await stored(article.id, false)).slug).toBe(article.slug)
      // Other edits, sending the slug back unchanged (as the admin does), are fine.
      expect((await update(transport, writer, article.id, { title: `Revised ${unique()}`, slug: article.slug })).status).toBe(200)
    })

    test('a writer cannot change it after the article was unpublished either', async () => {
      const article = await livePiece()
      await moveArticle(cms.baseUrl, article.id, editor.token, ['archived', 'draft'])
      const result = await update(transport, author, article.id, { slug: `moved-${unique()}` })
      expect(result.status).toBe(403)
      expect((await stored(article.id)).slug).toBe(article.slug)
    })

    test('a writer may change the slug of an article that was never published; an editor that of a live one', async () => {
      const draft = await create(transport, author, {})
      const newSlug = `renamed-${unique()}`
      expect((await update(transport, author, draft.id!, { slug: newSlug })).status).toBe(200)
      expect((await stored(draft.id!)).slug).toBe(newSlug)

      const article = await livePiece()
      const editorSlug = `desk-${unique()}`
      expect((await update(transport, editor, article.id, { slug: editorSlug })).status).toBe(200)
      expect((await stored(article.id)).slug).toBe(editorSlug)
    })
  })
})

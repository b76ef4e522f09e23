import type { Article } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { createArticle, sampleBody as body } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { createStaff } from '../helpers/staff'

let cms: TestCms
let admin: StaffMember, editor: StaffMember, authorA: StaffMember, authorB: StaffMember, contributor: StaffMember
let published: Article, draft: Article

beforeAll(async () => {
  cms = await startCms()
  admin = await createStaff(cms.payload, cms.baseUrl, 'admin')
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  authorA = await createStaff(cms.payload, cms.baseUrl, 'author', 'Author A')
  authorB = await createStaff(cms.payload, cms.baseUrl, 'author', 'Author B')
  contributor = await createStaff(cms.payload, cms.baseUrl, 'contributor')
  published = await createArticle(cms.payload, { title: 'The published story', authors: [authorA.authorId!], _status: 'published' })
  draft = await createArticle(cms.payload, { title: 'The secret draft', authors: [authorA.authorId!] })
  await cms.payload.create({
    collection: 'comments',
    data: { article: published.id, authorName: 'Reader', email: 'private@example.com', body: 'Approved comment', status: 'approved' },
  })
  await cms.payload.create({
    collection: 'comments',
    data: { article: published.id, authorName: 'Troll', email: 'troll@example.com', body: 'Pending comment', status: 'pending' },
  })
})
afterAll(async () => {
  await cms?.close()
})

describe('anonymous readers', () => {
  test('REST lists only published articles, also with ?draft=true', async () => {
    for (const query of ['', '?draft=true']) {
      const { status, body: list } = await api(cms.baseUrl, `/api/articles${query}`)
      expect(status).toBe(200)
      expect(list.docs.map((doc: Article) => doc.title)).toEqual(['The published story'])
    }
  })

  test('REST cannot fetch a draft by id or find it by slug', async () => {
    expect((await api(cms.baseUrl, `/api/articles/${draft.id}`)).status).toBe(404)
    expect((await api(cms.baseUrl, `/api/articles/${draft.id}?draft=true`)).status).toBe(404)
    const bySlug = await api(cms.baseUrl, `/api/articles?where[slug][equals]=${draft.slug}`)
    expect(bySlug.body.docs).toEqual([])
  })

  test('versions of articles are staff-only', async () => {
    expect((await api(cms.baseUrl, '/api/articles/versions')).status).toBe(403)
  })

  test('GraphQL shows only published articles, also with draft: true', async () => {
    const { body: result } = await graphql(cms.baseUrl, '{ Articles(draft: true) { docs { title } } }')
    expect(result.data.Articles.docs).toEqual([{ title: 'The published story' }])
    const one = await graphql(cms.baseUrl, `{ Article(id: ${JSON.stringify(draft.id)}, draft: true) { title } }`)
    expect(one.body.data?.Article ?? null).toBeNull()
    expect(JSON.stringify(one.body)).not.toContain('The secret draft')
  })

  test('users are never readable: REST 403 and a GraphQL error', async () => {
    expect((await api(cms.baseUrl, '/api/users')).status).toBe(403)
    expect((await api(cms.baseUrl, `/api/users/${admin.id}`)).status).toBe(403)
    const { body: result } = await graphql(cms.baseUrl, '{ Users { docs { email } } }')
    expect(result.errors?.[0]?.message).toMatch(/not allowed/i)
    expect(JSON.stringify(result)).not.toContain('@newsroom.test')
  })

  test('comments: only approved ones, and never the email (REST, GraphQL, populated)', async () => {
    const rest = await api(cms.baseUrl, '/api/comments?depth=2')
    expect(rest.body.docs.map((c: { body: string }) => c.body)).toEqual(['Approved comment'])
    expect(JSON.stringify(rest.body)).not.toMatch(/@example\.com/)
    const gql = await graphql(cms.baseUrl, '{ Comments { docs { body email article { title } } } }')
    expect(gql.body.data.Comments.docs).toEqual([{ body: 'Approved comment', email: null, article: { title: 'The published story' } }])
  })

  test('bylines never reveal the linked user account', async () => {
    const { body: authors } = await api(cms.baseUrl, '/api/authors?depth=1')
    expect(authors.docs.length).toBeGreaterThan(0)
    for (const author of authors.docs) expect(author).not.toHaveProperty('user')
    const gql = await graphql(cms.baseUrl, '{ Authors { docs { name user { email } } } }')
    expect(gql.body.data.Authors.docs.every((a: { user: unknown }) => a.user === null)).toBe(true)
  })

  test('anonymous writes are refused', async () => {
    const create = await api(cms.baseUrl, '/api/articles', { method: 'POST', body: { title: 'Hack', body } })
    expect(create.status).toBe(403)
    const update = await api(cms.baseUrl, `/api/articles/${published.id}`, { method: 'PATCH', body: { title: 'Hacked' } })
    expect(update.status).toBe(403)
    const remove = await api(cms.baseUrl, `/api/tags`, { method: 'POST', body: { name: 'spam' } })
    expect(remove.status).toBe(403)
  })
})

describe('writers', () => {
  test('an author edits their own article over REST; another author is refused', async () => {
    const own = await api(cms.baseUrl, `/api/articles/${draft.id}?draft=true`, {
      method: 'PATCH',
      token: authorA.token,
      body: { title: 'The secret draft, revised' },
    })
    expect(own.status).toBe(200)
    const other = await api(cms.baseUrl, `/api/articles/${draft.id}?draft=true`, {
      method: 'PATCH',
      token: authorB.token,
      body: { title: 'Stolen' },
    })
    expect(other.status).toBe(403)
  })

  test('another author is refused over GraphQL and the Local API too', async () => {
    const gql = await graphql(
      cms.baseUrl,
      `mutation { updateArticle(id: ${JSON.stringify(draft.id)}, draft: true, data: { title: "Stolen" }) { title } }`,
      { token: authorB.token },
    )
    expect(gql.body.errors?.[0]?.message).toMatch(/not allowed/i)
    const user = await cms.payload.findByID({ collection: 'users', id: authorB.id })
    await expect(
      cms.payload.update({ collection: 'articles', id: draft.id, data: { title: 'Stolen' }, draft: true, overrideAccess: false, user }),
    ).rejects.toMatchObject({ status: 403 })
    const current = await cms.payload.findByID({ collection: 'articles', id: draft.id, draft: true })
    expect(current.title).not.toBe('Stolen')
  })

  test('authors and contributors cannot publish, by REST or GraphQL', async () => {
    // Not even after review: publishing is an editor's step (the full matrix is in workflow.test.ts).
    await cms.payload.update({ collection: 'articles', id: draft.id, data: { stage: 'in_review' }, draft: true, overrideAccess: true })
    await cms.payload.update({ collection: 'articles', id: draft.id, data: { stage: 'approved' }, draft: true, overrideAccess: true })
    for (const writer of [authorA, contributor]) {
      const rest = await api(cms.baseUrl, `/api/articles/${draft.id}`, {
        method: 'PATCH',
        token: writer.token,
        body: { _status: 'published' },
      })
      expect(rest.status).toBe(403)
      expect(rest.body.errors[0].message).toMatch(/may not "Publish"|not allowed/)
    }
    const gql = await graphql(
      cms.baseUrl,
      `mutation { createArticle(data: { title: "Straight to print", body: ${JSON.stringify(JSON.stringify(body))}, _status: published }) { id } }`,
      { token: contributor.token },
    )
    expect(gql.body.errors?.length).toBeGreaterThan(0)
    const { docs } = await cms.payload.find({ collection: 'articles', where: { title: { equals: 'Straight to print' } }, draft: true })
    expect(docs).toEqual([])
    expect((await api(cms.baseUrl, `/api/articles/${draft.id}`)).status).toBe(404)
  })

  test('an article a contributor creates credits them, so they can keep editing it', async () => {
    const created = await api(cms.baseUrl, '/api/articles?draft=true', {
      method: 'POST',
      token: contributor.token,
      body: { title: 'Contributor piece', body },
    })
    expect(created.status).toBe(201)
    expect(created.body.doc.authors.map((a: { id: number } | number) => (typeof a === 'object' ? a.id : a))).toContain(contributor.authorId)
    const edit = await api(cms.baseUrl, `/api/articles/${created.body.doc.id}?draft=true`, {
      method: 'PATCH',
      token: contributor.token,
      body: { excerpt: 'Now with an excerpt.' },
    })
    expect(edit.status).toBe(200)
  })

  test('a writer without a byline gets one made on their first article', async () => {
    const user = await cms.payload.create({
      collection: 'users',
      data: { email: 'newbie@newsroom.test', password: 'a long enough password', name: 'New Writer', role: 'author' },
    })
    const article = await cms.payload.create({
      collection: 'articles',
      data: { title: 'First piece', body } as Article,
      draft: true,
      overrideAccess: false,
      user,
    })
    const byline = await cms.payload.find({ collection: 'authors', where: { user: { equals: user.id } } })
    expect(byline.docs).toHaveLength(1)
    expect(byline.docs[0]!.name).toBe('New Writer')
    expect((article.authors ?? []).map((a) => (typeof a === 'object' ? a.id : a))).toEqual([byline.docs[0]!.id])
  })

  test('writers cannot delete articles; editors can', async () => {
    const doomed = await createArticle(cms.payload, { title: 'Doomed', authors: [authorA.authorId!] })
    expect((await api(cms.baseUrl, `/api/articles/${doomed.id}`, { method: 'DELETE', token: authorA.token })).status).toBe(403)
    expect((await api(cms.baseUrl, `/api/articles/${doomed.id}`, { method: 'DELETE', token: editor.token })).status).toBe(200)
  })
})

describe('editors and admins', () => {
  test('an editor edits and publishes any approved article', async () => {
    const result = await api(cms.baseUrl, `/api/articles/${draft.id}`, {
      method: 'PATCH',
      token: editor.token,
      body: { title: 'Now published by the desk', _status: 'published' },
    })
    expect(result.status).toBe(200)
    expect(result.body.doc._status).toBe('published')
    const pub = await api(cms.baseUrl, `/api/articles/${draft.id}`)
    expect(pub.status).toBe(200)
    expect(pub.body.title).toBe('Now published by the desk')
  })

  test('staff see drafts and versions', async () => {
    const versions = await api(cms.baseUrl, '/api/articles/versions', { token: authorB.token })
    expect(versions.status).toBe(200)
    expect(versions.body.totalDocs).toBeGreaterThan(0)
  })

  test('only admins create users; nobody else can set a role', async () => {
    const newUser = { email: 'made-by-editor@newsroom.test', password: 'a long enough password', role: 'admin' }
    expect((await api(cms.baseUrl, '/api/users', { method: 'POST', token: editor.token, body: newUser })).status).toBe(403)
    const byAdmin = await api(cms.baseUrl, '/api/users', {
      method: 'POST',
      token: admin.token,
      body: { ...newUser, email: 'made-by-admin@newsroom.test', role: 'editor' },
    })
    expect(byAdmin.status).toBe(201)
    expect(byAdmin.body.doc.role).toBe('editor')
  })

  test('a user may update their own profile but not promote themselves', async () => {
    const result = await api(cms.baseUrl, `/api/users/${authorA.id}`, {
      method: 'PATCH',
      token: authorA.token,
      body: { name: 'Renamed', role: 'admin' },
    })
    expect(result.status).toBe(200)
    const stored = await cms.payload.findByID({ collection: 'users', id: authorA.id })
    expect(stored.name).toBe('Renamed')
    expect(stored.role).toBe('author')
  })

  test('staff see their colleagues (to assign reviewers) but change only their own account', async () => {
    const list = await api(cms.baseUrl, '/api/users', { token: contributor.token })
    expect(list.status).toBe(200)
    expect(list.body.totalDocs).toBeGreaterThan(5)
    expect(JSON.stringify(list.body)).not.toMatch(/"(hash|salt)"/)
    const other = await api(cms.baseUrl, `/api/users/${editor.id}`, { method: 'PATCH', token: contributor.token, body: { name: 'Hijacked' } })
    expect(other.status).toBe(403)
    const remove = await api(cms.baseUrl, `/api/users/${contributor.id}`, { method: 'DELETE', token: editor.token })
    expect(remove.status).toBe(403)
  })
})

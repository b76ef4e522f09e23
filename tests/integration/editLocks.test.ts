import { jest } from '@jest/globals'

import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { createDesk } from '../helpers/staff'

/**
 * Payload's edit locks (payload-locked-documents) belong to whoever writes them and carry the
 * server's time, so nobody can lock an article in someone else's name or beyond Payload's lock
 * duration (five minutes since the last edit); only a lock's owner, editors and admins change or
 * clear it, and editors can always clear one and take the document over.
 */

const LOCKS = 'payload-locked-documents'
const LOCK_DURATION_MS = 300_000
const FOREVER = '2099-01-01T00:00:00.000Z'

let cms: TestCms
let editor: StaffMember
let author: StaffMember
let contributor: StaffMember

beforeAll(async () => {
  cms = await startCms()
  ;({ editor, author, contributor } = await createDesk(cms.payload, cms.baseUrl, ['editor', 'author', 'contributor'], { author: 'Lock Writer', contributor: 'Lock Contributor' }))
}, 120_000)
afterEach(() => {
  jest.useRealTimers()
})
afterAll(async () => {
  await cms?.close()
})

type Transport = 'rest' | 'graphql'
const unique = () => Math.random().toString(36).slice(2, 8)
const recent = (iso: unknown) => typeof iso === 'string' && Math.abs(Date.parse(iso) - Date.now()) < 60_000

const liveArticle = () => createArticle(cms.payload, { title: `Locked ${unique()}`, _status: 'published', authors: [author.authorId!, contributor.authorId!] })

/** A lock as sent by a forger: on the article, in `owner`'s name, edited "in 2099". */
async function forgeLock(transport: Transport, member: StaffMember, articleId: number, owner: StaffMember): Promise<number | string> {
  const data = { document: { relationTo: 'articles', value: articleId }, user: { relationTo: 'users', value: owner.id }, updatedAt: FOREVER, createdAt: FOREVER }
  if (transport === 'rest') {
    const result = await api(cms.baseUrl, `/api/${LOCKS}`, { method: 'POST', token: member.token, body: data })
    expect(result.status).toBe(201)
    return result.body.doc.id
  }
  const result = await graphql(cms.baseUrl, 'mutation ($data: mutationPayloadLockedDocumentInput!) { createPayloadLockedDocument(data: $data) { id } }', {
    token: member.token,
    variables: { data },
  })
  expect(result.body.errors).toBeUndefined()
  return result.body.data.createPayloadLockedDocument.id
}

const storedLock = async (id: number | string) => {
  const { docs } = await cms.payload.find({ collection: LOCKS, where: { id: { equals: id } }, depth: 0, overrideAccess: true })
  return docs[0] as undefined | { user: { relationTo: string; value: number }; updatedAt: string; createdAt: string }
}

/** Runs `action` with the server's clock moved past Payload's lock duration (only Date is faked). */
async function afterLockDuration<T>(action: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: Date.now() + LOCK_DURATION_MS + 5_000,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  })
  try {
    return await action()
  } finally {
    jest.useRealTimers()
  }
}

async function updateLock(transport: Transport, member: StaffMember, id: number | string, data: Record<string, unknown>): Promise<number> {
  if (transport === 'rest') return (await api(cms.baseUrl, `/api/${LOCKS}/${id}`, { method: 'PATCH', token: member.token, body: data })).status
  const result = await graphql(cms.baseUrl, `mutation ($data: mutationPayloadLockedDocumentUpdateInput!) { updatePayloadLockedDocument(id: ${id}, data: $data) { id } }`, { token: member.token, variables: { data } })
  const error = result.body.errors?.[0]
  return error ? Number(error.extensions?.statusCode ?? 500) : 200
}

async function deleteLock(transport: Transport, member: StaffMember, id: number | string): Promise<number> {
  if (transport === 'rest') return (await api(cms.baseUrl, `/api/${LOCKS}/${id}`, { method: 'DELETE', token: member.token })).status
  const result = await graphql(cms.baseUrl, `mutation { deletePayloadLockedDocument(id: ${id}) { id } }`, { token: member.token })
  const error = result.body.errors?.[0]
  return error ? Number(error.extensions?.statusCode ?? 500) : 200
}

// The editor's writes over REST, which checks locks (Payload's GraphQL resolvers do not).
const editorSave = (id: number) => api(cms.baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token: editor.token, body: { title: `Desk edit ${unique()}` } })
const editorUnpublish = (id: number) => api(cms.baseUrl, `/api/articles/${id}`, { method: 'PATCH', token: editor.token, body: { _status: 'draft' } })
const editorDelete = (id: number) => api(cms.baseUrl, `/api/articles/${id}`, { method: 'DELETE', token: editor.token })

describe.each<Transport>(['rest', 'graphql'])('edit locks over %s', (transport) => {
  test('a forged lock belongs to the requester and carries the server’s time', async () => {
    const article = await liveArticle()
    const lockId = await forgeLock(transport, contributor, article.id, editor)
    const lock = await storedLock(lockId)
    expect(lock?.user).toEqual({ relationTo: 'users', value: contributor.id })
    expect(recent(lock?.updatedAt)).toBe(true)
    expect(recent(lock?.createdAt)).toBe(true)

    // Refreshing it (as its owner) cannot push it into the future either.
    expect(await updateLock(transport, contributor, lockId, { updatedAt: FOREVER, user: { relationTo: 'users', value: editor.id } })).toBe(200)
    const refreshed = await storedLock(lockId)
    expect(refreshed?.user.value).toBe(contributor.id)
    expect(recent(refreshed?.updatedAt)).toBe(true)
  })

  test('a contributor’s forged lock blocks an editor’s save, unpublish and delete no longer than Payload’s lock duration', async () => {
    const article = await liveArticle()
    for (const [what, action, expected] of [
      ['save', editorSave, 200],
      ['unpublish', editorUnpublish, 200],
      ['delete', editorDelete, 200],
    ] as const) {
      await forgeLock(transport, contributor, article.id, editor)
      // Within the duration it is an ordinary lock by someone else.
      expect({ what, status: (await action(article.id)).status }).toEqual({ what, status: 423 })
      // Past it, the lock no longer holds (it was not dated 2099).
      const status = await afterLockDuration(async () => (await action(article.id)).status)
      expect({ what, status }).toEqual({ what, status: expected })
    }
    expect((await api(cms.baseUrl, `/api/articles/${article.id}`, { token: editor.token })).status).toBe(404)
  })

  test('only the lock’s owner, editors and admins change or clear it; editors clear a contributor’s lock and take over', async () => {
    const article = await liveArticle()
    const lockId = await forgeLock(transport, contributor, article.id, contributor)
    const before = await storedLock(lockId)

    // Another writer may neither take it over nor clear it.
    expect([403, 404]).toContain(await updateLock(transport, author, lockId, { user: { relationTo: 'users', value: author.id } }))
    expect([403, 404]).toContain(await deleteLock(transport, author, lockId))
    expect(await storedLock(lockId)).toEqual(before)
    expect((await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: author.token, body: { title: `Writer edit ${unique()}` } })).status).toBe(423)

    // The editor takes it over (the admin's "Take over": the lock becomes theirs)...
    expect(await updateLock(transport, editor, lockId, { user: { relationTo: 'users', value: editor.id } })).toBe(200)
    expect((await storedLock(lockId))?.user.value).toBe(editor.id)
    expect((await editorSave(article.id)).status).toBe(200)

    // ...or clears a contributor's lock outright, and saves at once.
    const second = await forgeLock(transport, contributor, article.id, contributor)
    expect((await editorSave(article.id)).status).toBe(423)
    expect(await deleteLock(transport, editor, second)).toBe(200)
    expect(await storedLock(second)).toBeUndefined()
    expect((await editorSave(article.id)).status).toBe(200)

    // The owner may clear their own lock.
    const own = await forgeLock(transport, contributor, article.id, contributor)
    expect(await deleteLock(transport, contributor, own)).toBe(200)
  })

  test('anonymous callers cannot create locks', async () => {
    const article = await liveArticle()
    if (transport === 'rest') {
      const result = await api(cms.baseUrl, `/api/${LOCKS}`, { method: 'POST', body: { document: { relationTo: 'articles', value: article.id }, user: { relationTo: 'users', value: editor.id } } })
      expect(result.status).toBe(403)
    } else {
      const result = await graphql(cms.baseUrl, `mutation { createPayloadLockedDocument(data: { user: { relationTo: users, value: ${editor.id} } }) { id } }`)
      expect(result.body.errors?.[0]).toBeDefined()
    }
    const { totalDocs } = await cms.payload.count({ collection: LOCKS, where: { 'document.value': { equals: article.id } } })
    expect(totalDocs).toBe(0)
  })
})

describe('GraphQL writes respect edit locks as REST writes do (they ignored them)', () => {
  test('an article another member has open cannot be updated or deleted over GraphQL; once the lock is gone it can', async () => {
    const article = await liveArticle()
    const lockId = await forgeLock('rest', contributor, article.id, contributor)
    const update = await graphql(cms.baseUrl, `mutation { updateArticle(id: ${article.id}, draft: true, data: { title: "Over GraphQL" }) { title } }`, { token: editor.token })
    expect(update.body.errors?.[0]?.extensions?.statusCode).toBe(423)
    const remove = await graphql(cms.baseUrl, `mutation { deleteArticle(id: ${article.id}) { id } }`, { token: editor.token })
    expect(remove.body.errors?.[0]?.extensions?.statusCode).toBe(423)
    const stored = await cms.payload.findByID({ collection: 'articles', id: article.id, draft: true, overrideAccess: true })
    expect(stored.title).toBe(article.title)

    expect(await deleteLock('rest', editor, lockId)).toBe(200)
    const after = await graphql(cms.baseUrl, `mutation { updateArticle(id: ${article.id}, draft: true, data: { title: "Over GraphQL" }) { title } }`, { token: editor.token })
    expect(after.body.data?.updateArticle?.title).toBe('Over GraphQL')
  })
})

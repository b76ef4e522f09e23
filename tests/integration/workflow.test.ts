import type { Payload } from 'payload'

import type { Role } from '../../src/access/roles'
import type { Article } from '../../src/payload-types'
import type { Stage } from '../../src/workflow/definition'
import type { WorkflowTransitionEvent } from '../../src/workflow/events'
import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { onWorkflowTransition } from '../../src/workflow/events'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { createStaff } from '../helpers/staff'

/**
 * The expected rules, written out independently of src/workflow/definition.ts:
 * "from>to" -> the roles that may take that step. Every other pair of different stages has no step.
 */
const WRITERS_AND_DESK: Role[] = ['contributor', 'author', 'editor', 'admin']
const DESK: Role[] = ['editor', 'admin']
const EXPECTED: Record<string, Role[]> = {
  'draft>in_review': WRITERS_AND_DESK,
  'changes_requested>in_review': WRITERS_AND_DESK,
  'in_review>draft': WRITERS_AND_DESK,
  'in_review>changes_requested': DESK,
  'approved>changes_requested': DESK,
  'in_review>approved': DESK,
  'approved>published': DESK,
  'published>archived': DESK,
  'draft>archived': DESK,
  'in_review>archived': DESK,
  'changes_requested>archived': DESK,
  'approved>archived': DESK,
  'archived>draft': DESK,
}
const STAGES: Stage[] = ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'archived']
const ROLES: Array<Role | 'anonymous'> = ['anonymous', 'contributor', 'author', 'editor', 'admin']

let cms: TestCms
let staff: Record<Role, StaffMember>
let byline: number

beforeAll(async () => {
  cms = await startCms()
  // The admin first: the very first account always becomes an admin.
  const admin = await createStaff(cms.payload, cms.baseUrl, 'admin')
  const editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  const writer = await createStaff(cms.payload, cms.baseUrl, 'author', 'Matrix Writer')
  const contributor = await createStaff(cms.payload, cms.baseUrl, 'contributor', 'Matrix Contributor')
  staff = { admin, editor, author: writer, contributor }
  byline = writer.authorId!
}, 120_000)
afterAll(async () => {
  await cms?.close()
})

/** An article crediting both matrix writers, placed directly in a stage (test setup only). */
async function articleIn(stage: Stage, title = `At ${stage}`): Promise<Article> {
  const article = await createArticle(cms.payload, { title: `${title} ${Math.random().toString(36).slice(2, 8)}`, authors: [byline, staff.contributor.authorId!] })
  if (stage === 'draft') return article
  await cms.payload.update({
    collection: 'articles',
    id: article.id,
    data: { stage, _status: stage === 'published' ? 'published' : 'draft' },
    draft: stage !== 'published' && stage !== 'archived',
    overrideAccess: true,
    context: { workflowBypass: true },
  })
  return article
}

const latest = (id: number) => cms.payload.findByID({ collection: 'articles', id, draft: true, depth: 0 })
const live = (id: number) => cms.payload.findByID({ collection: 'articles', id, depth: 0 })

type Channel = 'local' | 'rest' | 'graphql'

/** Asks for a stage change through one channel; returns the HTTP-like status. */
async function move(channel: Channel, role: Role | 'anonymous', id: number, to: Stage, note = 'Please tighten the lede.'): Promise<number> {
  const token = role === 'anonymous' ? undefined : staff[role].token
  if (channel === 'rest') {
    const result = await api(cms.baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token, body: { stage: to, workflowNote: note } })
    return result.status
  }
  if (channel === 'graphql') {
    const result = await graphql(
      cms.baseUrl,
      `mutation($id: Int!, $note: String) { updateArticle(id: $id, draft: true, data: { stage: ${to}, workflowNote: $note }) { id } }`,
      { token, variables: { id, note } },
    )
    if (!result.body.errors) return 200
    return Number(result.body.errors[0]!.extensions?.statusCode ?? 500)
  }
  const user = role === 'anonymous' ? undefined : await cms.payload.findByID({ collection: 'users', id: staff[role].id })
  try {
    await cms.payload.update({ collection: 'articles', id, data: { stage: to, workflowNote: note } as Partial<Article>, draft: true, overrideAccess: false, user })
    return 200
  } catch (error) {
    return (error as { status?: number }).status ?? 500
  }
}

describe.each<Channel>(['local', 'rest', 'graphql'])('the transition matrix over %s', (channel) => {
  const cases = STAGES.flatMap((from) =>
    STAGES.filter((to) => to !== from).flatMap((to) => ROLES.map((role) => ({ from, to, role }))),
  )
  test.each(cases)('$role: $from -> $to', async ({ from, to, role }) => {
    const article = await articleIn(from)
    const allowedRoles = EXPECTED[`${from}>${to}`]
    const status = await move(channel, role, article.id, to)
    const after = await latest(article.id)
    if (role !== 'anonymous' && allowedRoles?.includes(role)) {
      expect(status).toBe(200)
      expect(after.stage).toBe(to)
      expect(after._status).toBe(to === 'published' ? 'published' : 'draft')
    } else {
      expect(status).toBe(role === 'anonymous' ? 403 : allowedRoles ? 403 : 400)
      expect(after.stage).toBe(from)
    }
  })
})

describe('rules around the matrix', () => {
  test('requesting changes needs a note; the refusal names the stages and what is allowed', async () => {
    const article = await articleIn('in_review')
    const result = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, {
      method: 'PATCH',
      token: staff.editor.token,
      body: { stage: 'changes_requested' },
    })
    expect(result.status).toBe(400)
    expect(result.body.errors[0].message).toMatch(/from "In review" to "Changes requested".*needs a note/)
    expect(result.body.errors[0].message).toMatch(/Allowed from "In review": .*Approve \(→ Approved\)/)
  })

  test('sending _status: "published" directly is the publish step, refused before approval for everyone', async () => {
    for (const stage of ['draft', 'in_review', 'changes_requested', 'archived'] as Stage[]) {
      const article = await articleIn(stage)
      for (const role of ['editor', 'admin'] as Role[]) {
        const rest = await api(cms.baseUrl, `/api/articles/${article.id}`, { method: 'PATCH', token: staff[role].token, body: { _status: 'published' } })
        expect(rest.status).toBe(400)
        const gql = await graphql(cms.baseUrl, `mutation { updateArticle(id: ${article.id}, data: { _status: published }) { id } }`, { token: staff[role].token })
        expect(gql.body.errors?.[0]?.message).toMatch(/Cannot move this article/)
      }
      expect((await live(article.id))._status).not.toBe('published')
    }
  })

  test('an editor cannot create an article straight into review-free publication', async () => {
    const result = await api(cms.baseUrl, '/api/articles', {
      method: 'POST',
      token: staff.editor.token,
      body: { title: 'Skips review', body: (await articleIn('draft')).body, _status: 'published' },
    })
    expect(result.status).toBe(400)
    expect(result.body.errors[0].message).toMatch(/from "Draft" to "Published"/)
  })

  test('autosave cannot change the stage', async () => {
    const article = await articleIn('approved')
    const result = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true&autosave=true`, {
      method: 'PATCH',
      token: staff.editor.token,
      body: { stage: 'published' },
    })
    expect(result.status).toBe(400)
    expect(result.body.errors[0].message).toMatch(/autosave cannot change the stage/)
    expect((await latest(article.id)).stage).toBe('approved')
  })

  test('unknown stages and bulk stage changes are clear 400s', async () => {
    const article = await articleIn('draft')
    const unknown = await api(cms.baseUrl, `/api/articles/${article.id}`, { method: 'PATCH', token: staff.editor.token, body: { stage: 'live' } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toMatch(/Unknown stage "live"/)
    const bulk = await api(cms.baseUrl, `/api/articles?where[id][equals]=${article.id}`, { method: 'PATCH', token: staff.editor.token, body: { stage: 'archived' } })
    expect(bulk.status).toBe(400)
  })

  test('a writer cannot move another writer’s article', async () => {
    const other = await createStaff(cms.payload, cms.baseUrl, 'author', 'Someone Else')
    const article = await articleIn('draft')
    const result = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: other.token, body: { stage: 'in_review' } })
    expect(result.status).toBe(403)
    expect((await latest(article.id)).stage).toBe('draft')
  })
})

/** Walks an article through the review path as the given people. */
async function walk(id: number, steps: Array<[Role, Stage, string?]>) {
  for (const [role, to, note] of steps) {
    const status = await move('rest', role, id, to, note)
    if (status !== 200) throw new Error(`${role} could not move ${id} to ${to}: ${status}`)
  }
}

describe('editing an approved article', () => {
  test('a writer\'s edit sends it back to review, recorded with a note; an editor\'s edit keeps it approved', async () => {
    const article = await articleIn('approved', 'Approved piece')
    for (const role of ['editor', 'admin'] as const) {
      const desk = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: staff[role].token, body: { title: `Copy-edited by ${role}` } })
      expect(desk.status).toBe(200)
      expect((await latest(article.id)).stage).toBe('approved')
    }
    const edit = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: staff.author.token, body: { title: 'Changed after approval' } })
    expect(edit.status).toBe(200)
    expect(await latest(article.id)).toMatchObject({ title: 'Changed after approval', stage: 'in_review' })
    const { docs } = await cms.payload.find({ collection: 'article-history', where: { article: { equals: article.id } }, sort: '-createdAt', limit: 1, overrideAccess: true })
    expect(docs[0]).toMatchObject({ transition: 'submit', from: 'approved', to: 'in_review', note: 'Edited after approval: back in review.' })
    // So it cannot be published before an editor approves it again.
    expect(await move('rest', 'editor', article.id, 'published')).toBe(400)
    expect(await move('rest', 'editor', article.id, 'approved')).toBe(200)
    expect(await move('rest', 'editor', article.id, 'published')).toBe(200)
  })

  test('the same holds over GraphQL and for a contributor', async () => {
    const article = await articleIn('approved', 'Approved piece two')
    const result = await graphql(cms.baseUrl, `mutation { updateArticle(id: ${article.id}, draft: true, data: { excerpt: "A sneaky change" }) { stage } }`, { token: staff.contributor.token })
    expect(result.body.data?.updateArticle?.stage).toBe('in_review')
  })
})

describe('editing a live article', () => {
  test('goes through review as a new revision while the live version stays up', async () => {
    const article = await articleIn('published', 'Live piece')
    const liveTitle = (await live(article.id)).title

    // A plain PATCH (no ?draft=true) by the writer must not take the live version down.
    const edit = await api(cms.baseUrl, `/api/articles/${article.id}`, { method: 'PATCH', token: staff.author.token, body: { title: 'Revised headline' } })
    expect(edit.status).toBe(200)
    expect((await live(article.id)).title).toBe(liveTitle)
    expect((await live(article.id))._status).toBe('published')
    expect((await latest(article.id))).toMatchObject({ title: 'Revised headline', stage: 'draft' })
    const anonymous = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`)
    expect(anonymous.body.title).toBe(liveTitle)

    // The revision cannot be published without review…
    const skip = await api(cms.baseUrl, `/api/articles/${article.id}`, { method: 'PATCH', token: staff.editor.token, body: { _status: 'published' } })
    expect(skip.status).toBe(400)
    // …and goes live once it has been reviewed.
    await walk(article.id, [['author', 'in_review'], ['editor', 'approved'], ['editor', 'published']])
    expect(await live(article.id)).toMatchObject({ title: 'Revised headline', _status: 'published', stage: 'published' })
  })

  test('unpublishing takes the article down, by the workflow step or Payload’s own unpublish', async () => {
    const a = await articleIn('published')
    await walk(a.id, [['editor', 'archived']])
    expect((await live(a.id))._status).toBe('draft')
    expect((await api(cms.baseUrl, `/api/articles/${a.id}`)).status).toBe(404)

    const b = await articleIn('published')
    const refused = await api(cms.baseUrl, `/api/articles/${b.id}`, { method: 'PATCH', token: staff.author.token, body: { _status: 'draft' } })
    expect(refused.status).toBe(403)
    expect((await live(b.id))._status).toBe('published')
    const unpublished = await api(cms.baseUrl, `/api/articles/${b.id}`, { method: 'PATCH', token: staff.editor.token, body: { _status: 'draft' } })
    expect(unpublished.status).toBe(200)
    expect(await live(b.id)).toMatchObject({ _status: 'draft', stage: 'archived' })
  })
})

describe('history and events', () => {
  test('every step is recorded with who, when, from, to and the note; staff read it, the public never', async () => {
    const events: WorkflowTransitionEvent[] = []
    const unsubscribe = onWorkflowTransition((event) => {
      events.push(event)
    })
    const article = await articleIn('draft')
    try {
      await walk(article.id, [
        ['author', 'in_review'],
        ['editor', 'changes_requested', 'Source the second paragraph.'],
        ['contributor', 'in_review'],
        ['admin', 'approved'],
        ['editor', 'published'],
      ])
    } finally {
      unsubscribe()
    }
    const { docs } = await cms.payload.find({
      collection: 'article-history',
      where: { article: { equals: article.id } },
      sort: 'createdAt',
      depth: 0,
    })
    expect(docs.map((d) => [d.transition, d.from, d.to, d.actor])).toEqual([
      ['submit', 'draft', 'in_review', staff.author.id],
      ['requestChanges', 'in_review', 'changes_requested', staff.editor.id],
      ['submit', 'changes_requested', 'in_review', staff.contributor.id],
      ['approve', 'in_review', 'approved', staff.admin.id],
      ['publish', 'approved', 'published', staff.editor.id],
    ])
    expect(docs[1]!.note).toBe('Source the second paragraph.')
    expect(docs.every((d) => Date.parse(d.createdAt) > Date.now() - 60_000)).toBe(true)
    expect(events.map((e) => `${e.transition}:${e.from}>${e.to}`)).toEqual(docs.map((d) => `${d.transition}:${d.from}>${d.to}`))
    expect(events[1]).toMatchObject({ articleId: article.id, note: 'Source the second paragraph.', actorId: staff.editor.id })

    const staffRead = await api(cms.baseUrl, `/api/article-history?where[article][equals]=${article.id}`, { token: staff.contributor.token })
    expect(staffRead.body.totalDocs).toBe(5)
    const joined = await api(cms.baseUrl, `/api/articles/${article.id}?depth=0`, { token: staff.editor.token })
    expect(joined.body.history.docs).toHaveLength(5)

    expect((await api(cms.baseUrl, '/api/article-history')).status).toBe(403)
    const publicArticle = await api(cms.baseUrl, `/api/articles/${article.id}?depth=1`)
    expect(publicArticle.status).toBe(200)
    for (const hidden of ['history', 'stage', 'assignee', 'dueDate', 'workflowNote']) expect(publicArticle.body).not.toHaveProperty(hidden)
    const gql = await graphql(cms.baseUrl, '{ ArticleHistories { docs { note } } }')
    expect(gql.body.errors?.[0]?.message).toMatch(/not allowed/i)
  })

  test('history cannot be written or rewritten through the API', async () => {
    const article = await articleIn('draft')
    const forged = await api(cms.baseUrl, '/api/article-history', {
      method: 'POST',
      token: staff.admin.token,
      body: { article: article.id, transition: 'publish', from: 'approved', to: 'published' },
    })
    expect(forged.status).toBe(403)
  })

  test('a failing subscriber rolls the whole step back: no stage change, no history', async () => {
    const article = await articleIn('in_review')
    const unsubscribe = onWorkflowTransition(() => {
      throw new Error('subscriber failed')
    })
    try {
      expect(await move('local', 'editor', article.id, 'approved')).not.toBe(200)
    } finally {
      unsubscribe()
    }
    if (cms.database.kind === 'mongodb' && !(cms.payload.db as { beginTransaction?: unknown }).beginTransaction) return // standalone MongoDB has no transactions
    expect((await latest(article.id)).stage).toBe('in_review')
    const history = await cms.payload.count({ collection: 'article-history', where: { article: { equals: article.id } } })
    expect(history.totalDocs).toBe(0)
  })
})

describe('assignee and due date', () => {
  test('editors assign a reviewer and a due date; writers cannot; the public never sees them', async () => {
    const article = await articleIn('in_review')
    const due = '2026-12-01T09:00:00.000Z'
    const set = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, {
      method: 'PATCH',
      token: staff.editor.token,
      body: { assignee: staff.editor.id, dueDate: due },
    })
    expect(set.status).toBe(200)
    expect(await latest(article.id)).toMatchObject({ assignee: staff.editor.id, dueDate: due })

    await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: staff.author.token, body: { assignee: staff.author.id } })
    expect((await latest(article.id)).assignee).toBe(staff.editor.id)

    const mine = await api(cms.baseUrl, `/api/articles?draft=true&where[assignee][equals]=${staff.editor.id}&where[stage][equals]=in_review`, { token: staff.editor.token })
    expect(mine.body.docs.map((d: Article) => d.id)).toContain(article.id)
    const probe = await api(cms.baseUrl, `/api/articles?where[assignee][equals]=${staff.editor.id}`)
    expect(probe.body.docs ?? []).toEqual([])
  })
})

describe('scheduled publishing', () => {
  const soon = () => new Date(Date.now() + 1500).toISOString()
  const runJobsLater = async (payload: Payload) => {
    await new Promise((resolve) => setTimeout(resolve, 1700))
    await payload.jobs.run({ queue: 'default' })
  }

  test('only editors schedule, only approved articles, only in the future', async () => {
    const approved = await articleIn('approved')
    const draft = await articleIn('draft')
    const schedule = (id: number, token: string, body: unknown) => api(cms.baseUrl, `/api/articles/${id}/schedule`, { method: 'POST', token, body })
    expect((await schedule(approved.id, staff.author.token, { action: 'publish', at: soon() })).status).toBe(403)
    expect((await schedule(draft.id, staff.editor.token, { action: 'publish', at: soon() })).body.errors[0].message).toMatch(/Only approved articles/)
    expect((await schedule(approved.id, staff.editor.token, { action: 'publish', at: '2020-01-01T00:00:00Z' })).status).toBe(400)
    expect((await schedule(approved.id, staff.editor.token, { action: 'launch' })).status).toBe(400)
    expect((await api(cms.baseUrl, `/api/articles/${approved.id}/schedule`, { method: 'POST', body: { action: 'publish', at: soon() } })).status).toBe(401)
  })

  test('an approved article is published by the job at its time, and unpublished later', async () => {
    const article = await articleIn('approved')
    const scheduled = await api(cms.baseUrl, `/api/articles/${article.id}/schedule`, { method: 'POST', token: staff.editor.token, body: { action: 'publish', at: soon() } })
    expect(scheduled.status).toBe(201)
    await cms.payload.jobs.run({ queue: 'default' })
    expect((await live(article.id))._status).not.toBe('published') // not yet
    await runJobsLater(cms.payload)
    expect(await live(article.id)).toMatchObject({ _status: 'published', stage: 'published' })
    const history = await cms.payload.find({ collection: 'article-history', where: { article: { equals: article.id } }, depth: 0 })
    expect(history.docs.map((d) => [d.transition, d.actor])).toEqual([['publish', staff.editor.id]])

    await api(cms.baseUrl, `/api/articles/${article.id}/schedule`, { method: 'POST', token: staff.editor.token, body: { action: 'unpublish', at: soon() } })
    await runJobsLater(cms.payload)
    expect(await live(article.id)).toMatchObject({ _status: 'draft', stage: 'archived' })
  })

  test('an article sent back for changes after scheduling is not published by the job', async () => {
    const article = await articleIn('approved')
    await api(cms.baseUrl, `/api/articles/${article.id}/schedule`, { method: 'POST', token: staff.editor.token, body: { action: 'publish', at: soon() } })
    await walk(article.id, [['editor', 'changes_requested', 'One more fact-check.']])
    await runJobsLater(cms.payload)
    expect((await live(article.id))._status).not.toBe('published')
    expect((await latest(article.id)).stage).toBe('changes_requested')
  })
})

describe('scheduled publishing across a restart', () => {
  test('a job queued before a restart publishes after it', async () => {
    const article = await articleIn('approved')
    await api(cms.baseUrl, `/api/articles/${article.id}/schedule`, { method: 'POST', token: staff.editor.token, body: { action: 'publish', at: new Date(Date.now() + 1500).toISOString() } })
    const database = cms.database
    await cms.close({ keepDatabase: true })
    cms = await startCms({ database })
    await new Promise((resolve) => setTimeout(resolve, 1700))
    await cms.payload.jobs.run({ queue: 'default' })
    expect(await live(article.id)).toMatchObject({ _status: 'published', stage: 'published' })
  })
})

describe('no draft or review content reaches an anonymous reader', () => {
  test('a live article with a revision in review shows only the live version, by every route', async () => {
    const article = await articleIn('published', 'Public piece')
    const liveTitle = (await live(article.id)).title
    await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, {
      method: 'PATCH',
      token: staff.author.token,
      body: { title: 'SECRET revision headline', excerpt: 'SECRET excerpt' },
    })
    await walk(article.id, [['author', 'in_review']])
    await cms.payload.create({
      collection: 'comments',
      data: { article: article.id, authorName: 'Reader', email: 'r@example.com', body: 'Nice', status: 'approved' },
    })

    const routes = [
      `/api/articles`,
      `/api/articles?draft=true`,
      `/api/articles/${article.id}`,
      `/api/articles/${article.id}?draft=true&depth=2`,
      `/api/articles?where[title][like]=SECRET`,
      `/api/comments?depth=2`,
    ]
    for (const route of routes) {
      const { body } = await api(cms.baseUrl, route)
      expect(JSON.stringify(body)).not.toContain('SECRET')
      expect(JSON.stringify(body)).not.toMatch(/in_review|"stage":/)
    }
    // Filtering on a staff-only field is refused, not answered.
    const probe = await api(cms.baseUrl, '/api/articles?where[stage][equals]=in_review')
    expect(probe.status).toBe(400)
    expect(probe.body.errors[0].message).toBe('The following path cannot be queried: stage')
    expect((await api(cms.baseUrl, `/api/articles/${article.id}`)).body.title).toBe(liveTitle)
    expect((await api(cms.baseUrl, '/api/articles?where[title][like]=SECRET')).body.docs).toEqual([])
    for (const route of ['/api/articles/versions', `/api/articles/versions?where[parent][equals]=${article.id}`]) {
      expect((await api(cms.baseUrl, route)).status).toBe(403)
    }

    const queries = [
      `{ Articles(draft: true) { docs { title excerpt } } }`,
      `{ Article(id: ${article.id}, draft: true) { title excerpt } }`,
      `{ Comments { docs { article { title excerpt } } } }`,
      `{ versionsArticles { docs { version { title } } } }`,
    ]
    for (const query of queries) {
      const { body } = await graphql(cms.baseUrl, query)
      expect(JSON.stringify(body)).not.toContain('SECRET')
    }
    // The editor sees the revision.
    const staffView = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { token: staff.editor.token })
    expect(staffView.body).toMatchObject({ title: 'SECRET revision headline', stage: 'in_review' })
  })
})

import { maxLimitFor } from '../../src/query/limits'
import sharp from 'sharp'

import type { Role } from '../../src/access/roles'
import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { createArticle, sampleBody } from '../helpers/content'
import { EDITION_CODES } from '../../src/editions/locales'
import { api, graphql } from '../helpers/http'
import { createStaff } from '../helpers/staff'

/**
 * The authorization matrix: every collection x operation x role, over REST and GraphQL, against
 * the expected outcome written once in MATRIX below. Outcomes:
 *   yes    allowed on any document
 *   no     refused (REST 401/403/404, a GraphQL error), and nothing changes
 *   own    allowed on the writer's own documents (an article that credits them, comments on such
 *          an article, their own account), refused on a colleague's
 *   public only what the public may see (published articles, approved comments): the rest
 *          answers 404 and is missing from lists
 * The collections' cells run in each edition (docs/editions.md): the documents are made, and
 * every request is sent, in that edition.
 */
type Actor = 'anonymous' | Role
type Outcome = 'no' | 'own' | 'public' | 'yes'
type Operation = 'create' | 'delete' | 'read' | 'update' | 'versions'
const ACTORS: Actor[] = ['anonymous', 'contributor', 'author', 'editor', 'admin']

// prettier-ignore
const MATRIX: Record<string, Partial<Record<Operation, [Outcome, Outcome, Outcome, Outcome, Outcome]>>> = {
  //                            anonymous contributor author  editor  admin
  articles: {
    create:                    ['no',     'yes',      'yes',   'yes',  'yes'],
    read:                      ['public', 'yes',      'yes',   'yes',  'yes'],
    update:                    ['no',     'own',      'own',   'yes',  'yes'],
    delete:                    ['no',     'no',       'no',    'yes',  'yes'],
    versions:                  ['no',     'yes',      'yes',   'yes',  'yes'],
  },
  authors: {
    create:                    ['no',     'no',       'no',    'yes',  'yes'],
    read:                      ['yes',    'yes',      'yes',   'yes',  'yes'],
    update:                    ['no',     'no',       'no',    'yes',  'yes'],
    delete:                    ['no',     'no',       'no',    'yes',  'yes'],
  },
  tags: {
    create:                    ['no',     'no',       'yes',   'yes',  'yes'],
    read:                      ['yes',    'yes',      'yes',   'yes',  'yes'],
    update:                    ['no',     'no',       'no',    'yes',  'yes'],
    delete:                    ['no',     'no',       'no',    'yes',  'yes'],
  },
  media: {
    create:                    ['no',     'yes',      'yes',   'yes',  'yes'],
    read:                      ['yes',    'yes',      'yes',   'yes',  'yes'],
    update:                    ['no',     'yes',      'yes',   'yes',  'yes'],
    delete:                    ['no',     'no',       'no',    'yes',  'yes'],
  },
  comments: {
    create:                    ['yes',    'yes',      'yes',   'yes',  'yes'],
    read:                      ['public', 'yes',      'yes',   'yes',  'yes'],
    update:                    ['no',     'own',      'own',   'yes',  'yes'],
    delete:                    ['no',     'no',       'no',    'yes',  'yes'],
  },
  users: {
    create:                    ['no',     'no',       'no',    'no',   'yes'],
    read:                      ['no',     'yes',      'yes',   'yes',  'yes'],
    update:                    ['no',     'own',      'own',   'own',  'yes'],
    delete:                    ['no',     'no',       'no',    'no',   'yes'],
  },
  'article-history': {
    create:                    ['no',     'no',       'no',    'no',   'no'],
    read:                      ['no',     'yes',      'yes',   'yes',  'yes'],
    update:                    ['no',     'no',       'no',    'no',   'no'],
    delete:                    ['no',     'no',       'no',    'no',   'no'],
  },
  webhooks: {
    create:                    ['no',     'no',       'no',    'no',   'yes'],
    read:                      ['no',     'no',       'no',    'no',   'yes'],
    update:                    ['no',     'no',       'no',    'no',   'yes'],
    delete:                    ['no',     'no',       'no',    'no',   'yes'],
  },
  'webhook-deliveries': {
    create:                    ['no',     'no',       'no',    'no',   'no'],
    read:                      ['no',     'no',       'no',    'no',   'yes'],
    update:                    ['no',     'no',       'no',    'no',   'no'],
    delete:                    ['no',     'no',       'no',    'no',   'yes'],
  },
  'cache-purges': {
    create:                    ['no',     'no',       'no',    'no',   'no'],
    read:                      ['no',     'no',       'no',    'no',   'no'],
    update:                    ['no',     'no',       'no',    'no',   'no'],
    delete:                    ['no',     'no',       'no',    'no',   'no'],
  },
  'payload-jobs': {
    create:                    ['no',     'no',       'no',    'no',   'no'],
    read:                      ['no',     'no',       'no',    'no',   'no'],
    update:                    ['no',     'no',       'no',    'no',   'no'],
    delete:                    ['no',     'no',       'no',    'no',   'no'],
  },
  'site-settings': { // a global: read and update only
    read:                      ['yes',    'yes',      'yes',   'yes',  'yes'],
    update:                    ['no',     'no',       'no',    'yes',  'yes'],
  },
}

/** GraphQL names (Payload derives them from the slug); null where a collection has no GraphQL. */
const GRAPHQL: Record<string, { one: string; many: string } | null> = {
  articles: { one: 'Article', many: 'Articles' },
  authors: { one: 'Author', many: 'Authors' },
  tags: { one: 'Tag', many: 'Tags' },
  media: { one: 'Media', many: 'allMedia' },
  comments: { one: 'Comment', many: 'Comments' },
  users: { one: 'User', many: 'Users' },
  'article-history': { one: 'ArticleHistory', many: 'ArticleHistories' },
  webhooks: { one: 'Webhook', many: 'Webhooks' },
  'webhook-deliveries': { one: 'WebhookDelivery', many: 'WebhookDeliveries' },
  'cache-purges': null,
  'payload-jobs': { one: 'PayloadJob', many: 'PayloadJobs' },
  'site-settings': { one: 'SiteSetting', many: 'SiteSetting' },
}

let cms: TestCms
const staff = {} as Record<Role, StaffMember>
let colleague: StaffMember // an author whose work nobody else in the matrix is credited on
let publicArticle: number
let fixtureWebhook: number | string
let counter = 0
/** The edition the cells now running read and write. */
let edition = 'en'
const inEdition = (path: string) => `${path}${path.includes('?') ? '&' : '?'}locale=${edition}`
const gql = (query: string, options: { token?: string; variables?: Record<string, unknown> } = {}) =>
  api(cms.baseUrl, inEdition('/api/graphql'), { method: 'POST', token: options.token, body: { query, variables: options.variables } })
const unique = () => `${Date.now()}-${++counter}`
const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } }).png().toBuffer()

beforeAll(async () => {
  // The matrix submits a comment per role and transport from one address.
  process.env.COMMENTS_PER_ADDRESS = '1000'
  // …and sends every anonymous write once per edition and transport, from that one address too.
  process.env.ANONYMOUS_WRITES_PER_ADDRESS = '1000'
  process.env.COMMENT_MIN_SECONDS = '0'
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1' // no DNS here; the target is never called
  cms = await startCms()
  // The first account becomes the admin, so the admin is made first.
  for (const role of ['admin', 'editor', 'author', 'contributor'] as Role[]) staff[role] = await createStaff(cms.payload, cms.baseUrl, role)
  colleague = await createStaff(cms.payload, cms.baseUrl, 'author', 'A colleague')
  fixtureWebhook = await makeDocument('webhooks')
  publicArticle = (await createArticle(cms.payload, { title: 'Public story', authors: [colleague.authorId!], _status: 'published' })).id as number
  // Live in every edition, so comments on it are open in each.
  for (const code of EDITION_CODES.slice(1)) {
    await cms.payload.update({ collection: 'articles', id: publicArticle, locale: code as 'en', data: { title: `Public story (${code})`, body: sampleBody, _status: 'published' }, draft: false, overrideAccess: true, context: { workflowBypass: true } })
  }
}, 120_000)
afterAll(async () => {
  delete process.env.COMMENTS_PER_ADDRESS
  delete process.env.ANONYMOUS_WRITES_PER_ADDRESS
  delete process.env.COMMENT_MIN_SECONDS
  delete process.env.WEBHOOK_ALLOWED_HOSTS
  await cms?.close()
})

type Visibility = 'hidden' | 'public'

/**
 * A document of `slug` made by trusted server code. `owner` is whose it is (the writer credited on
 * an article or on a comment's article; the account itself for users); `hidden` is what the
 * public may not see (a draft, a pending comment).
 */
async function makeDocument(slug: string, { owner = colleague, visibility = 'hidden' }: { owner?: StaffMember; visibility?: Visibility } = {}): Promise<number | string> {
  const local = cms.payload
  const n = unique()
  switch (slug) {
    case 'articles':
      return (await createArticle(local, { title: `Matrix article ${n}`, authors: [owner.authorId!], ...(visibility === 'public' ? { _status: 'published' as const } : {}) }, edition)).id
    case 'comments': {
      const article = await createArticle(local, { title: `Commented ${n}`, authors: [owner.authorId!], _status: 'published' }, edition)
      const comment = await local.create({
        collection: 'comments',
        data: { article: article.id, authorName: 'Reader', email: 'reader@example.com', body: `Comment ${n}`, status: visibility === 'public' ? 'approved' : 'pending' },
        overrideAccess: true,
      })
      return comment.id
    }
    case 'users':
      if (owner !== colleague) return owner.id
      return (await local.create({ collection: 'users', data: { email: `matrix-${n}@newsroom.test`, password: 'a long enough password', role: 'author' }, overrideAccess: true })).id
    case 'authors':
      return (await local.create({ collection: 'authors', locale: edition as 'en', data: { name: `Byline ${n}`, slug: `byline-${n}` }, overrideAccess: true })).id
    case 'tags':
      return (await local.create({ collection: 'tags', locale: edition as 'en', data: { name: `Tag ${n}` } as never, overrideAccess: true })).id
    case 'media': {
      const data = await png()
      return (await local.create({ collection: 'media', locale: edition as 'en', data: { alt: `Image ${n}` }, file: { data, mimetype: 'image/png', name: `m-${n}.png`, size: data.length }, overrideAccess: true })).id
    }
    case 'article-history':
      return (await local.create({ collection: 'article-history', data: { article: publicArticle, locale: edition, transition: 'submit', from: 'draft', to: 'in_review', note: `Step ${n}` } as never, overrideAccess: true })).id
    case 'webhooks':
      return (await local.create({ collection: 'webhooks', data: { name: `Hook ${n}`, url: 'http://127.0.0.1:9/in', events: ['article.published'] } as never, overrideAccess: true })).id
    case 'webhook-deliveries': {
      const webhook = await makeDocument('webhooks')
      return (await local.create({ collection: 'webhook-deliveries', data: { webhook, eventId: `msg_${n}`, eventType: 'article.published', payload: {} } as never, overrideAccess: true })).id
    }
    case 'cache-purges':
      return (await local.create({ collection: 'cache-purges', data: { keys: [`k-${n}`] }, overrideAccess: true })).id
    case 'payload-jobs':
      return (await local.create({ collection: 'payload-jobs', data: { taskSlug: 'deliverWebhook', input: {}, waitUntil: new Date(Date.now() + 86_400_000).toISOString() } as never, overrideAccess: true })).id
    default:
      throw new Error(`no fixture for ${slug}`)
  }
}

/** Valid data for a new document, so a refusal can only come from access. */
function createData(slug: string): Record<string, unknown> {
  const n = unique()
  switch (slug) {
    case 'articles':
      return { title: `Created ${n}`, body: sampleBody }
    case 'authors':
      return { name: `New byline ${n}`, slug: `new-byline-${n}` }
    case 'tags':
      return { name: `New tag ${n}` }
    case 'comments':
      return { article: publicArticle, authorName: 'Reader', email: 'reader@example.com', body: `A new comment ${n}` }
    case 'users':
      return { email: `new-${n}@newsroom.test`, password: 'a long enough password', name: 'New', role: 'contributor' }
    case 'article-history':
      return { article: publicArticle, locale: edition, transition: 'submit', from: 'draft', to: 'in_review', note: 'forged' }
    case 'webhooks':
      return { name: `New hook ${n}`, url: 'http://127.0.0.1:9/in', events: ['article.published'] }
    case 'webhook-deliveries':
      return { webhook: fixtureWebhook, eventId: `msg_${n}`, eventType: 'article.published', payload: {}, status: 'pending' }
    case 'cache-purges':
      return { keys: ['forged'] }
    case 'payload-jobs':
      return { taskSlug: 'deliverWebhook', input: {} }
    default:
      throw new Error(`no create data for ${slug}`)
  }
}

/** A change to one field, and how to read that field back. */
const UPDATES: Record<string, { field: string; value: unknown }> = {
  articles: { field: 'title', value: 'Changed by the matrix' },
  authors: { field: 'bio', value: 'Changed by the matrix' },
  tags: { field: 'description', value: 'Changed by the matrix' },
  media: { field: 'alt', value: 'Changed by the matrix' },
  comments: { field: 'status', value: 'spam' },
  users: { field: 'name', value: 'Changed by the matrix' },
  'article-history': { field: 'note', value: 'Changed by the matrix' },
  webhooks: { field: 'name', value: 'Changed by the matrix' },
  'webhook-deliveries': { field: 'error', value: 'Changed by the matrix' },
  'cache-purges': { field: 'keys', value: ['changed'] },
  'payload-jobs': { field: 'processing', value: true },
  'site-settings': { field: 'commentsOpen', value: true },
}

type Transport = 'graphql' | 'rest'
type Attempt = { allowed: boolean; detail: string }
const tokenOf = (actor: Actor) => (actor === 'anonymous' ? undefined : staff[actor].token)
const draftQuery = (slug: string) => (slug === 'articles' ? '?draft=true' : '')

/** REST: 2xx is allowed; 401/403/404 is refused; anything else fails the test. */
function restAttempt(response: { status: number; body: unknown }, allowedStatus: number[]): Attempt {
  const detail = `${response.status} ${JSON.stringify(response.body).slice(0, 200)}`
  if (allowedStatus.includes(response.status)) return { allowed: true, detail }
  if ([401, 403, 404].includes(response.status)) return { allowed: false, detail }
  throw new Error(`expected an answer or a refusal, got ${detail}`)
}

/** GraphQL: data without errors is allowed; a refusal or not-found error (or null) is refused. */
function graphqlAttempt(response: { body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> } }, field: string): Attempt {
  const { data, errors } = response.body
  const detail = JSON.stringify(response.body).slice(0, 300)
  if (!errors?.length && data?.[field] != null) return { allowed: true, detail }
  if (errors?.every((error) => /not allowed|forbidden|unauthorized|not found/i.test(error.message)) || (!errors?.length && data?.[field] == null)) {
    return { allowed: false, detail }
  }
  throw new Error(`expected an answer or a refusal, got ${detail}`)
}

async function attemptCreate(slug: string, actor: Actor, transport: Transport): Promise<Attempt> {
  const token = tokenOf(actor)
  if (transport === 'rest') {
    if (slug === 'media') {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), `upload-${unique()}.png`)
      form.append('_payload', JSON.stringify({ alt: 'Uploaded by the matrix' }))
      const response = await fetch(`${cms.baseUrl}${inEdition('/api/media')}`, { method: 'POST', body: form, headers: token ? { authorization: `JWT ${token}` } : {} })
      return restAttempt({ status: response.status, body: await response.json() }, [201])
    }
    return restAttempt(await api(cms.baseUrl, inEdition(`/api/${slug}${draftQuery(slug)}`), { method: 'POST', token, body: createData(slug) }), [201])
  }
  const { one } = GRAPHQL[slug]!
  const draft = slug === 'articles' ? ', draft: true' : ''
  const data = createData(slug)
  // GraphQL enums cannot hold dots: webhook event names become article_published.
  if (slug === 'webhooks') data.events = (data.events as string[]).map((event) => event.replace('.', '_'))
  if (slug === 'webhook-deliveries') data.eventType = (data.eventType as string).replace('.', '_')
  return graphqlAttempt(await gql(`mutation ($data: mutation${one}Input!) { create${one}(data: $data${draft}) { id } }`, { token, variables: { data } }), `create${one}`)
}

async function attemptRead(slug: string, actor: Actor, transport: Transport, id: number | string): Promise<{ one: Attempt; listed: boolean | undefined }> {
  const token = tokenOf(actor)
  if (transport === 'rest') {
    const one = restAttempt(await api(cms.baseUrl, inEdition(`/api/${slug}/${id}${draftQuery(slug)}`), { token }), [200])
    const list = await api(cms.baseUrl, inEdition(`/api/${slug}?limit=${maxLimitFor(Boolean(token))}&depth=0${slug === 'articles' ? '&draft=true' : ''}`), { token })
    const listed = list.status === 200 ? list.body.docs.some((doc: { id: unknown }) => doc.id === id) : undefined
    return { one, listed }
  }
  const { one: single, many } = GRAPHQL[slug]!
  const draft = slug === 'articles' ? ', draft: true' : ''
  const one = graphqlAttempt(await gql(`{ ${single}(id: ${JSON.stringify(id)}${draft}) { id } }`, { token }), single)
  const list = await gql(`{ ${many}(limit: ${maxLimitFor(Boolean(token))}${draft}) { docs { id } } }`, { token })
  const docs = (list.body.data?.[many] as { docs: Array<{ id: unknown }> } | null)?.docs
  return { one, listed: docs ? docs.some((doc) => doc.id === id) : undefined }
}

async function attemptUpdate(slug: string, actor: Actor, transport: Transport, id: number | string): Promise<Attempt> {
  const token = tokenOf(actor)
  const { field, value } = UPDATES[slug]!
  if (transport === 'rest') return restAttempt(await api(cms.baseUrl, inEdition(`/api/${slug}/${id}${draftQuery(slug)}`), { method: 'PATCH', token, body: { [field]: value } }), [200])
  const { one } = GRAPHQL[slug]!
  const draft = slug === 'articles' ? ', draft: true' : ''
  return graphqlAttempt(
    await gql(`mutation ($data: mutation${one}UpdateInput!) { update${one}(id: ${JSON.stringify(id)}, data: $data${draft}) { id } }`, {
      token,
      variables: { data: { [field]: value } },
    }),
    `update${one}`,
  )
}

async function attemptDelete(slug: string, actor: Actor, transport: Transport, id: number | string): Promise<Attempt> {
  const token = tokenOf(actor)
  if (transport === 'rest') return restAttempt(await api(cms.baseUrl, inEdition(`/api/${slug}/${id}`), { method: 'DELETE', token }), [200])
  const { one } = GRAPHQL[slug]!
  return graphqlAttempt(await gql(`mutation { delete${one}(id: ${JSON.stringify(id)}) { id } }`, { token }), `delete${one}`)
}

const storedValue = async (slug: string, id: number | string, field: string) =>
  ((await cms.payload.findByID({ collection: slug as 'tags', id, locale: edition as 'en', draft: true, overrideAccess: true, depth: 0 })) as unknown as Record<string, unknown>)[field]
const exists = async (slug: string, id: number | string) =>
  (await cms.payload.find({ collection: slug as 'tags', where: { id: { equals: id } }, overrideAccess: true, draft: true, depth: 0 })).totalDocs === 1

/** Whose documents a role's "own" covers: writers through their bylines, everyone their account. */
const ownerFor = (actor: Actor) => (actor === 'anonymous' ? undefined : staff[actor])

const cells = Object.entries(MATRIX).flatMap(([slug, operations]) =>
  Object.entries(operations).flatMap(([operation, outcomes]) =>
    (['rest', 'graphql'] as Transport[])
      .filter((transport) => transport === 'rest' || GRAPHQL[slug] !== null)
      // Payload's GraphQL takes no file uploads: media are created over REST only.
      .filter((transport) => !(slug === 'media' && operation === 'create' && transport === 'graphql'))
      .flatMap((transport) => outcomes!.map((outcome, i) => ({ slug, operation: operation as Operation, transport, actor: ACTORS[i]!, outcome }))),
  ),
)

const isGlobal = (slug: string) => slug === 'site-settings'

describe.each(EDITION_CODES.flatMap((code) => (['rest', 'graphql'] as Transport[]).map((transport) => [code, transport] as const)))('%s edition, %s', (code, transport) => {
  beforeAll(() => {
    edition = code
  })
  afterAll(() => {
    edition = 'en'
  })
  test.each(cells.filter((cell) => cell.transport === transport && !isGlobal(cell.slug)).map((cell) => [`${cell.slug} ${cell.operation} by ${cell.actor}: ${cell.outcome}`, cell] as const))(
    '%s',
    async (_name, { slug, operation, actor, outcome }) => {
      switch (operation) {
        case 'create': {
          const attempt = await attemptCreate(slug, actor, transport)
          expect({ allowed: attempt.allowed, detail: attempt.detail }).toEqual({ allowed: outcome === 'yes', detail: expect.any(String) })
          break
        }
        case 'read': {
          const hidden = await makeDocument(slug, { visibility: 'hidden' })
          const read = await attemptRead(slug, actor, transport, hidden)
          if (outcome === 'yes') {
            expect(read.one).toEqual({ allowed: true, detail: expect.any(String) })
            expect(read.listed).toBe(true)
          } else if (outcome === 'public') {
            expect(read.one.allowed).toBe(false)
            expect(read.listed).toBe(false)
            const visible = await makeDocument(slug, { visibility: 'public' })
            const publicRead = await attemptRead(slug, actor, transport, visible)
            expect(publicRead.one.allowed).toBe(true)
            expect(publicRead.listed).toBe(true)
          } else {
            expect(read.one.allowed).toBe(false)
            expect(read.listed).not.toBe(true)
          }
          break
        }
        case 'update': {
          const { field } = UPDATES[slug]!
          const theirs = await makeDocument(slug)
          const before = await storedValue(slug, theirs, field)
          const onTheirs = await attemptUpdate(slug, actor, transport, theirs)
          expect(onTheirs.allowed).toBe(outcome === 'yes')
          if (!onTheirs.allowed) expect(await storedValue(slug, theirs, field)).toEqual(before)
          if (outcome === 'own') {
            const mine = await makeDocument(slug, { owner: ownerFor(actor) })
            const onMine = await attemptUpdate(slug, actor, transport, mine)
            expect(onMine).toEqual({ allowed: true, detail: expect.any(String) })
            expect(await storedValue(slug, mine, field)).toEqual(UPDATES[slug]!.value)
          }
          break
        }
        case 'delete': {
          const target = await makeDocument(slug)
          const attempt = await attemptDelete(slug, actor, transport, target)
          expect(attempt.allowed).toBe(outcome === 'yes')
          expect(await exists(slug, target)).toBe(outcome !== 'yes')
          break
        }
        case 'versions': {
          await makeDocument(slug)
          const token = tokenOf(actor)
          const allowed =
            transport === 'rest'
              ? restAttempt(await api(cms.baseUrl, inEdition(`/api/${slug}/versions?limit=1`), { token }), [200]).allowed
              : graphqlAttempt(await gql(`{ versions${GRAPHQL[slug]!.many}(limit: 1) { totalDocs } }`, { token }), `versions${GRAPHQL[slug]!.many}`).allowed
          expect(allowed).toBe(outcome === 'yes')
          break
        }
      }
    },
  )
})

describe('globals', () => {
  test.each(cells.filter((cell) => isGlobal(cell.slug)).map((cell) => [`${cell.slug} ${cell.operation} by ${cell.actor} over ${cell.transport}: ${cell.outcome}`, cell] as const))(
    '%s',
    async (_name, { slug, operation, actor, transport, outcome }) => {
      const token = tokenOf(actor)
      const { field, value } = UPDATES[slug]!
      const { one } = GRAPHQL[slug]!
      let attempt: Attempt
      if (operation === 'read') {
        attempt =
          transport === 'rest'
            ? restAttempt(await api(cms.baseUrl, `/api/globals/${slug}`, { token }), [200])
            : graphqlAttempt(await graphql(cms.baseUrl, `{ ${one} { ${field} } }`, { token }), one)
      } else {
        attempt =
          transport === 'rest'
            ? restAttempt(await api(cms.baseUrl, `/api/globals/${slug}`, { method: 'POST', token, body: { [field]: value } }), [200])
            : graphqlAttempt(await graphql(cms.baseUrl, `mutation { update${one}(data: { ${field}: ${JSON.stringify(value)} }) { ${field} } }`, { token }), `update${one}`)
      }
      expect(attempt.allowed).toBe(outcome === 'yes')
    },
  )
})

describe('the jobs queue', () => {
  test.each(ACTORS.map((actor) => [actor, actor === 'admin'] as const))('running jobs over HTTP as %s: allowed %s', async (actor, allowed) => {
    const response = await api(cms.baseUrl, '/api/payload-jobs/run?limit=1', { token: tokenOf(actor) })
    expect(response.status === 200).toBe(allowed)
    if (!allowed) expect([401, 403]).toContain(response.status)
  })
})

/**
 * Mass assignment: fields a role may not set, sent anyway. Each is refused (4xx) or dropped (2xx),
 * never 5xx, and the stored value stays as it was.
 */
describe('mass assignment', () => {
  const send = async (transport: Transport, actor: Actor, slug: 'articles' | 'users', id: number | string, data: Record<string, unknown>) => {
    if (transport === 'rest') return (await api(cms.baseUrl, `/api/${slug}/${id}${draftQuery(slug)}`, { method: 'PATCH', token: tokenOf(actor), body: data })).status
    const one = GRAPHQL[slug]!.one
    const draft = slug === 'articles' ? ', draft: true' : ''
    const { status, body } = await graphql(cms.baseUrl, `mutation ($data: mutation${one}UpdateInput!) { update${one}(id: ${JSON.stringify(id)}, data: $data${draft}) { id } }`, { token: tokenOf(actor), variables: { data } })
    return body.errors?.length ? Math.max(status, 400) : status
  }
  const stored = (slug: 'articles' | 'users', id: number | string) =>
    cms.payload.findByID({ collection: slug, id, draft: true, overrideAccess: true, depth: 0, showHiddenFields: true }) as Promise<Record<string, any>>

  // prettier-ignore
  const CASES: Array<[string, Actor, 'articles' | 'users', (actor: Actor) => Record<string, unknown>, Array<'graphql' | 'rest'>]> = [
    // what is sent                         by             to its own       fields                                                   over
    ['a role, promoting oneself',           'contributor', 'users',    () => ({ role: 'admin' }),                                    ['rest', 'graphql']],
    ['a role, promoting oneself',           'editor',      'users',    () => ({ role: 'admin' }),                                    ['rest', 'graphql']],
    ['the password hash and salt',          'author',      'users',    () => ({ hash: 'forged', salt: 'forged' }),                   ['rest']],
    ['lockout counters',                    'author',      'users',    () => ({ loginAttempts: 0, lockUntil: null }),                ['rest']],
    ['_status published',                   'author',      'articles', () => ({ _status: 'published' }),                             ['rest', 'graphql']],
    ['the stage, skipping review',          'contributor', 'articles', () => ({ stage: 'published' }),                               ['rest', 'graphql']],
    ['credits without oneself',             'author',      'articles', () => ({ authors: [colleague.authorId] }),                    ['rest', 'graphql']],
    ['an assignee and due date',            'contributor', 'articles', () => ({ assignee: staff.admin.id, dueDate: '2030-01-01T00:00:00.000Z' }), ['rest']],
  ]

  test.each(CASES.flatMap(([what, actor, slug, fields, transports]) => transports.map((transport) => [`${actor} sends ${what} to their own ${slug === 'users' ? 'account' : 'article'} over ${transport}`, actor, slug, fields, transport] as const)))(
    '%s',
    async (_name, actor, slug, fields, transport) => {
      const member = staff[actor as Role]
      const id = slug === 'users' ? member.id : await makeDocument('articles', { owner: member })
      if (slug === 'users') await cms.payload.update({ collection: 'users', id, data: { loginAttempts: 3 } as never, overrideAccess: true })
      const before = await stored(slug, id)
      const status = await send(transport, actor, slug, id, fields(actor))
      expect(status).toBeLessThan(500)
      const after = await stored(slug, id)
      for (const field of Object.keys(fields(actor))) {
        if (field === 'authors') expect(after.authors).toContain(member.authorId)
        else expect({ field, value: after[field] }).toEqual({ field, value: before[field] })
      }
      if (slug === 'articles') expect(after._status).toBe('draft')
      if (slug === 'users') {
        await cms.payload.update({ collection: 'users', id, data: { loginAttempts: 0 } as never, overrideAccess: true })
        const login = await api(cms.baseUrl, '/api/users/login', { method: 'POST', body: { email: member.email, password: 'correct horse battery staple' } })
        expect(login.status).toBe(200) // the password still works: hash and salt were not replaced
        member.token = login.body.token
      }
    },
  )

  test('a reader cannot approve their own comment', async () => {
    const response = await api(cms.baseUrl, '/api/comments', {
      method: 'POST',
      body: { article: publicArticle, authorName: 'Reader', email: 'reader@example.com', body: `Approve me ${unique()}`, status: 'approved' },
    })
    expect(response.status).toBeLessThan(500)
    if (response.status === 201) expect((await cms.payload.findByID({ collection: 'comments', id: response.body.doc.id, overrideAccess: true })).status).toBe('pending')
  })
})

/** Hidden fields cannot be used by the public as an oracle: not in where clauses, not in sorting. */
describe('probing hidden fields', () => {
  // prettier-ignore
  const HIDDEN: Array<[string, string]> = [
    ['articles', 'stage'], ['articles', 'workflowNote'], ['articles', 'assignee'], ['articles', 'dueDate'],
    ['authors', 'user'], ['comments', 'email'], ['comments', 'senderFingerprint'], ['comments', 'bodyFingerprint'], ['users', 'email'],
  ]
  test.each(HIDDEN)('%s.%s cannot be filtered or sorted on anonymously', async (slug, field) => {
    const filtered = await api(cms.baseUrl, `/api/${slug}?where[${field}][exists]=true`)
    expect([400, 403]).toContain(filtered.status)
    const sorted = await api(cms.baseUrl, `/api/${slug}?sort=${field}`)
    expect([400, 403]).toContain(sorted.status)
  })
})

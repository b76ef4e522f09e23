import type { FlattenedField, SanitizedCollectionConfig } from 'payload'

import fc from 'fast-check'
import { request as httpRequest } from 'node:http'

import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { onErrorLogged } from '../../src/logger'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { createDesk } from '../helpers/staff'

/**
 * The adversarial suite: requests generated from the live route table (every collection,
 * Payload's internal ones included, their versions, custom and auth endpoints, globals) and from
 * the GraphQL schema (every query and mutation), sent as the public and as every role, with
 * grammar-generated `where`/`sort`/`select`/`populate`/`joins` values that walk relationships
 * several hops deep into hidden fields, malformed encodings, huge numbers, deep JSON, fragment
 * cycles, batches, method overrides and cookie spellings. After every request:
 * - the process answers /healthz;
 * - nothing answered 5xx;
 * - no planted marker (draft text, a review note, a reader's email, a webhook secret) reached
 *   anyone who may not read it, and none ever appears in a `public` (cacheable) answer;
 * - no answer names a password hash, salt or reset token.
 * Stored data the role may not change is compared before and after its turn, and the server's
 * log must hold no error-level entry at the end. The test prints how many requests and classes
 * it sent. FUZZ_SEED explores other inputs; the fixed seed keeps CI reproducible.
 */
let cms: TestCms
const staff: Record<string, StaffMember> = {}
const MARK = { draft: 'MARKDRAFT9q1', note: 'MARKNOTE4z8', email: 'markmail7k2@reader.test', secret: 'whsec_MARKSECRET5v3' }
const errorLog: string[] = []
let stopListening: () => void
const sent = new Map<string, number>()
const seed = Number(process.env.FUZZ_SEED ?? 20261201)

type Actor = 'anonymous' | 'contributor' | 'author' | 'editor' | 'admin'
const ACTORS: Actor[] = ['anonymous', 'contributor', 'author', 'editor', 'admin']
/** Markers each actor must never see: staff read drafts, notes and readers' emails (comments' email field is staff-only); nobody reads a webhook secret. */
const FORBIDDEN: Record<Actor, string[]> = {
  anonymous: [MARK.draft, MARK.note, MARK.email, MARK.secret],
  contributor: [MARK.secret],
  author: [MARK.secret],
  editor: [MARK.secret],
  admin: [MARK.secret],
}

type Sent = { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string }

/** One raw HTTP request (node:http, so any method, path and header spelling goes out as written). */
function send({ method, path, headers = {}, body }: Sent): Promise<Answer> {
  const url = new URL(cms.baseUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path} timed out`)))
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

const authHeaders = (actor: Actor, spelling = 0): Record<string, string> => {
  if (actor === 'anonymous') return {}
  const token = staff[actor]!.token
  const spellings: Array<Record<string, string>> = [{ authorization: `JWT ${token}` }, { authorization: `Bearer ${token}` }, { cookie: `payload-token=${token}` }, { cookie: `payload-token =${token}` }, { cookie: ` a=1; payload-token=${token} ` }]
  return spellings[spelling % spellings.length]!
}

/** Sends one request and checks everything that must hold after any request. */
async function probe(actor: Actor, kind: string, request: Sent): Promise<Answer> {
  sent.set(kind, (sent.get(kind) ?? 0) + 1)
  const answer = await send(request)
  const what = `${actor} ${kind}: ${request.method} ${request.path.slice(0, 200)} ${typeof request.body === 'string' ? request.body.slice(0, 200) : ''}`
  if (answer.status >= 500) throw new Error(`${what} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
  for (const marker of FORBIDDEN[actor]) if (answer.text.includes(marker)) throw new Error(`${what} leaked ${marker}`)
  if (/\bpublic\b/.test(String(answer.headers['cache-control'] ?? ''))) {
    for (const marker of Object.values(MARK)) if (answer.text.includes(marker)) throw new Error(`${what} put ${marker} in a public answer`)
  }
  // A value under these names (Payload's permission map names the fields, which is no secret).
  if (/"(hash|salt|resetPasswordToken)"\s*:\s*"/.test(answer.text)) throw new Error(`${what} answered a password field: ${answer.text.slice(0, 300)}`)
  const health = await send({ method: 'GET', path: '/healthz' })
  if (health.status !== 200) throw new Error(`after ${what} the server no longer answers /healthz`)
  return answer
}

/** What a role may not change, as a digest of the stored rows (Local API, no access rules). */
async function protectedState(actor: Actor): Promise<string> {
  // Admins may change everything; editors all but webhooks; writers no bylines, pages or redirects either.
  const slugs = {
    anonymous: ['articles', 'pages', 'redirects', 'authors', 'tags', 'media', 'users', 'webhooks', 'article-history', 'payload-locked-documents'],
    contributor: ['authors', 'pages', 'redirects', 'webhooks', 'webhook-deliveries'],
    author: ['authors', 'pages', 'redirects', 'webhooks', 'webhook-deliveries'],
    editor: ['webhooks', 'webhook-deliveries'],
    admin: [],
  }[actor]
  if (actor === 'admin') return ''
  const parts: unknown[] = []
  for (const collection of slugs) {
    const { docs } = await cms.payload.find({ collection: collection as 'articles', limit: 1000, depth: 0, overrideAccess: true, pagination: false, sort: 'id' })
    parts.push(collection, docs.map((doc) => [doc.id, (doc as { updatedAt?: string }).updatedAt]))
  }
  if (actor !== 'editor') {
    const settings = await cms.payload.findGlobal({ slug: 'site-settings', overrideAccess: true, depth: 0 })
    parts.push((settings as { updatedAt?: string }).updatedAt)
  }
  return JSON.stringify(parts)
}

// ---------- the route table ----------

const idOf = new Map<string, string>()
/** Every REST route Payload serves, from the sanitised config: collections (internal ones too), versions, endpoints, globals. */
function routeTable(): string[] {
  const { collections, globals, endpoints } = cms.payload.config
  const routes = new Set<string>()
  const param = (slug: string) => (path: string) => path.replace(/:[a-zA-Z]+/g, idOf.get(slug) ?? '1')
  for (const collection of collections) {
    const base = `/api/${collection.slug}`
    const id = idOf.get(collection.slug) ?? '1'
    for (const path of [base, `${base}/${id}`, `${base}/count`, `${base}/access`, `${base}/99999999999999999999`, `${base}/%ff`, `${base}/${id}/%2e%2e`]) routes.add(path)
    if (collection.versions) for (const path of [`${base}/versions`, `${base}/versions/1`]) routes.add(path)
    for (const endpoint of collection.endpoints || []) routes.add(`${base}${param(collection.slug)(endpoint.path)}`)
  }
  for (const global of globals) {
    routes.add(`/api/globals/${global.slug}`)
    if (global.versions) routes.add(`/api/globals/${global.slug}/versions`)
  }
  for (const endpoint of endpoints || []) routes.add(`/api${param('')(endpoint.path)}`)
  for (const extra of ['/api', '/api/', '/api//users//login', '/api/%ff', '/api/graphql', '/read/%ff', '/read/x?preview=true']) routes.add(extra)
  // Old paths: the redirect resolver and this server's own answers to them, with hostile spellings.
  for (const path of ['/old/draft-story', '/old/draft-story/', '/%2e%2e/old', '//old/draft-story', `/${'a/'.repeat(600)}`, '/%ff%fe', '/?p=1']) {
    routes.add(`/api/redirects/resolve?path=${encodeURIComponent(path)}`)
    routes.add(path)
  }
  for (const query of ['', '?path=', '?path=%ff', '?path[]=a&path[]=b', '?path[x]=1', `?path=${'%25'.repeat(3000)}`]) routes.add(`/api/redirects/resolve${query}`)
  return [...routes]
}

const BODIES: Array<[string, string]> = [
  ['empty object', '{}'],
  ['null', 'null'],
  ['array', '[1,2]'],
  ['broken JSON', '{"title": '],
  ['deep JSON', `{"title": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
  ['privileged fields', JSON.stringify({ _status: 'published', stage: 'published', role: 'admin', hash: 'x', salt: 'y', createdAt: '2099-01-01', publishedAt: '2099-01-01', user: { relationTo: 'users', value: 1 }, updatedAt: '2099-01-01', secret: 'mine', email: 'a@b.c', password: 'a long enough password', status: 'approved' })],
  ['huge numbers', JSON.stringify({ id: 1e308, limit: 99999999999999999999, page: -1, article: 99999999999999999999 })],
  ['wrong types', JSON.stringify({ title: { $gt: '' }, name: ['x'], website: 42, body: 'not rich text', authors: 'x', tags: [{}] })],
]

// ---------- the query grammar ----------

/** Field paths from a collection, walking relationships up to `hops` deep, hidden fields included. */
function queryPaths(collection: SanitizedCollectionConfig, hops = 3, prefix = '', seen = 0): string[] {
  const paths: string[] = []
  for (const field of collection.flattenedFields as FlattenedField[]) {
    const path = `${prefix}${field.name}`
    paths.push(path)
    if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string' && seen < hops) {
      const related = cms.payload.collections[field.relationTo as 'users']?.config
      if (related) paths.push(...queryPaths(related, hops, `${path}.`, seen + 1))
    }
    if (field.type === 'group' && 'flattenedFields' in field) for (const inner of field.flattenedFields) paths.push(`${path}.${inner.name}`)
  }
  return paths
}

const OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'all', 'exists', 'like', 'not_like', 'contains', 'greater_than', 'less_than_equal', 'near', 'within', 'intersects', 'bogus']
const VALUES = ['x', '', 'true', '1', '-1', '99999999999999999999', '1e308', 'NaN', '%ff', '%00', 'null', '2026-13-45', 'a,b,c', 'x'.repeat(600), 'a b c d e f g h i j', '__proto__', '{"$gt":""}']

function whereParams(paths: string[]): fc.Arbitrary<string> {
  const leaf = fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...OPERATORS), fc.constantFrom(...VALUES)).map(([path, operator, value]) => ({ path, operator, value }))
  const sub = fc.constantFrom('', '[a]', '[]', '[0]')
  return fc.oneof(
    fc.array(fc.tuple(leaf, sub), { minLength: 1, maxLength: 4 }).map((leaves) => leaves.map(([{ path, operator, value }, extra], i) => `where[or][${i}][${path}][${operator}]${extra}=${encodeURIComponent(value)}`).join('&')),
    fc.tuple(leaf, sub).map(([{ path, operator, value }, extra]) => `where[${path}][${operator}]${extra}=${encodeURIComponent(value)}`),
    fc.tuple(leaf, fc.integer({ min: 1, max: 8 })).map(([{ path, operator, value }, depth]) => `where${'[and][0]'.repeat(depth)}[${path}][${operator}]=${encodeURIComponent(value)}`),
    fc.integer({ min: 25, max: 60 }).map((count) => Array.from({ length: count }, (_, i) => `where[or][${i}][${paths[i % paths.length]}][like]=w${i}`).join('&')),
    fc.constantFrom(...paths).map((path) => `sort=${encodeURIComponent(`-${path}`)}`),
    fc.constantFrom(...paths).map((path) => `sort=${encodeURIComponent(path)},title,-id,name`),
    fc.constantFrom(...paths).map((path) => `select[${path}]=true`),
    fc.constantFrom(...paths).map((path) => `populate[users][${path.split('.').pop()}]=true&depth=2`),
    fc.constantFrom(...paths).map((path) => `joins[history][where][${path}][equals]=x&joins[history][limit]=99999999999`),
    fc.constantFrom('limit=0', 'limit=-1', 'limit=99999999999999999999', 'page=99999999999999999999', 'depth=99', 'pagination=false', 'limit=1e3', 'draft=true', 'locale=xx', 'trash=true', 'where=x', 'where[]=x', 'sort[]=x', 'select=x', 'limit[]=1'),
  )
}

// ---------- setup ----------

beforeAll(async () => {
  Object.assign(process.env, {
    TRUST_PROXY: '1',
    // Every generated request must reach Payload, not stop at a per-address limit.
    ANONYMOUS_WRITES_PER_ADDRESS: '1000000',
    LOGIN_ATTEMPTS_PER_ADDRESS: '1000000',
    GRAPHQL_QUERIES_PER_CLIENT: '1000000',
    EXPENSIVE_READS_PER_CLIENT: '1000000',
    COMMENTS_PER_ADDRESS: '1000000',
    COMMENTS_PER_ARTICLE: '1000000',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  })
  cms = await startCms()
  Object.assign(staff, await createDesk(cms.payload, cms.baseUrl, ['editor', 'author', 'contributor'], { admin: 'Adversary admin', editor: 'Adversary editor', author: 'Adversary author', contributor: 'Adversary contributor' }))
  for (const role of ['admin', 'editor', 'author', 'contributor'] as const) expect((await cms.payload.findByID({ collection: 'users', id: staff[role]!.id, overrideAccess: true })).role).toBe(role)
  const { payload } = cms
  // Planted content: a draft, a review note, a reader's email on a pending comment, a webhook secret.
  const live = await createArticle(payload, { title: 'A live story', excerpt: 'Public text', authors: [staff.contributor!.authorId!], _status: 'published' })
  const draft = await createArticle(payload, { title: `Draft ${MARK.draft}`, excerpt: MARK.draft, authors: [staff.author!.authorId!] })
  await payload.create({ collection: 'article-history', data: { article: draft.id, transition: 'requestChanges', from: 'in_review', to: 'changes_requested', note: MARK.note, actor: staff.editor!.id } as never, overrideAccess: true })
  const editorsStory = await createArticle(payload, { title: 'An editor story', excerpt: 'Public too', _status: 'published' })
  await payload.create({ collection: 'comments', data: { article: editorsStory.id, authorName: 'Reader', email: MARK.email, body: 'A pending comment.', status: 'pending' } as never, overrideAccess: true })
  const hook = await payload.create({ collection: 'webhooks', data: { name: 'Receiver', url: 'http://127.0.0.1:9/hook', events: ['article.published'] } as never, overrideAccess: true })
  await payload.db.updateOne({ collection: 'webhooks', id: hook.id, data: { secret: MARK.secret } })
  // A draft page, and a redirect to the draft article: neither its text nor its slug may reach readers.
  await payload.create({ collection: 'pages', data: { title: `About ${MARK.draft}`, slug: `about-${MARK.draft.toLowerCase()}`, body: live.body }, draft: true, overrideAccess: true })
  const redirect = await payload.create({ collection: 'redirects', data: { from: '/old/draft-story', to: { type: 'reference', reference: { relationTo: 'articles', value: draft.id } }, type: '301' }, overrideAccess: true })
  idOf.set('redirects', String(redirect.id))
  idOf.set('articles', String(live.id))
  idOf.set('comments', '1')
  idOf.set('webhooks', String(hook.id))
  idOf.set('users', String(staff.contributor!.id))
  stopListening = onErrorLogged((_level, args) => errorLog.push(JSON.stringify(args).slice(0, 500)))
}, 120_000)

afterAll(async () => {
  stopListening?.()
  // How much this run sent, by class (docs/security.md quotes it).
  const total = [...sent.values()].reduce((sum, count) => sum + count, 0)
  console.log(`adversarial suite: ${total} requests in ${sent.size} classes (seed ${seed}):\n${[...sent].map(([kind, count]) => `  ${kind}: ${count}`).join('\n')}`)
  await cms?.close()
  for (const key of ['TRUST_PROXY', 'ANONYMOUS_WRITES_PER_ADDRESS', 'LOGIN_ATTEMPTS_PER_ADDRESS', 'GRAPHQL_QUERIES_PER_CLIENT', 'EXPENSIVE_READS_PER_CLIENT', 'COMMENTS_PER_ADDRESS', 'COMMENTS_PER_ARTICLE', 'WEBHOOK_ALLOWED_HOSTS']) delete process.env[key]
})

// ---------- the suite ----------

describe.each(ACTORS)('as %s', (actor) => {
  let before: string
  beforeAll(async () => {
    before = await protectedState(actor)
  })
  afterAll(async () => {
    // Nothing this role may not change has changed (the public: nothing staff-owned at all).
    expect(await protectedState(actor)).toBe(before)
  })

  test('every route of the route table × every method × hostile bodies', async () => {
    const routes = routeTable()
    expect(routes.length).toBeGreaterThan(40)
    let spelling = 0
    for (const path of routes) {
      for (const method of ['GET', 'HEAD', 'OPTIONS', 'DELETE', 'TRACE', 'PROPFIND']) {
        await probe(actor, `route ${method}`, { method, path, headers: authHeaders(actor, spelling++) })
      }
      for (const method of ['POST', 'PATCH', 'PUT']) {
        // PUT is Payload's PATCH under another name: three bodies are enough for it.
        for (const [name, body] of method === 'PUT' ? BODIES.filter(([name]) => ['empty object', 'privileged fields', 'deep JSON'].includes(name)) : BODIES) {
          await probe(actor, `route ${method} ${name}`, { method, path, headers: { 'content-type': 'application/json', ...authHeaders(actor, spelling++) }, body })
        }
        await probe(actor, `route ${method} multipart`, {
          method,
          path,
          headers: { 'content-type': 'multipart/form-data; boundary=b', ...authHeaders(actor, spelling++) },
          body: '--b\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{bad\r\n--b--\r\n',
        })
      }
      if (path === '/api/media') {
        // Real uploads of what is not an image: text named .png, HTML, an SVG with a script, a truncated PNG.
        for (const [name, type, content] of [
          ['photo.png', 'image/png', 'not really a png'],
          ['page.html', 'text/html', '<script>alert(1)</script>'],
          ['logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
          ['cut.png', 'image/png', '\x89PNG\r\n\x1a\n\0\0'],
        ]) {
          const boundary = 'upload-boundary'
          await probe(actor, 'upload of a non-image', {
            method: 'POST',
            path,
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...authHeaders(actor, spelling++) },
            body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n--${boundary}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{"alt":"x"}\r\n--${boundary}--\r\n`,
          })
        }
      }
      await probe(actor, 'method override', {
        method: 'POST',
        path,
        headers: { 'x-payload-http-method-override': 'GET', 'content-type': 'application/x-www-form-urlencoded', ...authHeaders(actor, spelling++) },
        body: Array.from({ length: 900 }, (_, i) => `where[or][${i}][title][like]=w${i}`).join('&'),
      })
    }
  }, 600_000)

  test('grammar-generated where, sort, select, populate and joins on every collection', async () => {
    const collections = cms.payload.config.collections
    let spelling = 0
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...collections), fc.context(), async (collection, ctx) => {
        const paths = queryPaths(collection)
        const [query] = fc.sample(whereParams(paths), { numRuns: 1, seed: seed + spelling })
        ctx.log(query!)
        const base = `/api/${collection.slug}`
        const path = [base, `${base}/count`, collection.versions ? `${base}/versions` : base][spelling % 3]
        await probe(actor, 'query grammar', { method: 'GET', path: `${path}?${query}`, headers: authHeaders(actor, spelling++) })
      }),
      { numRuns: 120, seed },
    )
  }, 600_000)

  test('GraphQL: every query and mutation of the schema, with generated arguments, fragments and batches', async () => {
    const schema = await send({
      method: 'POST',
      path: '/api/graphql',
      headers: { 'content-type': 'application/json', ...authHeaders('admin') },
      body: JSON.stringify({ query: '{ __schema { queryType { fields { name args { name } } } mutationType { fields { name args { name } } } } }' }),
    })
    const types = JSON.parse(schema.text).data.__schema as { queryType: { fields: Array<{ name: string; args: Array<{ name: string }> }> }; mutationType: { fields: Array<{ name: string; args: Array<{ name: string }> }> } }
    expect(types.queryType.fields.length).toBeGreaterThan(20)
    const gql = (kind: string, body: unknown, spelling = 0) =>
      probe(actor, kind, { method: 'POST', path: '/api/graphql', headers: { 'content-type': 'application/json', ...authHeaders(actor, spelling) }, body: typeof body === 'string' ? body : JSON.stringify(body) })
    let spelling = 0
    const argumentsFor = (args: Array<{ name: string }>) =>
      args
        .map(({ name }) => {
          if (name === 'where') return 'where: { OR: [{ id: { equals: 1 } }, { id: { in: [1, 2] } }] }'
          if (name === 'sort') return 'sort: "authors.user.email"'
          if (name === 'limit') return 'limit: 2147483647'
          if (name === 'page') return 'page: -1'
          if (name === 'id') return 'id: 99999999999'
          if (name === 'draft') return 'draft: true'
          if (name === 'email') return `email: "${MARK.email}"`
          if (name === 'password') return 'password: "wrong password"'
          if (name === 'token') return 'token: "abc"'
          if (name === 'data') return 'data: {}'
          return undefined
        })
        .filter(Boolean)
        .join(', ')
    for (const field of types.queryType.fields) {
      const args = argumentsFor(field.args)
      await gql('graphql query field', { query: `{ f: ${field.name}${args ? `(${args})` : ''} { __typename } }` }, spelling++)
    }
    for (const field of types.mutationType.fields) {
      const args = argumentsFor(field.args)
      await gql('graphql mutation field', { query: `mutation { f: ${field.name}${args ? `(${args})` : ''} { __typename } }` }, spelling++)
    }
    for (const [kind, body] of [
      ['graphql fragment cycle', { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }],
      ['graphql self-spread', { query: 'query { Articles { docs { ...F } } } fragment F on Article { title ...F }' }],
      ['graphql batch', [{ query: '{ Articles { totalDocs } }' }, { query: 'mutation { createTag(data: { name: "x" }) { id } }' }]],
      ['graphql broken JSON', '{"query": '],
      ['graphql non-object', '42'],
      ['graphql huge document', { query: `{ ${'Tags { totalDocs } '.repeat(3000)} }` }],
      ['graphql deep selection', { query: `{ Comments { docs { ${'parent { '.repeat(30)}id${' }'.repeat(30)} } } }` }],
      ['graphql 1000 where clauses', { query: `{ Articles(where: { OR: [${Array.from({ length: 1000 }, (_, i) => `{ excerpt: { like: "w${i}" } }`).join(', ')}] }) { docs { id } } }` }],
      ['graphql hidden where paths', { query: '{ Comments(where: { article__assignee__email: { like: "a" } }) { docs { id } } }' }],
      ['graphql access', { query: '{ Access { canAccessAdmin } }' }],
      ['graphql aliased logins', { query: `mutation { ${Array.from({ length: 14 }, (_, i) => `l${i}: loginUser(email: "x${i}@b.c", password: "y") { token }`).join(' ')} }` }],
      ['graphql variables of the wrong type', { query: 'query($l: Int) { Articles(limit: $l) { totalDocs } }', variables: { l: 'many' } }],
      ['graphql unknown operationName', { query: '{ Articles { totalDocs } }', operationName: 'Nope' }],
    ] as const) {
      await gql(kind, body, spelling++)
    }
  }, 600_000)
})

test('the server logged no error while it was attacked', () => {
  expect(errorLog).toEqual([])
})

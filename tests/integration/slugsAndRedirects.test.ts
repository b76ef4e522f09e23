import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { startReceiver } from '../helpers/receiver'
import { createDesk } from '../helpers/staff'

let cms: TestCms
let desk: Record<'admin' | 'editor' | 'author', StaffMember>
beforeAll(async () => {
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
  cms = await startCms()
  desk = await createDesk(cms.payload, cms.baseUrl, ['editor', 'author'])
})
afterAll(async () => {
  await cms?.close()
})

const publish = (title: string, slug?: string) => createArticle(cms.payload, { title, ...(slug ? { slug } : {}), _status: 'published' })
const resolve = (path: string, token?: string) => api(cms.baseUrl, `/api/redirects/resolve?path=${encodeURIComponent(path)}`, { token })
const manual = (body: Record<string, unknown>, token = desk.editor.token) => api(cms.baseUrl, '/api/redirects', { method: 'POST', token, body })
/** The reading page's answer, without following a redirect. */
const readingPage = (path: string) => fetch(`${cms.baseUrl}${path}`, { redirect: 'manual' })
/** An editor takes an article through review to Published, over REST, as the workflow asks. */
const publishAsEditor = async (id: number) => {
  let result
  for (const stage of ['in_review', 'approved', 'published']) {
    result = await api(cms.baseUrl, `/api/articles/${id}${stage === 'published' ? '' : '?draft=true'}`, { method: 'PATCH', token: desk.editor.token, body: { stage } })
    expect({ stage, status: result.status }).toEqual({ stage, status: 200 })
  }
  return result!.body.doc as { slug: string; _status: string }
}
/**
 * An editor renames a published article's slug over REST as the admin does: the edit is a new
 * revision (the live version stays up, src/workflow), and publishing it moves the address.
 */
const rename = async (id: number, slug: string) => {
  const edit = await api(cms.baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { slug } })
  expect(edit).toMatchObject({ status: 200 })
  return publishAsEditor(id)
}

describe('slugs in every script', () => {
  const cases: Array<[string, string, string]> = [
    ['Arabic', 'الميليشيات العراقية تتحدى الحكومة', 'الميليشيات-العراقية-تتحدى-الحكومة'],
    ['Arabic with harakat and tatweel', 'مُحَمَّد في بغـــداد', 'محمد-في-بغداد'],
    ['Persian with a zero-width non-joiner', 'می‌خواهم به تهران بروم', 'می-خواهم-به-تهران-بروم'],
    ['Hebrew with points', 'שָׁלוֹם ירושלים', 'שלום-ירושלים'],
    ['Chinese', '远征手记', '远征手记'],
    ['Greek', 'Ελλάδα και Τουρκία', 'ελλάδα-και-τουρκία'],
    ['Cyrillic', 'Москва и Киев', 'москва-и-киев'],
    ['accented Latin', 'Ünïcödé Ça va? Überraschung', 'unicode-ca-va-uberraschung'],
    ['Turkish and transliterated Arabic names', 'Erdoğan meets al-Kādhimī', 'erdogan-meets-al-kadhimi'],
    ['punctuation only', '¿¡…!?', 'article'],
  ]
  test.each(cases)('%s: an article title gives a readable, non-empty slug', async (_script, title, slug) => {
    const article = await createArticle(cms.payload, { title })
    expect(article.slug).toBe(slug)
  })

  test('tags and authors named in Arabic, Chinese or Turkish get slugs (a tag "العراق" used to be refused)', async () => {
    const iraq = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: desk.editor.token, body: { name: 'العراق' } })
    expect(iraq).toMatchObject({ status: 201, body: { doc: { slug: 'العراق' } } })
    const notes = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: desk.editor.token, body: { name: '远征手记' } })
    expect(notes).toMatchObject({ status: 201, body: { doc: { slug: '远征手记' } } })
    const author = await cms.payload.create({ collection: 'authors', data: { name: 'Recep Tayyip Erdoğan' } as never, overrideAccess: true })
    expect(author.slug).toBe('recep-tayyip-erdogan')
  })

  test('a collision takes the next free -2, -3 for articles, authors and tags, typed or generated', async () => {
    const slugs = []
    for (const data of [{ title: 'Kataib Hezbollah' }, { title: 'Kataib Hezbollah' }, { title: 'Another', slug: 'Kataib  Hezbollah!' }]) {
      slugs.push((await createArticle(cms.payload, data)).slug)
    }
    expect(slugs).toEqual(['kataib-hezbollah', 'kataib-hezbollah-2', 'kataib-hezbollah-3'])
    for (const collection of ['authors', 'tags'] as const) {
      const made = []
      for (let i = 0; i < 3; i++) made.push((await api(cms.baseUrl, `/api/${collection}`, { method: 'POST', token: desk.editor.token, body: { name: 'Sadr City' } })).body.doc?.slug)
      expect(made).toEqual(['sadr-city', 'sadr-city-2', 'sadr-city-3'])
    }
  })

  test('a typed slug is normalised by the same rule, and saving again keeps it', async () => {
    const created = await api(cms.baseUrl, '/api/articles?draft=true', { method: 'POST', token: desk.editor.token, body: { title: 'Anything', slug: '  Çok Güzel — Baghdad  ', body: (await createArticle(cms.payload, {})).body } })
    expect(created).toMatchObject({ status: 201, body: { doc: { slug: 'cok-guzel-baghdad' } } })
    const id = created.body.doc.id
    const edited = await api(cms.baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { title: 'A wholly new headline' } })
    expect(edited.body.doc.slug).toBe('cok-guzel-baghdad')
    const again = await api(cms.baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { slug: 'cok-guzel-baghdad' } })
    expect(again.body.doc.slug).toBe('cok-guzel-baghdad')
  })

  test('an Arabic slug round-trips through REST, GraphQL, the reading page and webhooks', async () => {
    const receiver = await startReceiver()
    try {
      const hook = await api(cms.baseUrl, '/api/webhooks', { method: 'POST', token: desk.admin.token, body: { name: 'slugs', url: receiver.url, events: ['article.published'] } })
      expect(hook.status).toBe(201)
      const article = await createArticle(cms.payload, { title: 'بغداد تستعد للانتخابات' })
      expect(article.slug).toBe('بغداد-تستعد-للانتخابات')
      expect((await publishAsEditor(article.id)).slug).toBe(article.slug)
      const rest = await api(cms.baseUrl, `/api/articles?where[slug][equals]=${encodeURIComponent(article.slug)}&depth=0`)
      expect(rest.body.docs.map((doc: { id: number }) => doc.id)).toEqual([article.id])
      const byGraphql = await graphql(cms.baseUrl, 'query ($slug: String!) { Articles(where: { slug: { equals: $slug } }) { docs { id slug } } }', { variables: { slug: article.slug } })
      expect(byGraphql.body.data).toEqual({ Articles: { docs: [{ id: article.id, slug: article.slug }] } })
      const page = await readingPage(`/read/${encodeURIComponent(article.slug)}`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('بغداد تستعد للانتخابات')
      const deadline = Date.now() + 8000
      while (!receiver.received.some((entry) => entry.event.data?.article?.slug === article.slug) && Date.now() < deadline) {
        await cms.payload.jobs.run({ queue: 'webhooks', limit: 50 })
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      receiver.setSecrets([hook.body.doc.secret])
      const event = receiver.received.find((entry) => entry.event.type === 'article.published')
      expect(event?.event.data.article.slug).toBe(article.slug)
      await cms.payload.delete({ collection: 'webhooks', id: hook.body.doc.id, overrideAccess: true })
    } finally {
      await receiver.close()
    }
  })
})

describe('redirects when a published slug changes', () => {
  test('the old path resolves to the article, over REST, GraphQL and the reading page, and follows later renames in one hop', async () => {
    const article = await publish('Militias defy the government', 'militias-defy')
    expect((await rename(article.id, 'militias-defy-baghdad')).slug).toBe('militias-defy-baghdad')
    const first = await resolve('/read/militias-defy')
    expect(first).toMatchObject({ status: 200, body: { from: '/read/militias-defy', location: '/read/militias-defy-baghdad', status: 301, article: { id: article.id, slug: 'militias-defy-baghdad' } } })
    expect(first.headers.get('cache-control')).toMatch(/public/)
    expect(first.headers.get('surrogate-key')).toContain(`articles:${article.id}`)
    const viaGraphql = await graphql(cms.baseUrl, 'query ($path: String!) { resolveRedirect(path: $path) { from location status article { slug } } }', { variables: { path: '/read/militias-defy' } })
    expect(viaGraphql.body.data).toEqual({ resolveRedirect: { from: '/read/militias-defy', location: '/read/militias-defy-baghdad', status: 301, article: { slug: 'militias-defy-baghdad' } } })
    const page = await readingPage('/read/militias-defy')
    expect(page.status).toBe(301)
    expect(page.headers.get('location')).toBe('/read/militias-defy-baghdad')

    // A second rename: both old paths lead straight to the newest (the cache is purged by the publish).
    await rename(article.id, 'militias-defy-the-state')
    expect((await resolve('/read/militias-defy')).body.location).toBe('/read/militias-defy-the-state')
    expect((await resolve('/read/militias-defy-baghdad')).body.location).toBe('/read/militias-defy-the-state')

    // Back to the first slug: the article lives there again, so that path is no longer redirected.
    await rename(article.id, 'militias-defy')
    expect((await resolve('/read/militias-defy')).status).toBe(404)
    expect((await resolve('/read/militias-defy-the-state')).body.location).toBe('/read/militias-defy')
    expect((await readingPage('/read/militias-defy')).status).toBe(200)
  })

  test('an Arabic slug change redirects too, with the path percent-encoded in Location', async () => {
    const article = await publish('العراق اليوم')
    await rename(article.id, 'العراق-الآن')
    const result = await resolve('/read/العراق-اليوم')
    expect(result.body).toMatchObject({ location: `/read/${encodeURIComponent('العراق-الآن')}`, article: { slug: 'العراق-الآن' } })
    // Spelt percent-encoded, or as a full URL with a trailing slash: the same redirect.
    expect((await resolve(`https://old.example/read/${encodeURIComponent('العراق-اليوم')}/`)).body.from).toBe('/read/العراق-اليوم')
  })

  test('a draft never leaks: no redirect is made before publication, and an unpublished target resolves to nothing', async () => {
    const draft = await createArticle(cms.payload, { title: 'A secret draft', slug: 'secret-draft' })
    await api(cms.baseUrl, `/api/articles/${draft.id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { slug: 'secret-draft-renamed' } })
    expect((await resolve('/read/secret-draft')).status).toBe(404)

    const live = await publish('Soon withdrawn', 'soon-withdrawn')
    await rename(live.id, 'soon-withdrawn-2026')
    expect((await resolve('/read/soon-withdrawn')).status).toBe(200)
    const unpublished = await api(cms.baseUrl, `/api/articles/${live.id}`, { method: 'PATCH', token: desk.editor.token, body: { stage: 'archived' } })
    expect(unpublished.status).toBe(200)
    const after = await resolve('/read/soon-withdrawn')
    expect(after.status).toBe(404)
    expect(JSON.stringify(after.body)).not.toContain('soon-withdrawn-2026')
  })
})

describe('redirects made by hand', () => {
  test('chains collapse to one hop and loops are refused with a 400', async () => {
    const a = await manual({ from: '/chain/a', to: { type: 'custom', url: '/chain/b' } })
    expect(a.status).toBe(201)
    const b = await manual({ from: '/chain/b', to: { type: 'custom', url: '/chain/c' } })
    expect(b.status).toBe(201)
    // a pointed at b, which now goes on to c: a is pointed at c.
    expect((await resolve('/chain/a')).body.location).toBe('/chain/c')
    // A new redirect to a redirected path takes that redirect's target.
    const z = await manual({ from: '/chain/z', to: { type: 'custom', url: '/chain/a' } })
    expect(z.body.doc.to.url).toBe('/chain/c')
    const loop = await manual({ from: '/chain/c', to: { type: 'custom', url: '/chain/a' } })
    expect(loop.status).toBe(400)
    expect(JSON.stringify(loop.body)).toMatch(/loop/)
    const self = await manual({ from: '/chain/self', to: { type: 'custom', url: '/chain/self/' } })
    expect(self.status).toBe(400)
  })

  test('a redirect to an article follows its slug, and 302 is kept', async () => {
    const article = await publish('Basra water crisis', 'basra-water')
    const made = await manual({ from: 'https://old-blog.example/2020/10/basra-water.html', to: { type: 'reference', reference: { relationTo: 'articles', value: article.id } }, type: '302' })
    expect(made).toMatchObject({ status: 201, body: { doc: { from: '/2020/10/basra-water.html' } } })
    expect((await resolve('/2020/10/basra-water.html')).body).toMatchObject({ location: '/read/basra-water', status: 302 })
    await rename(article.id, 'basra-water-crisis')
    expect((await resolve('/2020/10/basra-water.html')).body.location).toBe('/read/basra-water-crisis')
    // The server answers the old blog address itself, on to the reading page.
    const old = await readingPage('/2020/10/basra-water.html')
    expect(old.status).toBe(302)
    expect(old.headers.get('location')).toBe('/read/basra-water-crisis')
  })

  test('bad redirects are refused with a 400 that says what to fix', async () => {
    const live = await publish('Lives here', 'lives-here')
    const refused: Array<[Record<string, unknown>, RegExp]> = [
      [{ from: '/read/lives-here', to: { type: 'custom', url: '/elsewhere' } }, /article lives at/],
      [{ from: '/api/articles', to: { type: 'custom', url: '/elsewhere' } }, /address of the CMS/],
      [{ from: '/admin', to: { type: 'custom', url: '/elsewhere' } }, /address of the CMS/],
      [{ from: '/', to: { type: 'custom', url: '/elsewhere' } }, /address of the CMS/],
      [{ from: '/old/%E0%A4%A', to: { type: 'custom', url: '/elsewhere' } }, /percent-encoding/],
      [{ from: 'old-without-slash', to: { type: 'custom', url: '/elsewhere' } }, /starting with one/],
      [{ from: '//evil.example/x', to: { type: 'custom', url: '/elsewhere' } }, /starting with one/],
      [{ from: '/x/../y', to: { type: 'custom', url: '/elsewhere' } }, /segments/],
      [{ from: '/js', to: { type: 'custom', url: 'javascript:alert(1)' } }, /http\(s\)/],
      [{ from: '/data', to: { type: 'custom', url: 'data:text/html,<script>' } }, /http\(s\)/],
      [{ from: '/empty', to: { type: 'custom', url: '' } }, /address to send readers/],
      [{ from: `/${'x'.repeat(3000)}`, to: { type: 'custom', url: '/elsewhere' } }, /longer than/],
    ]
    for (const [body, message] of refused) {
      const result = await manual(body)
      expect({ body: body.from, status: result.status }).toEqual({ body: body.from, status: 400 })
      expect(JSON.stringify(result.body)).toMatch(message)
    }
    expect(live.slug).toBe('lives-here')
    const first = await manual({ from: '/twice', to: { type: 'custom', url: 'https://example.org/' } })
    expect(first.status).toBe(201)
    expect((await manual({ from: '/twice/', to: { type: 'custom', url: 'https://example.org/other' } })).status).toBe(400)
  })

  test('readers resolve but never list or write redirects; writers cannot write them either', async () => {
    expect((await api(cms.baseUrl, '/api/redirects')).status).toBe(403)
    expect((await api(cms.baseUrl, '/api/redirects', { method: 'POST', body: { from: '/anon', to: { type: 'custom', url: '/x' } } })).status).toBe(403)
    expect((await manual({ from: '/by-author', to: { type: 'custom', url: '/x' } }, desk.author.token)).status).toBe(403)
    expect((await resolve('/never-redirected')).status).toBe(404)
    expect((await api(cms.baseUrl, '/api/redirects/resolve')).status).toBe(400)
    expect((await resolve('not a path')).status).toBe(400)
    const viaGraphql = await graphql(cms.baseUrl, '{ resolveRedirect(path: "/old/%zz") { location } }')
    expect(viaGraphql.status).toBeLessThan(500)
    expect(viaGraphql.body.errors?.[0]?.message).toMatch(/percent-encoding/)
  })

  test('a resolved answer is cached and purged when the redirect changes', async () => {
    const made = await manual({ from: '/cached/one', to: { type: 'custom', url: '/first' } })
    expect((await resolve('/cached/one')).body.location).toBe('/first')
    const second = await resolve('/cached/one')
    expect(second.headers.get('x-cache')).toBe('HIT')
    const changed = await api(cms.baseUrl, `/api/redirects/${made.body.doc.id}`, { method: 'PATCH', token: desk.editor.token, body: { to: { type: 'custom', url: '/second' } } })
    expect(changed.status).toBe(200)
    expect((await resolve('/cached/one')).body.location).toBe('/second')
  })

  test('a redirect to an article that does not exist, or to anything but an article, is a 400, never a 500', async () => {
    const missing = await manual({ from: '/ref/missing', to: { type: 'reference', reference: { relationTo: 'articles', value: 999999 } } })
    expect(missing.status).toBe(400)
    expect(JSON.stringify(missing.body)).toMatch(/no article/)
    const users = await manual({ from: '/ref/users', to: { type: 'reference', reference: { relationTo: 'users', value: desk.editor.id } } })
    expect(users.status).toBe(400)
    const viaGraphql = await api(cms.baseUrl, '/api/graphql', { method: 'POST', token: desk.editor.token, body: { query: 'mutation { createRedirect(data: { from: "/ref/gql", to: { type: reference, reference: { relationTo: articles, value: 999999 } }, type: _301 }) { id } }' } })
    expect(viaGraphql.status).toBeLessThan(500)
    expect(JSON.stringify(viaGraphql.body)).not.toMatch(/Something went wrong/)
  })
})

describe('what an outside probe found (each a regression test)', () => {
  test('a typed slug with no letter or digit is made from the title, and stays unique', async () => {
    const a = await createArticle(cms.payload, { title: 'Dots one' })
    const b = await createArticle(cms.payload, { title: 'Dots one', slug: 'x' })
    for (const [article, junk] of [[a, '..'], [b, '../..']] as const) {
      const saved = await api(cms.baseUrl, `/api/articles/${article.id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { slug: junk } })
      expect(saved.status).toBe(200)
    }
    const slugs = await Promise.all([a, b].map(async ({ id }) => (await cms.payload.findByID({ collection: 'articles', id, draft: true, overrideAccess: true })).slug))
    expect(slugs).toEqual(['dots-one', 'dots-one-2'])
    for (const junk of ['', '   ', '?', '#', '%', '🙂', '\u202e']) {
      const tag = await api(cms.baseUrl, '/api/tags', { method: 'POST', token: desk.editor.token, body: { name: 'Basra', slug: junk } })
      expect(tag.body.doc.slug).toMatch(/^basra(-\d+)?$/)
    }
  })

  test('a slug held by a live article\'s draft revision is taken: a new article gets -2 and the revision still publishes', async () => {
    const live = await publish('Held by a draft')
    await api(cms.baseUrl, `/api/articles/${live.id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { slug: 'seq-target' } })
    const other = await createArticle(cms.payload, { title: 'Wants it', slug: 'seq-target' })
    expect(other.slug).toBe('seq-target-2')
    const second = await publish('Also live')
    const renamed = await api(cms.baseUrl, `/api/articles/${second.id}?draft=true`, { method: 'PATCH', token: desk.editor.token, body: { slug: 'seq-target' } })
    expect(renamed.body.doc.slug).toBe('seq-target-3')
    expect((await publishAsEditor(live.id)).slug).toBe('seq-target')
  })

  test('a typed slug copied percent-encoded from an address bar is decoded first', async () => {
    const article = await createArticle(cms.payload, { title: 'Anything', slug: encodeURIComponent('العراق-غدا') })
    expect(article.slug).toBe('العراق-غدا')
  })

  test('canonical paths keep %25 %23 %3F %2F encoded, so saving a redirect again changes nothing', async () => {
    const made = await manual({ from: '/100%25-sure', to: { type: 'custom', url: '/sure' } })
    expect(made.body.doc.from).toBe('/100%25-sure')
    const again = await api(cms.baseUrl, `/api/redirects/${made.body.doc.id}`, { method: 'PATCH', token: desk.editor.token, body: { from: made.body.doc.from, type: '302' } })
    expect(again).toMatchObject({ status: 200, body: { doc: { from: '/100%25-sure' } } })
    const hash = await manual({ from: '/a%23b', to: { type: 'custom', url: '/sure' } })
    expect(hash.body.doc.from).toBe('/a%23b')
    expect((await resolve('/a%23b')).status).toBe(200)
    expect((await resolve('/a')).status).toBe(404)
    expect((await resolve('/old%3Fp=1')).status).toBe(404)
  })

  test('the server answers a root-level /?p=ID link, and tracking parameters or their order never hide a redirect', async () => {
    const article = await publish('Root link target', 'root-link-target')
    expect((await manual({ from: 'https://old.example/?p=9&lang=en', to: { type: 'reference', reference: { relationTo: 'articles', value: article.id } } })).status).toBe(201)
    const old = await readingPage('/?lang=en&utm_source=newsletter&p=9')
    expect(old.status).toBe(301)
    expect(old.headers.get('location')).toBe('/read/root-link-target')
    expect((await resolve('/?p=9&fbclid=abc&lang=en')).body.location).toBe('/read/root-link-target')
  })

  test('reserved and article paths are refused in any case; invisible characters and credentials too; one path per lookup', async () => {
    const live = await publish('Case matters not', 'case-matters-not')
    for (const from of ['/API/articles', '/Admin', '/READ/case-matters-not', '/%E2%80%AEevil']) {
      expect({ from, status: (await manual({ from, to: { type: 'custom', url: '/x' } })).status }).toEqual({ from, status: 400 })
    }
    expect((await manual({ from: '/phish', to: { type: 'custom', url: 'https://user:pass@evil.example/' } })).status).toBe(400)
    expect((await api(cms.baseUrl, '/api/redirects/resolve?path=/a&path=/b')).status).toBe(400)
    expect(live.slug).toBe('case-matters-not')
  })
})

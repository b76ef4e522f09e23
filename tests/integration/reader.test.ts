import sharp from 'sharp'

import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api } from '../helpers/http'
import { createStaff } from '../helpers/staff'

let cms: TestCms
let writer: StaffMember

const text = (value: string, format = 0) => ({ type: 'text', text: value, detail: 0, format, mode: 'normal', style: '', version: 1 })
const block = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ type, children, direction: 'ltr', format: '', indent: 0, version: 1, ...extra })

beforeAll(async () => {
  cms = await startCms()
  await createStaff(cms.payload, cms.baseUrl, 'admin')
  writer = await createStaff(cms.payload, cms.baseUrl, 'author', 'Rana Writer')
  const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#446688' } }).png().toBuffer()
  const image = await cms.payload.create({ collection: 'media', data: { alt: 'Flooded streets' }, file: { data: png, mimetype: 'image/png', name: 'flood.png', size: png.length }, overrideAccess: true })
  const body = {
    root: block('root', [
      block('paragraph', [text('Rain fell for three days. '), text('<script>alert(1)</script>', 1)]),
      block('heading', [text('What happened')], { tag: 'h2' }),
      block('paragraph', [text('See '), block('link', [text('the report')], { fields: { url: 'https://example.org/report', linkType: 'custom', newTab: false }, version: 3 })]),
      block('quote', [text('We lost everything.')]),
      { type: 'upload', version: 3, format: '', id: 'u1', fields: null, relationTo: 'media', value: image.id },
    ]),
  }
  await createArticle(cms.payload, { title: 'Floods in the south', slug: 'floods', body: body as never, authors: [writer.authorId!], _status: 'published', publishedAt: '2024-04-02T10:00:00.000Z' })
  await createArticle(cms.payload, { title: 'Unreleased scoop', slug: 'scoop', authors: [writer.authorId!] })
})
afterAll(async () => {
  await cms?.close()
})

test('a published article reads as a page: byline, date, reading time, headings, links, quotes and images, with a strict CSP', async () => {
  const response = await fetch(`${cms.baseUrl}/read/floods`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/text\/html/)
  expect(response.headers.get('cache-control')).toBe('public, max-age=60')
  expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'.*frame-ancestors 'self'/)
  const html = await response.text()
  expect(html).toContain('<h1>Floods in the south</h1>')
  expect(html).toContain('By <bdi>Rana Writer</bdi> · 2 April 2024 · 1 min read')
  expect(html).toMatch(/<h2[^>]*>What happened<\/h2>/)
  expect(html).toContain('<a href="https://example.org/report">the report</a>')
  expect(html).toMatch(/<blockquote[^>]*>We lost everything.<\/blockquote>/)
  expect(html).toMatch(/<img[^>]+alt="Flooded streets"[^>]*>|<picture/)
  // Text that looks like markup is shown, never run.
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  expect(html).not.toContain('<script>alert(1)')
  expect(html).not.toContain('live-preview.js')
})

test('drafts are not readable by the public, also with ?preview=true', async () => {
  for (const path of ['/read/scoop', '/read/scoop?preview=true', '/read/no-such-article']) {
    const response = await fetch(`${cms.baseUrl}${path}`)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('Unreleased scoop')
  }
})

test("staff preview the latest draft (the admin's live preview), never cached", async () => {
  const response = await fetch(`${cms.baseUrl}/read/scoop?preview=true`, { headers: { cookie: `payload-token=${writer.token}` } })
  expect(response.status).toBe(200)
  expect(response.headers.get('cache-control')).toBe('private, no-store')
  const html = await response.text()
  expect(html).toContain('<h1>Unreleased scoop</h1>')
  expect(html).toContain('Preview: this is the latest draft')
  expect(html).toContain('/read/assets/live-preview.js')
  // Without ?preview=true a session changes nothing: the page is the public one.
  expect((await fetch(`${cms.baseUrl}/read/scoop`, { headers: { cookie: `payload-token=${writer.token}` } })).status).toBe(404)
})

test('reading time is part of the article in the API: whole minutes at 230 words a minute', async () => {
  const words = Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ')
  const long = await createArticle(cms.payload, { title: 'A long read', body: lexicalFromParagraphs([words]), _status: 'published' })
  const { body } = await api(cms.baseUrl, `/api/articles/${long.id}`)
  expect(body.readingTime).toBe(3)
})

test('the page assets are served', async () => {
  expect((await fetch(`${cms.baseUrl}/read/assets/reader.css`)).status).toBe(200)
  expect((await fetch(`${cms.baseUrl}/read/assets/live-preview.js`)).headers.get('content-type')).toMatch(/javascript/)
})

describe('the editions’ reading pages', () => {
  beforeAll(async () => {
    const floods = (await cms.payload.find({ collection: 'articles', where: { slug: { equals: 'floods' } }, overrideAccess: true })).docs[0]!
    await cms.payload.update({
      collection: 'articles',
      id: floods.id,
      locale: 'ar',
      data: { title: 'فيضانات في الجنوب', slug: 'فيضانات', body: lexicalFromParagraphs(['قال Mustafa al-Kadhimi إن المياه غمرت البصرة.']) as never, _status: 'published' },
      draft: false,
      overrideAccess: true,
      context: { workflowBypass: true },
    })
  })

  test('the Arabic edition reads right to left in Arabic, with Arabic dates and a link to the English edition', async () => {
    const response = await fetch(`${cms.baseUrl}/ar/read/${encodeURIComponent('فيضانات')}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toMatch(/<html lang="ar" dir="rtl">/)
    expect(html).toContain('<h1>فيضانات في الجنوب</h1>')
    expect(html).toContain(new Intl.DateTimeFormat('ar', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date('2024-04-02T10:00:00.000Z')))
    expect(html).toContain('Mustafa al-Kadhimi')
    expect(html).toContain('<link rel="alternate" hreflang="en" href="/read/floods">')
    expect(html).toMatch(/<a href="\/read\/floods" hreflang="en" lang="en" dir="ltr">English<\/a>/)
  })

  test('the English edition links to the Arabic one, and says it in its own language', async () => {
    const html = await (await fetch(`${cms.baseUrl}/read/floods`)).text()
    expect(html).toMatch(/<html lang="en" dir="ltr">/)
    expect(html).toContain(`<link rel="alternate" hreflang="ar" href="/ar/read/${encodeURIComponent('فيضانات')}">`)
    expect(html).toContain('dir="rtl">العربية</a>')
  })

  test('an edition that is not published has no page and no link', async () => {
    expect((await fetch(`${cms.baseUrl}/ar/read/scoop`)).status).toBe(404)
    const notFound = await (await fetch(`${cms.baseUrl}/ar/read/no-such-article`)).text()
    expect(notFound).toMatch(/<html lang="ar" dir="rtl">/)
    // The English-only article (its Arabic edition unwritten) links to no Arabic page.
    await createArticle(cms.payload, { title: 'English only', slug: 'english-only', _status: 'published' })
    const html = await (await fetch(`${cms.baseUrl}/read/english-only`)).text()
    expect(html).not.toContain('hreflang="ar"')
  })
})

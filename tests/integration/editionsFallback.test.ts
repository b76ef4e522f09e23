import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { startCms } from '../helpers/cms'
import { api, graphql } from '../helpers/http'
import { createStaff } from '../helpers/staff'
import { moveArticle } from '../helpers/workflow'

/**
 * Public fallback on (PUBLIC_FALLBACK_LOCALE=en, docs/editions.md): a published Arabic edition's
 * empty fields show the English edition's text, tags and bylines their English names, but only
 * from an English edition that is live: never from one that was never published or was taken
 * down (its stored text may be unreviewed). The default, fallback off, is tested in editions.test.ts.
 */
let cms: TestCms
let editor: StaffMember
let author: StaffMember
let tagId: number

beforeAll(async () => {
  process.env.PUBLIC_FALLBACK_LOCALE = 'en'
  cms = await startCms()
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  author = await createStaff(cms.payload, cms.baseUrl, 'author', 'Fallback Writer')
  tagId = (await cms.payload.create({ collection: 'tags', data: { name: 'Elections' } as never, overrideAccess: true })).id as number
}, 60_000)
afterAll(async () => {
  delete process.env.PUBLIC_FALLBACK_LOCALE
  await cms?.close()
})

/** An article by the author with the English edition as given, and the Arabic edition (title and body only) published. */
async function article({ englishLive }: { englishLive: boolean }): Promise<number> {
  const created = await api(cms.baseUrl, '/api/articles?locale=en', {
    method: 'POST',
    token: author.token,
    body: { title: `English ${englishLive ? 'live' : 'draft'} ${Date.now()}`, body: lexicalFromParagraphs(['English text.']), excerpt: 'The English excerpt.', tags: [tagId], seo: { description: 'English SEO description.' } },
  })
  const id = created.body.doc.id as number
  if (englishLive) {
    await moveArticle(cms.baseUrl, id, author.token, ['in_review'])
    await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'])
  }
  const arabic = await api(cms.baseUrl, `/api/articles/${id}?draft=true&locale=ar`, { method: 'PATCH', token: author.token, body: { title: 'عنوان عربي', body: lexicalFromParagraphs(['نص عربي.']) } })
  expect(arabic.status).toBe(200)
  await moveArticle(cms.baseUrl, id, author.token, ['in_review'], 'ar')
  await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'], 'ar')
  return id
}

const arabicRead = async (id: number, extra = '') => (await api(cms.baseUrl, `/api/articles?depth=1&locale=ar&where[id][equals]=${id}${extra}`)).body.docs[0]

test('a live English edition fills the Arabic edition’s empty fields; the Arabic text stays Arabic', async () => {
  const id = await article({ englishLive: true })
  const arabic = await arabicRead(id)
  expect(arabic).toMatchObject({ title: 'عنوان عربي', excerpt: 'The English excerpt.' })
  expect(arabic.tags.map((tag: { name: string }) => tag.name)).toEqual(['Elections'])
  // The same from the delivery store (the latest list) and from GraphQL.
  const front = await api(cms.baseUrl, '/api/articles?depth=1&sort=-publishedAt&locale=ar&limit=50')
  expect(front.body.docs.find((doc: { id: number }) => doc.id === id)).toEqual(arabic)
  const viaGraphql = await api(cms.baseUrl, '/api/graphql?locale=ar', { method: 'POST', body: { query: `{ Articles(where: { id: { equals: ${id} } }) { docs { title excerpt } } }` } })
  expect(viaGraphql.body.data.Articles.docs[0]).toEqual({ title: 'عنوان عربي', excerpt: 'The English excerpt.' })
  // A reader may ask for no fallback.
  expect((await arabicRead(id, '&fallback-locale=none')).excerpt ?? null).toBeNull()
})

test('an English edition that was never published gives the Arabic edition nothing', async () => {
  const id = await article({ englishLive: false })
  const arabic = await arabicRead(id)
  expect(arabic.title).toBe('عنوان عربي')
  expect(arabic.excerpt ?? null).toBeNull()
  expect(JSON.stringify(arabic)).not.toContain('English')
})

test('an English edition taken down (its stored text may be an unreviewed revision) gives the Arabic edition nothing', async () => {
  const id = await article({ englishLive: true })
  const revision = await api(cms.baseUrl, `/api/articles/${id}?draft=true&locale=en`, { method: 'PATCH', token: author.token, body: { excerpt: 'Unreviewed English revision.' } })
  expect(revision.status).toBe(200)
  await moveArticle(cms.baseUrl, id, editor.token, ['archived'])
  const arabic = await arabicRead(id)
  expect(arabic.title).toBe('عنوان عربي')
  expect(JSON.stringify(arabic)).not.toMatch(/Unreviewed|The English excerpt/)
  const front = await api(cms.baseUrl, '/api/articles?depth=1&sort=-publishedAt&locale=ar&limit=50')
  expect(JSON.stringify(front.body)).not.toContain('Unreviewed')
})

test('only the configured fallback is accepted from readers, and English readers get none', async () => {
  expect((await api(cms.baseUrl, '/api/articles?depth=0&locale=ar&fallback-locale=ar')).status).toBe(400)
  expect((await api(cms.baseUrl, '/api/articles?depth=0&locale=en&fallback-locale=ar')).status).toBe(400)
  expect((await api(cms.baseUrl, '/api/articles?depth=0&locale=ar&fallback-locale=en')).status).toBe(200)
  // English is the fallback itself: its readers get no other edition's text.
  const refused = await graphql(cms.baseUrl, '{ Articles(locale: en, fallbackLocale: ar) { docs { title } } }')
  expect(refused.body.errors?.[0]?.message).toMatch(/do not fall back/)
  const arabicReaders = await graphql(cms.baseUrl, '{ Articles(locale: ar, fallbackLocale: ar) { docs { title } } }')
  expect(arabicReaders.body.errors?.[0]?.message).toMatch(/fall back to the en edition only/)
})

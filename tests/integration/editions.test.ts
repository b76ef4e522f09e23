import type { TestCms } from '../helpers/cms'
import type { Receiver } from '../helpers/receiver'
import type { StaffMember } from '../helpers/staff'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { startCms } from '../helpers/cms'
import { api, graphql } from '../helpers/http'
import { startReceiver } from '../helpers/receiver'
import { drainWebhooks } from '../helpers/webhookQueue'
import { createStaff } from '../helpers/staff'
import { moveArticle } from '../helpers/workflow'

/**
 * The English and Arabic editions (docs/editions.md): each edition of an article moves through the
 * workflow and goes live on its own; readers get exactly one edition's published text, by every
 * route; webhooks say which edition changed.
 */
let cms: TestCms
let receiver: Receiver
let admin: StaffMember, editor: StaffMember, author: StaffMember

const ARABIC_TITLE = 'الفصائل المسلحة تتحدى الحكومة العراقية'
// An Arabic paragraph with an English name inside it (mixed direction).
const ARABIC_BODY = lexicalFromParagraphs(['قال Mustafa al-Kadhimi إن الحكومة لن تتراجع أمام الفصائل في بغداد.'])

beforeAll(async () => {
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
  process.env.WEBHOOK_RETRY_SCHEDULE = '0.2'
  cms = await startCms()
  receiver = await startReceiver()
  admin = await createStaff(cms.payload, cms.baseUrl, 'admin')
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  author = await createStaff(cms.payload, cms.baseUrl, 'author', 'Edition Writer')
}, 60_000)
afterAll(async () => {
  await receiver?.close()
  await cms?.close()
})

const patch = (id: number, locale: string, body: Record<string, unknown>, token = editor.token, extra = '') =>
  api(cms.baseUrl, `/api/articles/${id}?draft=true&locale=${locale}${extra}`, { method: 'PATCH', token, body })

/** An article the author wrote in English, reviewed and published; its Arabic edition not yet written. */
async function liveEnglishArticle(title: string): Promise<number> {
  const created = await api(cms.baseUrl, '/api/articles?locale=en', { method: 'POST', token: author.token, body: { title, body: lexicalFromParagraphs(['An English paragraph.']), excerpt: 'English excerpt.' } })
  expect(created.status).toBe(201)
  const id = created.body.doc.id as number
  await moveArticle(cms.baseUrl, id, author.token, ['in_review'])
  await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'])
  return id
}

/** Writes the Arabic edition (as the author) and leaves it as a draft. */
async function writeArabic(id: number, title = ARABIC_TITLE): Promise<void> {
  const saved = await patch(id, 'ar', { title, body: ARABIC_BODY, excerpt: 'ملخص عربي.' }, author.token)
  expect([saved.status, saved.body.errors]).toEqual([200, undefined])
}

const publicRead = (id: number, locale: string) => api(cms.baseUrl, `/api/articles?depth=0&locale=${locale}&where[id][equals]=${id}`)
const publicTitles = async (id: number, locale: string) => (await publicRead(id, locale)).body.docs.map((doc: { title: string }) => doc.title)


describe('one workflow per edition', () => {
  test('the Arabic edition is reviewed and published on its own; the English edition stays as it was', async () => {
    const id = await liveEnglishArticle('Militias defy the government')
    await writeArabic(id)
    // The Arabic edition is a draft of its own: readers of it see nothing yet, English readers the live text.
    expect(await publicTitles(id, 'ar')).toEqual([])
    expect(await publicTitles(id, 'en')).toEqual(['Militias defy the government'])
    await moveArticle(cms.baseUrl, id, author.token, ['in_review'], 'ar')

    // Staff see each edition's own stage.
    const stageOf = async (locale: string) => (await api(cms.baseUrl, `/api/articles/${id}?draft=true&depth=0&locale=${locale}`, { token: editor.token })).body.stage
    expect(await stageOf('ar')).toBe('in_review')
    expect(await stageOf('en')).toBe('published')

    await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'], 'ar')
    const arabic = (await publicRead(id, 'ar')).body.docs[0]
    expect(arabic).toMatchObject({ title: ARABIC_TITLE, excerpt: 'ملخص عربي.', _status: 'published' })
    expect(arabic.body.root.children[0].children[0].text).toContain('Mustafa al-Kadhimi')
    const english = (await publicRead(id, 'en')).body.docs[0]
    expect(english).toMatchObject({ title: 'Militias defy the government', excerpt: 'English excerpt.', _status: 'published' })
    expect(await stageOf('en')).toBe('published')

    // Every step is recorded with its edition.
    const history = await api(cms.baseUrl, `/api/article-history?depth=0&limit=50&sort=createdAt&where[article][equals]=${id}`, { token: editor.token })
    expect(history.body.docs.map((entry: { locale: string; transition: string }) => `${entry.locale}:${entry.transition}`)).toEqual([
      'en:submit',
      'en:approve',
      'en:publish',
      'ar:submit',
      'ar:approve',
      'ar:publish',
    ])
  })

  test('unpublishing one edition leaves the other live, either way round', async () => {
    const id = await liveEnglishArticle('Basra port strike')
    await writeArabic(id, 'إضراب ميناء البصرة')
    await moveArticle(cms.baseUrl, id, author.token, ['in_review'], 'ar')
    await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'], 'ar')

    await moveArticle(cms.baseUrl, id, editor.token, ['archived'], 'ar')
    expect(await publicTitles(id, 'ar')).toEqual([])
    expect(await publicTitles(id, 'en')).toEqual(['Basra port strike'])

    await moveArticle(cms.baseUrl, id, editor.token, ['draft', 'in_review', 'approved', 'published'], 'ar')
    await moveArticle(cms.baseUrl, id, editor.token, ['archived'], 'en')
    expect(await publicTitles(id, 'en')).toEqual([])
    expect(await publicTitles(id, 'ar')).toEqual(['إضراب ميناء البصرة'])
  })

  test('an edition can go live first in Arabic, with nothing of the unpublished English edition shown', async () => {
    const created = await api(cms.baseUrl, '/api/articles?locale=ar', { method: 'POST', token: author.token, body: { title: 'خبر عربي أولاً', body: ARABIC_BODY } })
    expect(created.status).toBe(201)
    const id = created.body.doc.id as number
    const english = await patch(id, 'en', { title: 'Unreviewed English draft', body: lexicalFromParagraphs(['Not for readers.']) }, author.token)
    expect(english.status).toBe(200)
    await moveArticle(cms.baseUrl, id, author.token, ['in_review'], 'ar')
    await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'], 'ar')
    expect(await publicTitles(id, 'ar')).toEqual(['خبر عربي أولاً'])
    expect(await publicTitles(id, 'en')).toEqual([])
    const list = await api(cms.baseUrl, '/api/articles?depth=1&sort=-publishedAt&limit=100&locale=en')
    expect(JSON.stringify(list.body)).not.toContain('Unreviewed English draft')
  })

  test('a write names one edition: every locale at once, and publishing every locale, are refused', async () => {
    const id = await liveEnglishArticle('One edition at a time')
    await writeArabic(id)
    const all = await api(cms.baseUrl, `/api/articles/${id}?draft=true&locale=all`, { method: 'PATCH', token: editor.token, body: { title: { en: 'x', ar: 'y' } } })
    expect(all.status).toBe(400)
    expect(all.body.errors[0].message).toMatch(/one edition at a time/i)
    for (const flag of ['publishAllLocales=true', 'unpublishAllLocales=true']) {
      const refused = await api(cms.baseUrl, `/api/articles/${id}?locale=en&${flag}`, { method: 'PATCH', token: admin.token, body: { _status: 'published' } })
      expect([flag, refused.status]).toEqual([flag, 400])
      expect(refused.body.errors[0].message).toMatch(/on its own/)
    }
    // The Arabic edition, never reviewed, is still not live.
    expect(await publicTitles(id, 'ar')).toEqual([])
  })
})

describe('found by an outside probe', () => {
  test('a write naming one edition and publishing another is refused', async () => {
    const id = await liveEnglishArticle('Two editions named')
    await writeArabic(id)
    const refused = await api(cms.baseUrl, `/api/articles/${id}?locale=ar&publishSpecificLocale=en`, { method: 'PATCH', token: editor.token, body: { _status: 'published' } })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].message).toMatch(/names two editions/)
    const history = await api(cms.baseUrl, `/api/article-history?depth=0&limit=50&where[article][equals]=${id}`, { token: editor.token })
    expect(history.body.docs.map((entry: { transition: string }) => entry.transition).sort()).toEqual(['approve', 'publish', 'submit'])
  })

  test('an edition is scheduled once at a time, and scheduling names one edition', async () => {
    const id = await liveEnglishArticle('Scheduled twice')
    await writeArabic(id)
    await moveArticle(cms.baseUrl, id, author.token, ['in_review'], 'ar')
    await moveArticle(cms.baseUrl, id, editor.token, ['approved'], 'ar')
    const at = new Date(Date.now() + 3_600_000).toISOString()
    const schedule = (query: string) => api(cms.baseUrl, `/api/articles/${id}/schedule?${query}`, { method: 'POST', token: editor.token, body: { action: 'publish', at } })
    expect((await schedule('locale=ar')).status).toBe(201)
    const again = await schedule('locale=ar')
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/already scheduled/)
    const all = await schedule('locale=all')
    expect(all.status).toBe(400)
    expect(all.body.errors[0].message).toMatch(/one edition at a time/)
  })

  test('readers asking for drafts get the live versions, a live article with a pending revision included', async () => {
    const id = await liveEnglishArticle('Live with a revision')
    const revision = await patch(id, 'en', { title: 'Unreviewed revision title' }, author.token)
    expect(revision.status).toBe(200)
    const rest = await api(cms.baseUrl, `/api/articles?depth=0&limit=100&draft=true&locale=en`)
    const listed = rest.body.docs.find((doc: { id: number }) => doc.id === id)
    expect(listed.title).toBe('Live with a revision')
    expect(JSON.stringify(rest.body)).not.toContain('Unreviewed revision title')
    const viaGraphql = await graphql(cms.baseUrl, `{ Articles(draft: true, limit: 100) { docs { id title } } }`)
    expect(viaGraphql.body.data.Articles.docs).toContainEqual({ id, title: 'Live with a revision' })
  })

  test('a read sent as a POST with the method override gets the edition it names, from the body', async () => {
    const id = await liveEnglishArticle('Read by override')
    const form = await api(cms.baseUrl, '/api/articles', { method: 'POST', headers: { 'x-http-method-override': 'GET', 'content-type': 'application/x-www-form-urlencoded' }, body: `depth=0&limit=100&where[id][equals]=${id}` })
    expect([form.status, form.body.docs?.map((doc: { title: string }) => doc.title)]).toEqual([200, ['Read by override']])
    const arabic = await api(cms.baseUrl, '/api/articles', { method: 'POST', headers: { 'x-http-method-override': 'GET', 'content-type': 'application/x-www-form-urlencoded' }, body: `depth=0&locale=ar&where[id][equals]=${id}` })
    expect([arabic.status, arabic.body.totalDocs]).toEqual([200, 0])
    const json = await api(cms.baseUrl, '/api/articles', { method: 'POST', headers: { 'x-http-method-override': 'GET' }, body: { locale: 'en' } })
    expect(json.status).toBe(200)
    for (const body of ['locale=all', `where[id][equals]=${id}&fallback-locale=ar`]) {
      const refused = await api(cms.baseUrl, '/api/articles', { method: 'POST', headers: { 'x-http-method-override': 'GET', 'content-type': 'application/x-www-form-urlencoded' }, body })
      expect([body, refused.status]).toEqual([body, 400])
    }
    const both = await api(cms.baseUrl, '/api/articles?locale=en', { method: 'POST', headers: { 'x-http-method-override': 'GET', 'content-type': 'application/x-www-form-urlencoded' }, body: 'depth=0' })
    expect(both.status).toBe(400)
    expect((await api(cms.baseUrl, '/api/articles', { method: 'POST', headers: { 'x-http-method-override': 'GET' }, body: { locale: 'all' } })).status).toBe(400)
  })
})

describe('awaiting translation', () => {
  test('an article live in English only is listed for Arabic with the Arabic edition’s stage and assignee, until that edition goes live', async () => {
    const id = await liveEnglishArticle('Awaiting its Arabic edition')
    const list = async (locale = 'ar', token = editor.token) => api(cms.baseUrl, `/api/articles/awaiting-translation?locale=${locale}&limit=100`, { token })
    const entry = async () => (await list()).body.docs.find((doc: { id: number }) => doc.id === id)
    expect(await entry()).toEqual({ id, title: 'Awaiting its Arabic edition', liveIn: ['en'], assignee: null, stage: null })
    // The translation desk assigns it and the translator starts it.
    const assigned = await patch(id, 'ar', { assignee: editor.id, dueDate: '2030-01-01T00:00:00.000Z' })
    expect(assigned.status).toBe(200)
    await writeArabic(id, 'بانتظار نسختها العربية')
    expect(await entry()).toMatchObject({ assignee: editor.id, stage: 'draft' })
    // Not awaiting English: it is live there.
    expect((await list('en')).body.docs.some((doc: { id: number }) => doc.id === id)).toBe(false)
    await moveArticle(cms.baseUrl, id, author.token, ['in_review'], 'ar')
    await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'], 'ar')
    expect(await entry()).toBeUndefined()
  })

  test('staff only, one edition, bounded pages', async () => {
    expect((await api(cms.baseUrl, '/api/articles/awaiting-translation?locale=ar')).status).toBe(401)
    for (const query of ['locale=all', 'locale=ar&limit=0', 'locale=ar&limit=101', 'locale=ar&page=-1', 'locale=ar&limit=abc', 'locale=ar&limit[]=1']) {
      const refused = await api(cms.baseUrl, `/api/articles/awaiting-translation?${query}`, { token: editor.token })
      expect([query, refused.status]).toEqual([query, 400])
    }
    // A writer sees only what they may read.
    const writer = await api(cms.baseUrl, '/api/articles/awaiting-translation?locale=ar', { token: author.token })
    expect(writer.status).toBe(200)
  })
})

describe('readers get one edition’s published text, by every route', () => {
  let id: number
  beforeAll(async () => {
    id = await liveEnglishArticle('Kirkuk vote count')
    await writeArabic(id, 'مسودة عربية لم تنشر')
  }, 60_000)

  test('REST: an unpublished edition is not found; every locale at once and fallbacks are for staff only', async () => {
    expect(await publicTitles(id, 'ar')).toEqual([])
    expect((await api(cms.baseUrl, `/api/articles/${id}?locale=ar`)).status).toBe(404)
    for (const query of ['locale=all', 'locale=*', 'locale=ar&fallback-locale=en', 'locale=ar&fallbackLocale=en']) {
      const refused = await api(cms.baseUrl, `/api/articles?depth=0&${query}`)
      expect([query, refused.status]).toEqual([query, 400])
      expect(refused.body.errors[0].message).toMatch(/staff only|do not fall back/)
      expect(JSON.stringify(refused.body)).not.toContain('مسودة')
    }
    // Through a relationship too: a comment's article, populated with every locale.
    expect((await api(cms.baseUrl, '/api/comments?depth=1&locale=all')).status).toBe(400)
    // Staff may read every edition at once.
    const staff = await api(cms.baseUrl, `/api/articles/${id}?draft=true&locale=all`, { token: editor.token })
    expect(staff.status).toBe(200)
    expect(staff.body.title).toMatchObject({ en: 'Kirkuk vote count', ar: 'مسودة عربية لم تنشر' })
  })

  test('unknown or repeated locales are refused with the list of editions', async () => {
    for (const query of ['locale=fr', 'locale=EN', 'locale=en&locale=ar', `locale=${'x'.repeat(500)}`]) {
      const refused = await api(cms.baseUrl, `/api/articles?depth=0&${query}`)
      expect([query, refused.status]).toEqual([query, 400])
      expect(refused.body.errors[0].message).toMatch(/editions are en \(English\), ar \(Arabic\)|once/)
    }
  })

  test('GraphQL: the same rules for the locale and fallbackLocale arguments', async () => {
    const one = await graphql(cms.baseUrl, `query($id: Int!) { ar: Articles(locale: ar, where: { id: { equals: $id } }) { totalDocs docs { title } } en: Articles(locale: en, where: { id: { equals: $id } }) { docs { title } } }`, { variables: { id } })
    expect(one.body.errors).toBeUndefined()
    expect(one.body.data).toMatchObject({ ar: { totalDocs: 0, docs: [] }, en: { docs: [{ title: 'Kirkuk vote count' }] } })
    for (const query of [
      `{ Articles(locale: all) { docs { id } } }`,
      `{ Articles(locale: ar, fallbackLocale: en) { docs { title } } }`,
      `{ Comments(locale: all) { docs { article { title } } } }`,
    ]) {
      const refused = await graphql(cms.baseUrl, query)
      expect(JSON.stringify(refused.body)).not.toContain('مسودة')
      // GraphQL's own schema has no `all` locale; a fallback is refused by the editions rule.
      expect(refused.body.errors?.[0]?.message).toMatch(/staff only|do not fall back|"locale" has invalid value all/)
    }
    // The request's own ?locale= counts as for REST.
    const viaUrl = await api(cms.baseUrl, '/api/graphql?locale=ar', { method: 'POST', body: { query: `{ Articles(where: { id: { equals: ${id} } }) { totalDocs } }` } })
    expect(viaUrl.body.data.Articles.totalDocs).toBe(0)
  })

  test('the versions endpoints stay closed to readers in every edition', async () => {
    for (const locale of ['en', 'ar', 'all']) {
      const versions = await api(cms.baseUrl, `/api/articles/versions?depth=0&locale=${locale}`)
      expect([locale, versions.status]).toEqual([locale, locale === 'all' ? 400 : 403])
      expect(JSON.stringify(versions.body)).not.toContain('مسودة')
    }
  })

  test('the delivery store answers the English edition only with English, and never the Arabic draft', async () => {
    const front = await api(cms.baseUrl, '/api/articles?depth=1&sort=-publishedAt&limit=100&locale=en')
    expect(front.body.docs.map((doc: { title: string }) => doc.title)).toContain('Kirkuk vote count')
    expect(JSON.stringify(front.body)).not.toContain('مسودة')
    const sameWithoutLocale = await api(cms.baseUrl, '/api/articles?depth=1&sort=-publishedAt&limit=100')
    expect(sameWithoutLocale.body).toEqual(front.body)
    const arabicFront = await api(cms.baseUrl, '/api/articles?depth=1&sort=-publishedAt&limit=100&locale=ar')
    expect(arabicFront.status).toBe(200)
    expect(JSON.stringify(arabicFront.body)).not.toMatch(/مسودة|Kirkuk/)
  })
})

describe('webhooks per edition', () => {
  test('article.published fires for the edition that went live, with data.locale, and for no other', async () => {
    const hook = await api(cms.baseUrl, '/api/webhooks', { method: 'POST', token: admin.token, body: { name: 'Editions', url: receiver.url, events: ['article.published', 'article.unpublished', 'article.deleted', 'workflow.transition'] } })
    expect(hook.status).toBe(201)
    receiver.clear()
    const id = await liveEnglishArticle('Erbil airport reopens')
    await writeArabic(id, 'إعادة فتح مطار أربيل')
    await moveArticle(cms.baseUrl, id, author.token, ['in_review'], 'ar')
    await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'], 'ar')
    await moveArticle(cms.baseUrl, id, editor.token, ['archived'], 'ar')
    await drainWebhooks(cms.payload)

    const published = receiver.received.filter((entry) => entry.event.type === 'article.published' && entry.event.data.article.id === id)
    // Deliveries run concurrently, so they arrive in any order.
    expect(published.map((entry) => [entry.event.data.locale, entry.event.data.article.title]).sort()).toEqual([
      ['ar', 'إعادة فتح مطار أربيل'],
      ['en', 'Erbil airport reopens'],
    ])
    const unpublished = receiver.received.filter((entry) => entry.event.type === 'article.unpublished' && entry.event.data.article.id === id)
    expect(unpublished.map((entry) => entry.event.data.locale)).toEqual(['ar'])
    const steps = receiver.received.filter((entry) => entry.event.type === 'workflow.transition' && entry.event.data.articleId === id)
    expect(steps.map((entry) => `${entry.event.data.locale}:${entry.event.data.transition}`).sort()).toEqual(
      ['en:submit', 'en:approve', 'en:publish', 'ar:submit', 'ar:approve', 'ar:publish', 'ar:unpublish'].sort(),
    )
  })

  test('deleting an article live in both editions sends article.deleted for each, with its slug', async () => {
    receiver.clear()
    const id = await liveEnglishArticle('Najaf pilgrims')
    await writeArabic(id, 'حجاج النجف')
    await moveArticle(cms.baseUrl, id, author.token, ['in_review'], 'ar')
    await moveArticle(cms.baseUrl, id, editor.token, ['approved', 'published'], 'ar')
    expect((await api(cms.baseUrl, `/api/articles/${id}`, { method: 'DELETE', token: editor.token })).status).toBe(200)
    await drainWebhooks(cms.payload)
    const deleted = receiver.received.filter((entry) => entry.event.type === 'article.deleted' && entry.event.data.article.id === id)
    expect(deleted.map((entry) => [entry.event.data.locale, entry.event.data.article.slug]).sort()).toEqual([
      ['ar', 'حجاج-النجف'],
      ['en', 'najaf-pilgrims'],
    ])
  })
})

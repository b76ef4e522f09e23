import fc from 'fast-check'

import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { fallbackSearch } from '../../src/search/fallbackSearch'
import { searchEngineOf } from '../../src/search/indexing'
import { prepareSearchIndex, rebuildSearchIndex } from '../../src/search/readiness'
import { search, searchRequestOf } from '../../src/search/service'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api, graphql } from '../helpers/http'
import { createStaff } from '../helpers/staff'
import { moveArticle, publishRevision } from '../helpers/workflow'

/**
 * Readers' search (docs/search.md), on whichever database the run uses: ranking, snippets, the
 * query syntax, filters, the index following every change in the change's own transaction, the
 * Arabic edition's normalisation, and hostile input.
 */
let cms: TestCms
let editor: StaffMember
const ids: Record<string, number> = {}
let mamouri: number, rudaw: number
let militias: number, politics: number

// The sample article's first paragraphs (../shared/samples) and an Arabic rendering of the first.
const SAMPLE = [
  'The social pressure on the outlawed militias within the PMU has been extensive since the eruption of the protests in Iraq in October 2019. The militias have since formed pressure groups to silence any critical voices against them.',
  'Kadhimi is expected to release those arrested under the militias pressure, as happened following the counterterrorism raid on the Kataib Hezbollah base in southern Baghdad in June.',
]
const SAMPLE_AR =
  'كان الضغط الاجتماعي على الميليشيات الخارجة عن القانون داخل الحشد الشعبي واسعاً منذ اندلاع الاحتجاجات في العراق في تشرين الأول/أكتوبر 2019. وقد شكّلت الميليشيات منذ ذلك الحين مجموعات ضغط لإسكات أي أصوات منتقدة لها.'

const publish = (data: Record<string, unknown>, locale = 'en') => createArticle(cms.payload, { _status: 'published', ...data } as never, locale).then((doc) => doc.id as number)
const find = (query: string) => api(cms.baseUrl, `/api/search?${query}`)
const titles = async (query: string) => {
  const result = await find(query)
  expect([result.status, result.body.errors]).toEqual([200, undefined])
  return result.body.docs.map((hit: { article: { title: string } }) => hit.article.title) as string[]
}

beforeAll(async () => {
  cms = await startCms()
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  const { payload } = cms
  mamouri = (await payload.create({ collection: 'authors', data: { name: 'Ali Mamouri' } as never, overrideAccess: true })).id as number
  rudaw = (await payload.create({ collection: 'authors', data: { name: 'Shilan Rudaw' } as never, overrideAccess: true })).id as number
  militias = (await payload.create({ collection: 'tags', data: { name: 'Militias' } as never, overrideAccess: true })).id as number
  politics = (await payload.create({ collection: 'tags', data: { name: 'Politics' } as never, overrideAccess: true })).id as number
  ids.sample = await publish({ title: 'Iraqi militias defy government, expand networks and pressure', excerpt: 'Armed factions push back against the prime minister.', body: lexicalFromParagraphs(SAMPLE), authors: [mamouri], tags: [militias], publishedAt: '2026-10-01T09:00:00.000Z' })
  ids.titleHit = await publish({ title: 'Kirkuk oil deal signed', excerpt: 'A budget story.', body: lexicalFromParagraphs(['Negotiators met for weeks.']), authors: [rudaw], tags: [politics], publishedAt: '2026-09-01T09:00:00.000Z' })
  ids.excerptHit = await publish({ title: 'Budget talks resume', excerpt: 'Kirkuk is at the centre of the talks.', body: lexicalFromParagraphs(['Negotiators met again.']), authors: [rudaw], publishedAt: '2026-08-01T09:00:00.000Z' })
  ids.bodyHit = await publish({ title: 'A week in parliament', excerpt: 'Notes from the chamber.', body: lexicalFromParagraphs(['Members argued about roads, schools and, briefly, Kirkuk.']), authors: [mamouri], publishedAt: '2026-11-01T09:00:00.000Z' })
  ids.elections = await publish({ title: 'Elections postponed in Erbil', excerpt: 'The vote moves to spring.', body: lexicalFromParagraphs(['The electoral commission said the elections would be held in April.']), tags: [politics], publishedAt: '2026-07-01T09:00:00.000Z' })
  ids.arabic = await publish({ title: 'الفصائل المسلحة تتحدى الحكومة العراقية', excerpt: 'ضغوط الفصائل على الحكومة.', body: lexicalFromParagraphs([SAMPLE_AR]), authors: [mamouri], tags: [militias], publishedAt: '2026-10-02T09:00:00.000Z' }, 'ar')
  await prepareSearchIndex(payload)
}, 120_000)
afterAll(async () => {
  await cms?.close()
})

describe('ranking and snippets', () => {
  it('ranks a match in the title above one in the excerpt above one in the body', async () => {
    expect(await titles('q=kirkuk')).toEqual(['Kirkuk oil deal signed', 'Budget talks resume', 'A week in parliament'])
  })

  it('sorts by newest when asked, and filters by tag, author and date', async () => {
    expect(await titles('q=kirkuk&sort=newest')).toEqual(['A week in parliament', 'Kirkuk oil deal signed', 'Budget talks resume'])
    expect(await titles('q=kirkuk&tag=politics')).toEqual(['Kirkuk oil deal signed'])
    expect(await titles(`q=kirkuk&tag=${politics}`)).toEqual(['Kirkuk oil deal signed'])
    expect(await titles('q=kirkuk&author=ali-mamouri')).toEqual(['A week in parliament'])
    expect(await titles('q=kirkuk&from=2026-08-15&to=2026-09-01')).toEqual(['Kirkuk oil deal signed'])
    expect(await titles('q=kirkuk&to=2026-08-01')).toEqual(['Budget talks resume'])
  })

  it('marks the matched words in a snippet of the body, as offsets and as escaped HTML', async () => {
    const { body } = await find('q=Kataib%20Hezbollah')
    expect(body.totalDocs).toBe(1)
    const { snippet, article } = body.docs[0]
    expect(article).toMatchObject({ id: ids.sample, title: expect.stringContaining('Iraqi militias'), slug: expect.any(String) })
    expect(snippet.text).toContain('Kataib Hezbollah base')
    expect(snippet.highlights.map(({ start, end }: { start: number; end: number }) => snippet.text.slice(start, end))).toEqual(['Kataib', 'Hezbollah'])
    expect(snippet.html).toContain('<mark>Kataib</mark> <mark>Hezbollah</mark>')
    expect(snippet.text.startsWith('… ')).toBe(true)
  })

  it('escapes everything in the snippet HTML but the marks', async () => {
    const id = await publish({ title: 'Markup in a body', body: lexicalFromParagraphs(['The <script>alert(1)</script> tag & the Zubair "field".']) })
    const { body } = await find('q=zubair')
    expect(body.docs[0].article.id).toBe(id)
    expect(body.docs[0].snippet.html).toBe('The &lt;script&gt;alert(1)&lt;/script&gt; tag &amp; the <mark>Zubair</mark> &quot;field&quot;.')
  })

  it('paginates with totalDocs', async () => {
    const first = await find('q=kirkuk&limit=2')
    expect(first.body).toMatchObject({ totalDocs: 3, totalPages: 2, page: 1, hasNextPage: true, nextPage: 2 })
    const second = await find('q=kirkuk&limit=2&page=2')
    expect(second.body.docs.map((hit: { article: { id: number } }) => hit.article.id)).toEqual([ids.bodyHit])
  })
})

describe('relevance ranks a window of the newest matches, then the older ones follow newest first', () => {
  // The API ranks the newest 1,000 (src/search/window.ts); a window of 2 shows the same rule on three matches.
  const pageOf = async (limit: number, page: number, rankWindow = 2) => {
    const request = { ...(await searchRequestOf(cms.payload, { q: 'kirkuk', limit: String(limit), page: String(page) }, 'en')), rankWindow }
    const { rows, total } = await searchEngineOf(cms.payload)!.search(cms.payload, request)
    return { total, titles: rows.map((row) => (JSON.parse(row.json) as { title: string }).title) }
  }

  it('ranks the newest matches by relevance and puts the older after them', async () => {
    // Newest first the matches are: the body match (November), the title match (September), the excerpt match (August).
    expect(await pageOf(10, 1)).toEqual({ total: 3, titles: ['Kirkuk oil deal signed', 'A week in parliament', 'Budget talks resume'] })
    expect(await pageOf(10, 1, 1000)).toEqual({ total: 3, titles: ['Kirkuk oil deal signed', 'Budget talks resume', 'A week in parliament'] })
  })

  it('pages across the end of the window without a gap or a repeat', async () => {
    const one = await Promise.all([1, 2, 3, 4].map((page) => pageOf(1, page)))
    expect(one.map((page) => page.titles)).toEqual([['Kirkuk oil deal signed'], ['A week in parliament'], ['Budget talks resume'], []])
    expect((await pageOf(2, 2)).titles).toEqual(['Budget talks resume'])
    expect((await pageOf(2, 1, 1)).titles).toEqual(['A week in parliament', 'Kirkuk oil deal signed'])
  })
})

describe('the newest matches are read a slice of the archive at a time (PostgreSQL)', () => {
  // PostgreSQL first looks at the newest entries only, four per match wanted, then wider
  // (src/search/postgresEngine.ts); a first look of one entry makes every search here widen
  // several times, and it must find exactly what one look at everything finds. SQLite reads its
  // matches newest first and ignores the knob, so there the two are the same by construction.
  const results = async (params: Record<string, string>, firstLook?: number) => {
    const request = { ...(await searchRequestOf(cms.payload, params, 'en')), ...(firstLook === undefined ? {} : { firstLook }) }
    const { rows, total } = await searchEngineOf(cms.payload)!.search(cms.payload, request)
    return { total, articles: rows.map((row) => (JSON.parse(row.json) as { id: number }).id), scores: rows.map((row) => row.score) }
  }

  it.each<Record<string, string>>([
    { q: 'kirkuk' },
    { q: 'kirkuk', sort: 'newest' },
    { q: 'kirkuk', limit: '1', page: '2' },
    { q: 'kirkuk', limit: '1', page: '3', sort: 'newest' },
    { q: 'kirkuk', from: '2026-08-01', to: '2026-10-01' },
    { q: 'militias or kirkuk', limit: '2', page: '2' },
    { q: 'zzzznothing' },
  ])('finds the same for %j', async (params) => {
    const everything = await results(params)
    for (const firstLook of [1, 2, 3]) expect(await results(params, firstLook)).toEqual(everything)
  })
})

describe('matches are counted as far as the pages reach', () => {
  // The API counts up to 100 pages of the limit (src/search/limits.ts); a cap of 2 shows the rule on three matches.
  const resultsOf = async (params: Record<string, string>, countCap: number) =>
    search(cms.payload, { ...(await searchRequestOf(cms.payload, { q: 'kirkuk', ...params }, 'en')), countCap })

  it('gives the cap as totalDocs, not exact, when more match, and pages only up to it', async () => {
    const capped = await resultsOf({ limit: '1' }, 2)
    expect(capped).toMatchObject({ totalDocs: 2, totalDocsExact: false, totalPages: 2, hasNextPage: true })
    expect(await resultsOf({ limit: '1', page: '2' }, 2)).toMatchObject({ totalDocs: 2, totalDocsExact: false, hasNextPage: false, nextPage: null })
    expect(await resultsOf({ limit: '1', sort: 'newest' }, 2)).toMatchObject({ totalDocs: 2, totalDocsExact: false })
  })

  it('is exact at and under the cap, and by default', async () => {
    expect(await resultsOf({ limit: '1' }, 3)).toMatchObject({ totalDocs: 3, totalDocsExact: true, totalPages: 3 })
    expect((await find('q=kirkuk')).body).toMatchObject({ totalDocs: 3, totalDocsExact: true })
    const found = await graphql(cms.baseUrl, `{ searchArticles(q: "kirkuk") { totalDocs totalDocsExact } }`)
    expect(found.body.data?.searchArticles).toEqual({ totalDocs: 3, totalDocsExact: true })
  })
})

describe('entries keyed by their time of publication', () => {
  it('filters dates exactly, to the millisecond, inside one second', async () => {
    const early = await publish({ title: 'Zygomorphic flowers early', publishedAt: '2026-06-15T12:00:00.400Z' })
    const late = await publish({ title: 'Zygomorphic flowers late', publishedAt: '2026-06-15T12:00:00.800Z' })
    const found = async (query: string) => (await find(`q=zygomorphic&${query}`)).body.docs.map((hit: { article: { id: number } }) => hit.article.id)
    expect(await found('sort=newest')).toEqual([late, early])
    expect(await found('from=2026-06-15T12:00:00.500Z')).toEqual([late])
    expect(await found('to=2026-06-15T12:00:00.500Z')).toEqual([early])
    expect(await found('from=2026-06-15T12:00:00.400Z&to=2026-06-15T12:00:00.400Z')).toEqual([early])
    expect(await found('from=2026-06-15&to=2026-06-15&sort=newest')).toEqual([late, early])
    expect(await found('to=2026-06-14')).toEqual([])
  })

  it('keeps entries published in the same second apart, however their ids fall', async () => {
    const engine = searchEngineOf(cms.payload)!
    const entry = { article: '0', locale: 'en' as const, publishedAt: '2026-06-16T08:00:00.000Z', title: 'same second', excerpt: '', people: '', tags: '', body: '', bodyText: '', authorIds: '', tagIds: ' 987654 ' }
    // Store ids 32,768 apart share a slot within the second on SQLite (src/search/sqliteEngine.ts).
    const fabricated = [900_001, 900_001 + 32_768, 900_001 + 2 * 32_768]
    await engine.write(cms.payload, fabricated.slice(0, 2).map((id) => ({ ...entry, id })))
    await engine.write(cms.payload, [{ ...entry, id: fabricated[2]! }])
    expect((await engine.idsShowing(cms.payload, 'tags', '987654')).sort()).toEqual(fabricated)
    // Rewritten in place, and removed, one by one.
    await engine.write(cms.payload, [{ ...entry, id: fabricated[0]!, publishedAt: '2026-06-17T08:00:00.000Z' }])
    expect((await engine.idsShowing(cms.payload, 'tags', '987654')).sort()).toEqual(fabricated)
    await engine.remove(cms.payload, [fabricated[1]!])
    expect((await engine.idsShowing(cms.payload, 'tags', '987654')).sort()).toEqual([fabricated[0], fabricated[2]])
    await engine.remove(cms.payload, fabricated)
    expect(await engine.idsShowing(cms.payload, 'tags', '987654')).toEqual([])
  })
})

describe('the query syntax readers type', () => {
  it('needs every word, and finds stemmed forms and people and tags by name', async () => {
    expect(await titles('q=militias%20kadhimi')).toEqual(['Iraqi militias defy government, expand networks and pressure'])
    expect(await titles('q=election')).toEqual(['Elections postponed in Erbil'])
    expect(await titles('q=mamouri%20parliament')).toEqual(['A week in parliament'])
    expect(await titles('q=politics%20erbil')).toEqual(['Elections postponed in Erbil'])
  })

  it('matches "exact phrases", excludes -words, and takes or', async () => {
    expect(await titles('q=%22southern%20Baghdad%22')).toHaveLength(1)
    expect(await titles('q=%22Baghdad%20southern%22')).toEqual([])
    // "Kirkuk oil deal signed" has "A budget story." as its excerpt.
    expect(await titles('q=kirkuk%20-budget')).toEqual(['A week in parliament'])
    expect(await titles('q=kirkuk%20-%22budget%20talks%22')).toEqual(['Kirkuk oil deal signed', 'A week in parliament'])
    expect(await titles('q=erbil%20or%20hezbollah')).toHaveLength(2)
  })

  it('searches every word, short ones too, and a phrase only as written', async () => {
    expect(await titles('q=%22members%20argued%20about%22')).toEqual(['A week in parliament'])
    expect(await titles('q=%22members%20about%22')).toEqual([])
    expect(await titles('q=%22the%20vote%20moves%22')).toEqual(['Elections postponed in Erbil'])
    expect((await titles('q=the')).length).toBeGreaterThan(3)
  })

  it('takes the last word as a prefix, for search as you type', async () => {
    expect(await titles('q=kirk')).toHaveLength(3)
    expect(await titles('q=oil%20kirk')).toEqual(['Kirkuk oil deal signed'])
    // Only the last word: an earlier one is a whole word.
    expect(await titles('q=kirk%20oil')).toEqual([])
  })

  it('finds words whatever their accents and apostrophes', async () => {
    const id = await publish({ title: 'A café in Mosul', body: lexicalFromParagraphs(["Kata'ib fighters left the Café Nuri."]) })
    expect((await find('q=cafe%20nuri')).body.docs[0].article.id).toBe(id)
    expect((await find('q=kataib%20nuri')).body.docs[0].article.id).toBe(id)
  })
})

describe('the index follows every change, in the change’s transaction', () => {
  it('never has a draft, nor a revision waiting for review until it is published', async () => {
    await createArticle(cms.payload, { title: 'Quarantined draft about Zakho', body: lexicalFromParagraphs(['Zakho zakho.']) })
    expect(await titles('q=zakho')).toEqual([])
    const id = await publish({ title: 'Dams on the Tigris', body: lexicalFromParagraphs(['Water levels fell.']) })
    const revision = await api(cms.baseUrl, `/api/articles/${id}?draft=true`, { method: 'PATCH', token: editor.token, body: { title: 'Dams on the Tigris and Halabja' } })
    expect(revision.status).toBe(200)
    expect(await titles('q=halabja')).toEqual([])
    expect(await titles('q=tigris')).toEqual(['Dams on the Tigris'])
    await publishRevision(cms.baseUrl, id, editor.token, { title: 'Dams on the Tigris and Halabja' })
    expect(await titles('q=halabja')).toEqual(['Dams on the Tigris and Halabja'])
  })

  it('drops an unpublished or deleted article', async () => {
    const id = await publish({ title: 'Sinjar returns', body: lexicalFromParagraphs(['Families went back to Sinjar.']) })
    expect(await titles('q=sinjar')).toEqual(['Sinjar returns'])
    const unpublished = await api(cms.baseUrl, `/api/articles/${id}`, { method: 'PATCH', token: editor.token, body: { _status: 'draft' } })
    expect(unpublished.status).toBe(200)
    expect(await titles('q=sinjar')).toEqual([])
    const other = await publish({ title: 'Sinjar again', body: lexicalFromParagraphs(['More families.']) })
    expect(await titles('q=sinjar')).toEqual(['Sinjar again'])
    await cms.payload.delete({ collection: 'articles', id: other, overrideAccess: true })
    expect(await titles('q=sinjar')).toEqual([])
  })

  it('finds an author or tag by a new name as soon as it is saved', async () => {
    const author = (await cms.payload.create({ collection: 'authors', data: { name: 'Hamid Basri' } as never, overrideAccess: true })).id
    const tag = (await cms.payload.create({ collection: 'tags', data: { name: 'Water' } as never, overrideAccess: true })).id
    await publish({ title: 'Marshes dry up', body: lexicalFromParagraphs(['The marshes shrank.']), authors: [author], tags: [tag] })
    expect(await titles('q=basri')).toEqual(['Marshes dry up'])
    await api(cms.baseUrl, `/api/authors/${author}`, { method: 'PATCH', token: editor.token, body: { name: 'Hamid al-Zubaidi' } })
    await api(cms.baseUrl, `/api/tags/${tag}`, { method: 'PATCH', token: editor.token, body: { name: 'Drought' } })
    // No background job has run: the index changed with the rename.
    expect(await titles('q=zubaidi')).toEqual(['Marshes dry up'])
    expect(await titles('q=basri')).toEqual([])
    expect(await titles('q=drought%20marshes')).toEqual(['Marshes dry up'])
  })

  it('purges cached searches when an article is published', async () => {
    const before = await find('q=fallujah')
    expect(before.body.totalDocs).toBe(0)
    expect(before.headers.get('cache-control')).toContain('s-maxage')
    expect(before.headers.get('surrogate-key')).toContain('search')
    const again = await api(cms.baseUrl, '/api/search?q=fallujah', { headers: { 'if-none-match': before.headers.get('etag')! } })
    expect(again.status).toBe(304)
    const id = await publish({ title: 'Fallujah rebuilds', body: lexicalFromParagraphs(['Markets reopened.']) })
    const after = await find('q=fallujah')
    expect(after.body.docs.map((hit: { article: { id: number } }) => hit.article.id)).toEqual([id])
    expect(after.headers.get('surrogate-key')).toContain(`articles:${id}`)
  })

  it('rebuilds to the same results', async () => {
    const before = await find('q=militias&limit=50')
    const written = await rebuildSearchIndex(cms.payload)
    expect(written).toBeGreaterThan(5)
    const after = await api(cms.baseUrl, '/api/search?q=militias&limit=50', { headers: { 'cache-control': 'no-cache' } })
    expect(after.body).toEqual(before.body)
    expect((await searchEngineOf(cms.payload)!.state(cms.payload)).entries).toBe(written)
  })
})

describe('the Arabic edition', () => {
  it('searches one edition at a time', async () => {
    expect(await titles('q=counterterrorism&locale=ar')).toEqual([])
    expect(await titles('q=counterterrorism&locale=en')).toHaveLength(1)
    expect(await titles(`q=${encodeURIComponent('الميليشيات')}&locale=ar`)).toEqual(['الفصائل المسلحة تتحدى الحكومة العراقية'])
    expect(await titles(`q=${encodeURIComponent('الميليشيات')}`)).toEqual([])
  })

  it('finds العراق in its prefixed forms, whatever the alef, ta marbuta, harakat and tatweel', async () => {
    const id = await publish({ title: 'تقرير', body: lexicalFromParagraphs(['زار الوفد بالعراق والعراق للعراق فالعراق، وقال إنّ الأمــن مُستقرّ في مدينة الموصل.']) }, 'ar')
    for (const query of ['العراق', 'عراق', 'الامن', 'الأمن', 'مستقر', 'المدينه', 'الموصل']) {
      const found = (await find(`q=${encodeURIComponent(query)}&locale=ar`)).body.docs.map((hit: { article: { id: number } }) => hit.article.id)
      expect([query, found.includes(id)]).toEqual([query, true])
    }
    const { body } = await find(`q=${encodeURIComponent('العراق')}&locale=ar`)
    const hit = body.docs.find((doc: { article: { id: number } }) => doc.article.id === id)
    expect(hit.snippet.highlights.map(({ start, end }: { start: number; end: number }) => hit.snippet.text.slice(start, end))).toEqual(['بالعراق', 'والعراق', 'للعراق', 'فالعراق'])
  })

  it('finds the sample paragraph in Arabic, and the byline in either script', async () => {
    expect(await titles(`q=${encodeURIComponent('الحشد الشعبي')}&locale=ar`)).toEqual(['الفصائل المسلحة تتحدى الحكومة العراقية'])
    expect(await titles(`q=${encodeURIComponent('"الحشد الشعبي"')}&locale=ar`)).toHaveLength(1)
    expect(await titles('q=mamouri&locale=ar')).toEqual(['الفصائل المسلحة تتحدى الحكومة العراقية'])
  })

  // Query → the form the article has; recall over prefixed and suffixed forms (docs/search.md).
  const FORMS: Array<[string, string]> = [
    ['العراق', 'بالعراق'], ['العراق', 'والعراق'], ['العراق', 'للعراق'], ['العراق', 'فالعراق'], ['العراق', 'كالعراق'],
    ['العراق', 'العراقية'], ['العراق', 'العراقيون'], ['الحكومة', 'والحكومة'], ['الحكومة', 'بالحكومة'], ['الحكومة', 'للحكومة'],
    ['حكومة', 'حكومات'], ['الانتخابات', 'بالانتخابات'], ['الانتخابات', 'والانتخابات'], ['انتخابات', 'الانتخابات'], ['البرلمان', 'بالبرلمان'],
    ['البرلمان', 'والبرلمان'], ['بغداد', 'وبغداد'], ['بغداد', 'ببغداد'], ['الأمن', 'والأمن'], ['الامن', 'الأمن'],
    ['إيران', 'ايران'], ['إيران', 'وإيران'], ['إيران', 'الإيرانية'], ['المتظاهرين', 'المتظاهرون'], ['المتظاهرين', 'والمتظاهرين'],
    ['السياسية', 'السياسي'], ['مدينة', 'المدينة'], ['مدينة', 'مدينتها'], ['الشيعة', 'والشيعة'], ['الكرد', 'للكرد'],
    ['كردستان', 'بكردستان'], ['مصطفى', 'مصطفي'], ['الكاظمي', 'والكاظمي'], ['الحشد', 'بالحشد'], ['الشعبي', 'الشعبية'],
    ['تطوير', 'تَطْوِير'], ['القانون', 'بالقانون'], ['الاحتجاجات', 'احتجاج'], ['الحكومة', 'الحكـومة'], ['الميليشيات', 'والميليشيات'],
  ]

  it(`finds at least 90% of ${FORMS.length} prefixed and suffixed forms`, async () => {
    const articleOf = new Map<string, number>()
    for (const [, form] of FORMS) {
      if (!articleOf.has(form)) articleOf.set(form, await publish({ title: `نموذج ${articleOf.size}`, body: lexicalFromParagraphs([`نص قصير فيه ${form} فقط.`]) }, 'ar'))
    }
    const missed: string[] = []
    for (const [query, form] of FORMS) {
      const { body } = await find(`q=${encodeURIComponent(query)}&locale=ar&limit=50`)
      if (!body.docs.some((hit: { article: { id: number } }) => hit.article.id === articleOf.get(form))) missed.push(`${query} → ${form}`)
    }
    const recall = (FORMS.length - missed.length) / FORMS.length
    console.log(`Arabic recall on ${cms.database.kind}: ${(recall * 100).toFixed(1)}% (${FORMS.length - missed.length}/${FORMS.length}); missed: ${missed.join(', ') || 'none'}`)
    expect(recall).toBeGreaterThanOrEqual(0.9)
  })
})

describe('GraphQL', () => {
  it('answers searchArticles with the article’s own fields, its snippet and pagination', async () => {
    const result = await graphql(cms.baseUrl, `query($q: String!) { searchArticles(q: $q, limit: 2) { totalDocs totalPages docs { score snippet { text html highlights { start end } } article { id title authors { name } } } } }`, { variables: { q: 'kirkuk' } })
    expect(result.body.errors).toBeUndefined()
    const found = result.body.data.searchArticles
    expect(found.totalDocs).toBe(3)
    expect(found.docs.map((hit: { article: { title: string } }) => hit.article.title)).toEqual(['Kirkuk oil deal signed', 'Budget talks resume'])
    expect(found.docs[0].article.authors).toEqual([{ name: 'Shilan Rudaw' }])
    expect(found.docs[0].score).toBeGreaterThan(found.docs[1].score)
  })

  it('takes two searches in one request, and refuses more before running any', async () => {
    const two = await graphql(cms.baseUrl, `{ en: searchArticles(q: "kirkuk") { totalDocs } ar: searchArticles(q: "الميليشيات", locale: "ar") { totalDocs } }`)
    expect([two.status, two.body.data?.en.totalDocs]).toEqual([200, 3])
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: searchArticles(q: "v${i}", limit: 50) { totalDocs }`).join(' ')
    const many = await graphql(cms.baseUrl, `{ ${aliases} }`)
    expect([many.status, many.body.errors?.[0]?.message]).toEqual([400, expect.stringContaining('at most 2 times')])
    const hidden = await graphql(cms.baseUrl, `{ ...A ...B x: searchArticles(q: "x") { totalDocs } } fragment A on Query { a: searchArticles(q: "a") { totalDocs } } fragment B on Query { b: searchArticles(q: "b") { totalDocs } }`)
    expect(hidden.status).toBe(400)
  })

  it('searches the Arabic edition, and refuses bad input with 400', async () => {
    const arabic = await graphql(cms.baseUrl, `{ searchArticles(q: "الميليشيات", locale: "ar") { totalDocs docs { article { title } } } }`)
    expect(arabic.body.data.searchArticles.docs.map((hit: { article: { title: string } }) => hit.article.title)).toContain('الفصائل المسلحة تتحدى الحكومة العراقية')
    for (const args of ['q: "   "', 'q: "x", limit: 51', 'q: "x", locale: "all"', `q: "${'a'.repeat(201)}"`]) {
      const refused = await graphql(cms.baseUrl, `{ searchArticles(${args}) { totalDocs } }`)
      expect([args, refused.status, typeof refused.body.errors?.[0]?.message]).toEqual([args, 400, 'string'])
    }
  })
})

describe('bad input', () => {
  it.each([
    ['', 'no q'],
    ['q=', 'an empty q'],
    ['q=%20%20%09', 'a whitespace q'],
    [`q=${'a'.repeat(201)}`, 'a q over 200 characters'],
    ['q=iraq&limit=51', 'a limit over 50'],
    ['q=iraq&limit=0', 'a limit of 0'],
    ['q=iraq&page=101', 'a page past 100'],
    ['q=iraq&q=iran', 'q twice'],
    ['q=iraq&sort=oldest', 'an unknown sort'],
    ['q=iraq&from=yesterday', 'a date that is not one'],
    ['q=iraq&from=2026-05-02&to=2026-05-01', 'from after to'],
    ['q=iraq&from=2026-02-30', 'a day that does not exist'],
    ['q=iraq&to=2025-02-29', 'the 29th of February of a common year'],
    ['q=iraq&from=2026-05-01T25:00:00Z', 'an hour that does not exist'],
    [`q=${encodeURIComponent('😀'.repeat(201))}`, '201 emoji (more than 200 characters)'],
    ['q=or', 'only the word or'],
    ['q=iraq&tag=no-such-tag', 'an unknown tag'],
    ['q=iraq&depth=5', 'an unknown parameter'],
    ['q=iraq&locale=all', 'every edition at once'],
    ['q=-iraq', 'only excluded words'],
    ['q=%22%22%20***', 'no words at all'],
  ])('refuses %s (%s) with a 400 that says why', async (query) => {
    const result = await find(query)
    expect([result.status, typeof result.body.errors?.[0]?.message]).toEqual([400, 'string'])
    expect(result.body.errors[0].message.length).toBeGreaterThan(10)
  })

  it.each(['kirkuk*', 'NEAR(kirkuk oil)', 'title:kirkuk', '^kirkuk', '"kirkuk', 'kirkuk"', "kirkuk' & !oil", 'kirkuk:*', '(kirkuk', 'kirkuk AND', '{title}: kirkuk', 'kirkuk <-> oil'])(
    'reads engine syntax as words: %s',
    async (q) => {
      const result = await find(`q=${encodeURIComponent(q)}`)
      expect(result.status).toBe(200)
      const kirkuk = (await titles('q=kirkuk')) as string[]
      for (const hit of result.body.docs) expect(kirkuk).toContain(hit.article.title)
    },
  )

  it.each(['OR', '*', '"" ^', ':*', '<->', '!'])('refuses a query of operators only: %s', async (q) => {
    expect((await find(`q=${encodeURIComponent(q)}`)).status).toBe(400)
  })

  it('answers 1,000 arbitrary strings with 200 or 400, never a 5xx', async () => {
    const seen: number[] = []
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('"', '*', 'NEAR', '^', 'a:b', '-', 'or', '&', '!', "'", '\\', ':*', '<->')), async (q) => {
        const result = await find(`q=${encodeURIComponent(q)}&locale=${seen.length % 2 ? 'ar' : 'en'}`)
        seen.push(result.status)
        return result.status === 200 || result.status === 400
      }),
      { numRuns: 1000 },
    )
    expect(seen).toHaveLength(1000)
    expect(seen.filter((status) => status === 200).length).toBeGreaterThan(100)
  }, 240_000)

  it('takes the whole calendar: year 1 to the last day of 9999, and leap days', async () => {
    expect(await titles('q=kirkuk&from=0001-01-01&to=9999-12-31')).toHaveLength(3)
    expect(await titles('q=kirkuk&to=9999-12-31T23:59:59.999Z')).toHaveLength(3)
    expect(await titles('q=kirkuk&from=9999-12-31')).toEqual([])
    expect((await find('q=kirkuk&from=2024-02-29')).status).toBe(200)
    expect((await find('q=kirkuk&to=2026-11-01T09:00:00%2B03:00')).body.totalDocs).toBe(2)
  })

  it('says why, with the earlier date first', async () => {
    expect((await find('q=iraq&from=2026-12-03&to=2026-12-01')).body.errors[0].message).toBe('from is after to: give the earlier date as from.')
    expect((await find('q=or')).body.errors[0].message).toContain('"or"')
    // Characters as readers count them, not UTF-16 units: 200 emoji are 200 characters.
    expect((await find(`q=${encodeURIComponent('😀'.repeat(201))}`)).body.errors[0].message).toContain('this one has 201')
    expect((await find(`q=${encodeURIComponent('😀'.repeat(150))}%20kirkuk`)).status).toBe(200)
  })

  it('finds a word with an invisible soft hyphen or zero-width space in it', async () => {
    expect(await titles('q=kir%C2%ADkuk')).toHaveLength(3)
    expect(await titles('q=kir%E2%80%8Bkuk')).toHaveLength(3)
  })

  it('answers 405 to a write', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const result = await api(cms.baseUrl, '/api/search?q=x', { method, body: {} })
      expect([method, result.status, result.body.errors[0].message]).toEqual([method, 405, expect.stringContaining('GET /api/search')])
    }
  })

  it('revalidates a weak ETag too', async () => {
    const first = await find('q=erbil')
    expect((await api(cms.baseUrl, '/api/search?q=erbil', { headers: { 'if-none-match': `W/${first.headers.get('etag')}` } })).status).toBe(304)
  })

  it('runs only checked requests through the service', async () => {
    await expect(searchRequestOf(cms.payload, { q: 'x', limit: 1.5 }, 'en')).rejects.toThrow('whole number')
    await expect(searchRequestOf(cms.payload, { q: ['x'] }, 'en')).rejects.toThrow('text')
  })
})

describe('the example frontend’s search page', () => {
  const html = async (path: string) => {
    const response = await fetch(`${cms.baseUrl}${path}`)
    return { status: response.status, text: await response.text(), headers: response.headers }
  }

  it('shows the form, then ranked hits with marked snippets, filters and pages', async () => {
    const empty = await html('/search')
    expect(empty.status).toBe(200)
    expect(empty.text).toContain('<input id="q" name="q" type="search"')
    expect(empty.text).toContain('<option value="politics">Politics</option>')
    expect(empty.text).toContain('<option value="ali-mamouri">Ali Mamouri</option>')
    const found = await html('/search?q=kirkuk')
    expect(found.status).toBe(200)
    expect(found.headers.get('content-security-policy')).toContain("form-action 'self'")
    expect(found.text).toContain('3 articles')
    expect(found.text.indexOf('Kirkuk oil deal signed')).toBeLessThan(found.text.indexOf('Budget talks resume'))
    expect(found.text).toContain('<mark>Kirkuk</mark>')
    expect(found.text).toMatch(/<a href="\/read\/kirkuk-oil-deal-signed">Kirkuk oil deal signed<\/a>/)
    const filtered = await html('/search?q=kirkuk&tag=politics')
    expect(filtered.text).toContain('1 article')
    expect(filtered.text).toContain('<option value="politics" selected>')
  })

  it('pages through hits', async () => {
    for (let i = 0; i < 11; i++) await publish({ title: `Basra port report ${i}`, body: lexicalFromParagraphs(['Ships queued at Umm Qasr.']) })
    const first = await html('/search?q=qasr')
    expect(first.text).toContain('Page 1 of 2')
    expect(first.text).toContain('href="/search?q=qasr&amp;page=2"')
    const second = await html('/search?q=qasr&page=2')
    expect(second.text).toContain('rel="prev"')
    expect((second.text.match(/class="hit"/g) ?? []).length).toBe(1)
  })

  it('searches the Arabic edition right to left', async () => {
    const arabic = await html(`/ar/search?q=${encodeURIComponent('الميليشيات')}`)
    expect(arabic.status).toBe(200)
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">')
    expect(arabic.text).toContain('الفصائل المسلحة تتحدى الحكومة العراقية')
    expect(arabic.text).toContain('href="/ar/read/')
  })

  it('shows the API’s message, with its status, for a search it refuses, and escapes what was typed', async () => {
    const long = await html(`/search?q=${'a'.repeat(201)}`)
    expect(long.status).toBe(400)
    expect(long.text).toContain('at most 200 characters')
    const hostile = await html(`/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`)
    expect(hostile.status).toBe(200)
    expect(hostile.text).not.toContain('<script>alert(1)')
    expect(hostile.text).toContain('&quot;&gt;&lt;script&gt;')
  })
})

describe('the fallback where there is no index (MongoDB)', () => {
  it('finds published articles by the words of their title, newest first', async () => {
    const request = await searchRequestOf(cms.payload, { q: 'kirkuk' }, 'en')
    const { rows, total } = await fallbackSearch(cms.payload, request)
    expect(total).toBe(2)
    expect(rows.map((row) => JSON.parse(row.json).title)).toEqual(['Kirkuk oil deal signed', 'Budget talks resume'])
  })
})


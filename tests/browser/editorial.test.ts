import type { Browser, Page } from 'playwright-core'

import sharp from 'sharp'

import type { BrowserHarness } from '../helpers/browser'
import type { ServerProcess } from '../helpers/serverProcess'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { registerStaff, screenshot, signIn, startBrowserHarness } from '../helpers/browser'
import { api, graphql } from '../helpers/http'
import { waitFor } from '../helpers/waitFor'

/**
 * The whole editorial job in the admin, in a real browser: an author writes an article in the
 * Lexical editor (heading, link, quote, image), tags it and submits it; an editor requests
 * changes with a note; the author revises and resubmits; the editor approves and publishes; the
 * article is then in an anonymous GraphQL query. A contributor is never offered Publish.
 */
const password = 'a long enough password'
const title = 'Turnout fell in the provincial elections'
let harness: BrowserHarness
let server: ServerProcess
let browser: Browser
let adminToken: string
let articleId: number

const tokenOf = async (email: string) => (await api(server.url, '/api/users/login', { method: 'POST', body: { email, password } })).body.token as string
const latest = async () => (await api(server.url, `/api/articles/${articleId}?draft=true&depth=1`, { token: adminToken })).body

async function session(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  await signIn(page, server.url, email, password)
  return page
}

/** Who holds Payload's edit lock on an article (a user id), if anyone. */
async function lockHolder(id: number): Promise<number | undefined> {
  const locks = await api(server.url, `/api/payload-locked-documents?where[document.value][equals]=${id}&depth=0`, { token: adminToken })
  return locks.body.docs[0]?.user?.value
}

/**
 * Leaves the article as a person does, through the admin's own navigation, and gives Payload a
 * moment to release the edit lock. Payload's client releases it only when its own lock state says
 * it holds one, which right after creating an article it may not yet; then the lock stays behind,
 * as it does for a person, and the next person takes it over (openArticle).
 */
async function leave(page: Page) {
  if (articleId && page.url().includes(`/articles/${articleId}`)) {
    // The breadcrumb back to the list (a client-side navigation, as a person clicks it).
    await page.locator('.step-nav a[href="/admin/collections/articles"], .app-header a[href="/admin/collections/articles"]').first().click()
    await page.waitForURL((url) => url.pathname === '/admin/collections/articles')
    await waitFor(async () => (await lockHolder(articleId)) === undefined, 15_000, 'the edit lock to be released').catch(() => {})
  }
  await page.context().close()
}

/**
 * Opens an article for editing. When the previous person in the chain still holds Payload's edit
 * lock, an editor takes it over, as the lock dialog offers, and a writer's is cleared by the desk;
 * workflow steps are refused otherwise.
 */
async function openArticle(page: Page, id: number) {
  await page.goto(`${server.url}/admin/collections/articles/${id}`)
  await page.getByTestId('workflow-stage').waitFor()
  const me = await page.evaluate(async () => ((await (await fetch('/api/users/me')).json()) as { user?: { id: number } }).user?.id)
  const holder = await lockHolder(id)
  const role = await page.evaluate(async () => ((await (await fetch('/api/users/me')).json()) as { user?: { role: string } }).user?.role)
  if (holder !== undefined && holder !== me && role !== 'editor' && role !== 'admin') {
    // Writers may not take over a colleague's lock (src/locks/lockedDocuments.ts): a lock left
    // behind is cleared by the desk, as an editor would from the admin, and the page reloaded.
    await api(server.url, `/api/payload-locked-documents?where[document.value][equals]=${id}`, { method: 'DELETE', token: adminToken })
    await page.reload()
    await page.getByTestId('workflow-stage').waitFor()
  } else if (holder !== undefined && holder !== me) {
    const locked = page.locator('dialog#document-locked')
    await locked.waitFor({ timeout: 15_000 })
    await locked.getByRole('button', { name: /take over/i }).click()
    await locked.waitFor({ state: 'hidden' })
    await waitFor(async () => (await lockHolder(id)) === me, 15_000, 'the edit lock to pass to the next person')
  }
}

const stageIs = (page: Page, label: string) => page.getByTestId('workflow-stage').filter({ hasText: new RegExp(`^${label}$`) }).waitFor()

beforeAll(async () => {
  harness = await startBrowserHarness({ SEED_DEMO: 'false' })
  ;({ server, browser } = harness)
  adminToken = await registerStaff(server.url, password, [
    { email: 'editor@newsroom.test', role: 'editor', name: 'Eddie Editor' },
    { email: 'author@newsroom.test', role: 'author', name: 'Ada Author' },
    { email: 'contributor@newsroom.test', role: 'contributor', name: 'Cy Contributor' },
  ])
  for (const name of ['Elections', 'Iraq']) await api(server.url, '/api/tags', { method: 'POST', token: adminToken, body: { name } })
  // The photo desk's image, in the media library for the author to place.
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2f6f8f' } }).png().toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'polling-station.png')
  form.append('_payload', JSON.stringify({ alt: 'A polling station in Basra' }))
  const upload = await fetch(`${server.url}/api/media`, { method: 'POST', body: form, headers: { authorization: `JWT ${await tokenOf('author@newsroom.test')}` } })
  expect(upload.status).toBe(201)
}, 240_000)

afterAll(() => harness?.stop())

test('1. the author writes the article in the editor, with a heading, a link, a quote and an image, tags it and submits it', async () => {
  const page = await session('author@newsroom.test')
  await page.goto(`${server.url}/admin/collections/articles/create`)
  await page.locator('#field-title').fill(title)

  const editor = page.locator('[data-lexical-editor="true"]').first()
  await editor.click()
  // Markdown shortcuts, as writers type them: "## " makes a heading, "> " a quote, [text](url) a link.
  await page.keyboard.type('Fewer than four in ten voters went to the polls on Monday.')
  await page.keyboard.press('Enter')
  await page.keyboard.type('## Why people stayed home')
  await page.keyboard.press('Enter')
  await page.keyboard.type('The commission published [its figures](https://example.org/ihec) overnight.')
  await page.keyboard.press('Enter')
  await page.keyboard.type('> Nobody asked us what we need.')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  // The image: "/" opens the editor's menu; Upload picks from the media library.
  await page.keyboard.type('/upload')
  await page.getByRole('option', { name: 'Upload' }).click()
  // The media library drawer lists images by their alt text.
  await page.getByText('A polling station in Basra', { exact: true }).first().click()
  await editor.locator('.LexicalEditorTheme__upload').first().waitFor()

  await page.locator('#field-tags').click()
  await page.keyboard.type('Elections')
  await page.getByRole('option', { name: 'Elections' }).click()

  await page.waitForURL(/\/admin\/collections\/articles\/\d+/)
  articleId = Number(/articles\/(\d+)/.exec(page.url())![1])
  // Autosave keeps the draft: wait until the server has all of it.
  await waitFor(
    async () => {
      const article = await latest()
      const types = (article.body?.root?.children ?? []).map((node: { type: string; tag?: string }) => node.tag ?? node.type)
      return article.title === title && ['h2', 'quote', 'upload'].every((type) => types.includes(type)) && JSON.stringify(article.body).includes('https://example.org/ihec') && article.tags?.length === 1
    },
    30_000,
    'the autosaved draft',
  )
  await screenshot(page, 'editorial-01-author-wrote')

  await page.getByRole('button', { name: 'Submit for review' }).click()
  await stageIs(page, 'In review')
  await screenshot(page, 'editorial-02-author-submitted')
  await leave(page)
})

test('2. the editor requests changes with a note', async () => {
  const page = await session('editor@newsroom.test')
  await openArticle(page, articleId)
  await stageIs(page, 'In review')
  await page.getByLabel('Note for the writer').fill('Add the turnout in Basra.')
  await page.getByRole('button', { name: 'Request changes' }).click()
  await stageIs(page, 'Changes requested')
  await screenshot(page, 'editorial-03-editor-requested-changes')
  await leave(page)
})

test('3. the author revises and resubmits', async () => {
  const page = await session('author@newsroom.test')
  await openArticle(page, articleId)
  await stageIs(page, 'Changes requested')
  const editor = page.locator('[data-lexical-editor="true"]').first()
  await editor.locator('p').first().click()
  await page.keyboard.press('End')
  await page.keyboard.type(' In Basra it was one in four.')
  await waitFor(async () => JSON.stringify((await latest()).body).includes('In Basra it was one in four.'), 30_000, 'the revision to autosave')
  // Live preview beside the editor: the reading page with the latest draft.
  await page.getByRole('button', { name: /live preview/i }).first().click()
  const preview = page.frameLocator('iframe').first()
  await preview.getByText('Preview: this is the latest draft').waitFor()
  await preview.getByText('In Basra it was one in four.', { exact: false }).waitFor()
  await screenshot(page, 'editorial-04-author-revised')
  await page.getByRole('button', { name: 'Submit for review' }).click()
  await stageIs(page, 'In review')
  await leave(page)
})

test('4. the editor approves and publishes; anonymous GraphQL then has the article', async () => {
  const page = await session('editor@newsroom.test')
  await openArticle(page, articleId)
  await stageIs(page, 'In review')
  await page.getByRole('button', { name: 'Approve' }).click()
  await stageIs(page, 'Approved')
  await screenshot(page, 'editorial-05-editor-approved')
  await page.getByTestId('workflow-panel').getByRole('button', { name: 'Publish' }).click()
  await stageIs(page, 'Published')
  await screenshot(page, 'editorial-06-editor-published')
  await leave(page)

  const { body } = await graphql(server.url, `{ Articles(where: { id: { equals: ${articleId} } }) { docs { title readingTime authors { name } tags { name } body } } }`)
  const [article] = body.data!.Articles.docs
  expect(article).toMatchObject({ title, authors: [{ name: 'Ada Author' }], tags: [{ name: 'Elections' }] })
  const text = JSON.stringify(article.body)
  expect(text).toContain('In Basra it was one in four.')
  expect(text).toContain('"tag":"h2"')
  expect(text).toContain('"type":"quote"')
  expect(text).toContain('"type":"upload"')
  expect(text).toContain('https://example.org/ihec')
  const history = await api(server.url, `/api/article-history?where[article][equals]=${articleId}&sort=createdAt&limit=20`, { token: adminToken })
  expect(history.body.docs.map((step: { transition: string }) => step.transition)).toEqual(['submit', 'requestChanges', 'submit', 'approve', 'publish'])
})

test('5. a contributor is never offered Publish, on their draft or on an approved article', async () => {
  const contributorToken = await tokenOf('contributor@newsroom.test')
  const own = await api(server.url, '/api/articles?draft=true', { method: 'POST', token: contributorToken, body: { title: 'A contributor’s first piece', body: lexicalFromParagraphs(['Draft text.']) } })
  expect(own.status).toBe(201)
  const page = await session('contributor@newsroom.test')
  for (const id of [own.body.doc.id, articleId]) {
    await openArticle(page, id)
    await page.locator('#field-title').waitFor()
    expect(await page.getByRole('button', { name: /^Publish/ }).count()).toBe(0)
  }
  await screenshot(page, 'editorial-07-contributor-no-publish')
  await leave(page)
})

test('the dashboard shows editors the articles by stage and edition, their reviews, what awaits translation and the comments to moderate', async () => {
  await api(server.url, `/api/articles?draft=true`, { method: 'POST', token: adminToken, body: { title: 'Waiting for Eddie', body: lexicalFromParagraphs(['Text.']) } })
  const editorUser = (await api(server.url, '/api/users?where[email][equals]=editor@newsroom.test', { token: adminToken })).body.docs[0]
  const waiting = (await api(server.url, '/api/articles?draft=true&where[title][equals]=Waiting for Eddie', { token: adminToken })).body.docs[0]
  await api(server.url, `/api/articles/${waiting.id}?draft=true`, { method: 'PATCH', token: adminToken, body: { stage: 'in_review', assignee: editorUser.id } })
  await api(server.url, '/api/comments', { method: 'POST', body: { article: articleId, authorName: 'Voter', email: 'voter@example.com', body: 'What about Mosul?' } })

  const page = await session('editor@newsroom.test')
  const dashboard = page.getByTestId('editorial-dashboard')
  await dashboard.waitFor()
  // One count per stage and edition: nothing is in the Arabic edition yet.
  const count = (stage: string, edition: string) => dashboard.locator(`[data-stage="${stage}"] [data-edition="${edition}"]`).textContent()
  await expect(count('published', 'en')).resolves.toBe('1')
  await expect(count('in_review', 'en')).resolves.toBe('1')
  await expect(count('published', 'ar')).resolves.toBe('0')
  await expect(count('in_review', 'ar')).resolves.toBe('0')
  // The live English article waits for its Arabic edition.
  await expect(dashboard.getByTestId('dashboard-awaiting-translation').textContent()).resolves.toMatch(/Not yet in Arabic: 1.*not started · unassigned/)
  await expect(dashboard.getByTestId('dashboard-assigned').textContent()).resolves.toContain('Waiting for Eddie')
  await dashboard.getByText('Comments to moderate: 1').waitFor()
  await screenshot(page, 'editorial-08-dashboard')
  await leave(page)
})

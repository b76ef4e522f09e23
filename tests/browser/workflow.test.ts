import type { Browser } from 'playwright-core'

import type { BrowserHarness } from '../helpers/browser'
import type { ServerProcess } from '../helpers/serverProcess'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { registerStaff, screenshot, signIn, startBrowserHarness } from '../helpers/browser'
import { api } from '../helpers/http'

const password = 'a long enough password'
let harness: BrowserHarness
let server: ServerProcess
let browser: Browser
let articleId: number
let adminToken: string

beforeAll(async () => {
  harness = await startBrowserHarness({ SEED_DEMO: 'false' })
  ;({ server, browser } = harness)
  adminToken = await registerStaff(server.url, password, [
    { email: 'editor@newsroom.test', role: 'editor', name: 'Eddie Editor' },
    { email: 'author@newsroom.test', role: 'author', name: 'Ada Author' },
  ])
  const author = await api(server.url, '/api/users/login', { method: 'POST', body: { email: 'author@newsroom.test', password } })
  const article = await api(server.url, '/api/articles?draft=true', {
    method: 'POST',
    token: author.body.token,
    body: { title: 'Militia networks explained', body: lexicalFromParagraphs(['First paragraph.']) },
  })
  expect(article.status).toBe(201)
  articleId = article.body.doc.id
}, 180_000)

afterAll(() => harness?.stop())

const panelButtons = async (page: import('playwright-core').Page) =>
  (await page.getByTestId('workflow-panel').getByRole('button').allTextContents()).map((text) => text.trim())

test('the author is offered exactly their steps, no Publish button, and submits for review', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, server.url, 'author@newsroom.test', password)
  await page.goto(`${server.url}/admin/collections/articles/${articleId}`)
  await page.getByTestId('workflow-stage').waitFor()
  await expect(page.getByTestId('workflow-stage').textContent()).resolves.toBe('Draft')
  expect(await panelButtons(page)).toEqual(['Submit for review'])
  expect(await page.getByRole('button', { name: /^Publish/ }).count()).toBe(0)
  await screenshot(page, 'workflow-01-author-draft')

  await page.getByRole('button', { name: 'Submit for review' }).click()
  await page.getByTestId('workflow-stage').filter({ hasText: 'In review' }).waitFor()
  expect(await panelButtons(page)).toEqual(['Withdraw from review'])
  await screenshot(page, 'workflow-02-author-submitted')
  await context.close()
})

test('the editor must write a note to request changes, then the author sees the stage', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, server.url, 'editor@newsroom.test', password)
  await page.goto(`${server.url}/admin/collections/articles/${articleId}`)
  await page.getByTestId('workflow-stage').filter({ hasText: 'In review' }).waitFor()
  expect(await panelButtons(page)).toEqual(['Withdraw from review', 'Request changes', 'Approve', 'Archive'])

  await page.getByRole('button', { name: 'Request changes' }).click()
  await page.getByText('Write a note for the writer first.').waitFor()
  await expect(page.getByTestId('workflow-stage').textContent()).resolves.toBe('In review')

  await page.getByLabel('Note for the writer').fill('Please source the second paragraph.')
  await page.getByRole('button', { name: 'Request changes' }).click()
  await page.getByTestId('workflow-stage').filter({ hasText: 'Changes requested' }).waitFor()
  await screenshot(page, 'workflow-03-editor-requested-changes')
  await context.close()

  const history = await api(server.url, `/api/article-history?where[article][equals]=${articleId}&sort=createdAt`, { token: adminToken })
  expect(history.body.docs.map((d: { transition: string }) => d.transition)).toEqual(['submit', 'requestChanges'])
  expect(history.body.docs[1].note).toBe('Please source the second paragraph.')
})

test('the list shows the stage column and filters by it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await signIn(page, server.url, 'editor@newsroom.test', password)
  await page.goto(`${server.url}/admin/collections/articles?where[stage][equals]=changes_requested`)
  await page.getByRole('link', { name: 'Militia networks explained' }).waitFor()
  await screenshot(page, 'workflow-04-list-by-stage')
  const row = page.locator('tr', { hasText: 'Militia networks explained' })
  await expect(row.textContent()).resolves.toContain('Changes requested')
  expect(await page.locator('tbody tr').count()).toBe(1)
  await context.close()
})

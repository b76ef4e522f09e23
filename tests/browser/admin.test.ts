import type { Browser, Page } from 'playwright-core'

import type { BrowserHarness } from '../helpers/browser'
import type { Receiver } from '../helpers/receiver'
import type { ServerProcess } from '../helpers/serverProcess'

import { screenshot, startBrowserHarness } from '../helpers/browser'
import { api } from '../helpers/http'
import { startReceiver } from '../helpers/receiver'
import { waitFor } from '../helpers/waitFor'

let harness: BrowserHarness
let server: ServerProcess
let browser: Browser
let page: Page
let receiver: Receiver

beforeAll(async () => {
  receiver = await startReceiver()
  harness = await startBrowserHarness({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' })
  ;({ server, browser } = harness)
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
}, 180_000)

afterAll(async () => {
  await harness?.stop()
  await receiver?.close()
})

test('a fresh install asks for the first user, who becomes an admin', async () => {
  await page.goto(`${server.url}/admin`)
  await page.waitForURL(/\/admin\/create-first-user/)
  await page.getByLabel('Email').fill('founder@newsroom.test')
  await page.getByLabel('New Password').fill('a long enough password')
  await page.getByLabel('Confirm Password').fill('a long enough password')
  await page.getByLabel('Name').fill('Founding Editor')
  await screenshot(page, '01-create-first-user')
  await page.getByRole('button', { name: 'Create' }).click()
  await page.waitForURL((url) => url.pathname === '/admin')
  await screenshot(page, '02-dashboard')
  await expect(page.getByRole('link', { name: /Articles/ }).first().isVisible()).resolves.toBe(true)

  const me = await page.evaluate(async () => (await fetch('/api/users/me')).json())
  expect(me.user).toMatchObject({ email: 'founder@newsroom.test', role: 'admin' })
})

test('the demo article is in the articles list and opens in the editor', async () => {
  await page.goto(`${server.url}/admin/collections/articles`)
  const row = page.getByRole('link', { name: 'Iraqi militias defy government, expand networks and pressure' })
  await row.waitFor()
  await screenshot(page, '03-articles-list')
  await row.click()
  await page.waitForURL(/\/admin\/collections\/articles\/\d+/)
  await page.getByText('The social pressure on the outlawed militias').first().waitFor()
  await screenshot(page, '04-article-editor')
})

test('moderating comments: the status links filter the list, and a pending comment is approved from its page', async () => {
  const articles = await page.evaluate(async () => (await fetch('/api/articles?limit=1')).json())
  // A reader (no session) comments on the demo article.
  const posted = await api(server.url, '/api/comments', {
    method: 'POST',
    body: { article: articles.docs[0].id, authorName: 'Curious reader', email: 'reader@example.com', body: 'Which groups does this cover?' },
  })
  expect(posted.status).toBe(201)

  await page.goto(`${server.url}/admin/collections/comments`)
  const tabs = page.getByTestId('comment-status-tabs')
  await tabs.getByRole('link', { name: 'pending (1)' }).click()
  await page.waitForURL(/where%5Bstatus%5D%5Bequals%5D=pending|where\[status\]\[equals\]=pending/)
  await screenshot(page, '07-comments-pending')
  await page.getByRole('link', { name: 'Curious reader' }).click()
  await page.waitForURL(/\/admin\/collections\/comments\/\d+/)
  await page.locator('#field-status').click()
  await page.getByRole('option', { name: 'approved' }).click()
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByText(/updated successfully/i).waitFor()

  const thread = await api(server.url, `/api/articles/${articles.docs[0].id}/comments`)
  expect(thread.body.docs.map((comment: { body: string }) => comment.body)).toEqual(['Which groups does this cover?'])
})

test('webhooks in the admin: issue a new signing secret, then redeliver a logged delivery', async () => {
  const created = await page.evaluate(async (url) => {
    const response = await fetch('/api/webhooks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Search index', url, events: ['article.unpublished'] }),
    })
    return response.json()
  }, receiver.url)
  await page.goto(`${server.url}/admin/collections/webhooks/${created.doc.id}`)
  await page.getByRole('button', { name: 'Issue a new signing secret' }).click()
  const secret = (await page.getByTestId('new-secret').textContent())!
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/)
  expect(secret).not.toBe(created.doc.secret)
  await screenshot(page, '05-webhook-secret')
  receiver.setSecrets([secret])

  // Taking the demo article down sends article.unpublished, signed with the new secret.
  const articles = await page.evaluate(async () => (await fetch('/api/articles?limit=1')).json())
  await page.evaluate(async (id) => {
    await fetch(`/api/articles/${id}?draft=true`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stage: 'archived' }) })
  }, articles.docs[0].id)
  await waitFor(() => receiver.received.length === 1, 15_000, 'the article.unpublished delivery')
  expect(receiver.received[0]!.verifiedWith).toEqual([secret])

  await page.goto(`${server.url}/admin/collections/webhook-deliveries`)
  await page.getByRole('link', { name: receiver.received[0]!.id }).click()
  await page.getByRole('button', { name: 'Redeliver' }).click()
  await page.getByText('Redelivery queued.').waitFor()
  await screenshot(page, '06-webhook-redelivered')
  await waitFor(() => receiver.received.length === 2, 15_000, 'the redelivery')
  expect(receiver.received[1]!.id).toBe(receiver.received[0]!.id)
})

import type { Browser, Page } from 'playwright-core'

import type { ServerProcess } from '../helpers/serverProcess'
import type { TestDatabase } from '../helpers/testDatabase'

import { launchBrowser, screenshot } from '../helpers/browser'
import { spawnServer } from '../helpers/serverProcess'
import { createTestDatabase } from '../helpers/testDatabase'

let database: TestDatabase
let server: ServerProcess
let browser: Browser
let page: Page

beforeAll(async () => {
  database = await createTestDatabase()
  server = await spawnServer({ DATABASE_URL: database.url, PAYLOAD_SECRET: 'browser-test-secret' }, { production: true })
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  server?.child.kill('SIGTERM')
  await server?.exited
  await database?.drop()
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

import type { Browser, Page } from 'playwright-core'

import type { Role } from '../../src/access/roles'
import type { ServerProcess } from './serverProcess'
import type { TestDatabase } from './testDatabase'

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

import { api } from './http'
import { spawnServer } from './serverProcess'
import { createTestDatabase } from './testDatabase'

const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/screenshots')

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** Saves a full-page screenshot under tests/artifacts/screenshots for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(artifacts, { recursive: true })
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true })
}

/** Signs in through the admin's login form. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForURL((url) => url.pathname === '/admin')
}

export type BrowserHarness = { database: TestDatabase; server: ServerProcess; browser: Browser; stop: () => Promise<void> }

/**
 * A fresh database, the production build of the CMS on it (admin UI included) and Chromium:
 * what every browser suite starts from. `stop` takes them down again, whatever got started.
 */
export async function startBrowserHarness(env: Record<string, string> = {}): Promise<BrowserHarness> {
  const harness: Partial<BrowserHarness> = {}
  const stop = async () => {
    await harness.browser?.close()
    harness.server?.child.kill('SIGTERM')
    await harness.server?.exited
    await harness.database?.drop()
  }
  try {
    harness.database = await createTestDatabase()
    harness.server = await spawnServer({ DATABASE_URL: harness.database.url, PAYLOAD_SECRET: 'browser-test-secret', ...env }, { production: true })
    harness.browser = await launchBrowser()
  } catch (error) {
    await stop()
    throw error
  }
  return { ...(harness as Omit<BrowserHarness, 'stop'>), stop }
}

export type StaffAccount = { email: string; role: Role; name: string }

/**
 * Registers the first user (an admin) and the given staff, all with `password`, over HTTP.
 * Returns the admin's token.
 */
export async function registerStaff(baseUrl: string, password: string, staff: StaffAccount[]): Promise<string> {
  const first = await api(baseUrl, '/api/users/first-register', { method: 'POST', body: { email: 'admin@newsroom.test', password } })
  if (first.status !== 200) throw new Error(`first-register failed: ${JSON.stringify(first.body)}`)
  for (const { email, role, name } of staff) {
    const created = await api(baseUrl, '/api/users', { method: 'POST', token: first.body.token, body: { email, password, role, name } })
    if (created.status !== 201) throw new Error(`creating ${email} failed: ${JSON.stringify(created.body)}`)
  }
  return first.body.token
}

import type { Browser, Page } from 'playwright-core'

import type { BrowserHarness } from '../helpers/browser'
import type { ServerProcess } from '../helpers/serverProcess'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { registerStaff, screenshot, signIn, startBrowserHarness } from '../helpers/browser'
import { api } from '../helpers/http'
import { waitFor } from '../helpers/waitFor'

/**
 * The Arabic edition in a real browser (docs/editions.md): the admin in Arabic, right to left; an
 * editor writes the Arabic edition of a live English article (an Arabic paragraph with an English
 * name inside it), which is stored right to left; once published, its reading page is Arabic and
 * right to left, with a link to the English edition. Screenshots in tests/artifacts/screenshots
 * (Debian's fonts-noto-core gives them real Arabic glyphs).
 */
const password = 'a long enough password'
const ARABIC_TITLE = 'الفصائل تتحدى الحكومة في بغداد'
const ARABIC_PARAGRAPH = 'قال رئيس الوزراء Mustafa al-Kadhimi إن الحكومة لن تتراجع.'
let harness: BrowserHarness
let server: ServerProcess
let browser: Browser
let editorToken: string
let articleId: number

async function session(email: string, language?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  await signIn(page, server.url, email, password)
  // The admin's language is a preference kept in Payload's `payload-lng` cookie (Account → Language).
  if (language) await context.addCookies([{ name: 'payload-lng', value: language, url: server.url }])
  return page
}

const step = async (id: number, locale: string, stage: string) => {
  const result = await api(server.url, `/api/articles/${id}?draft=true&locale=${locale}`, { method: 'PATCH', token: editorToken, body: { stage } })
  if (result.status !== 200) throw new Error(`${locale} -> ${stage}: ${JSON.stringify(result.body)}`)
}

beforeAll(async () => {
  harness = await startBrowserHarness({ SEED_DEMO: 'false' })
  ;({ server, browser } = harness)
  await registerStaff(server.url, password, [{ email: 'editor@newsroom.test', role: 'editor', name: 'Eddie Editor' }])
  editorToken = (await api(server.url, '/api/users/login', { method: 'POST', body: { email: 'editor@newsroom.test', password } })).body.token
  const created = await api(server.url, '/api/articles?locale=en', { method: 'POST', token: editorToken, body: { title: 'Militias defy the government in Baghdad', body: lexicalFromParagraphs(['The prime minister said the government would not back down.']) } })
  expect(created.status).toBe(201)
  articleId = created.body.doc.id
  for (const stage of ['in_review', 'approved', 'published']) await step(articleId, 'en', stage)
}, 240_000)

afterAll(() => harness?.stop())

test('the admin can be switched to Arabic, and then reads right to left', async () => {
  const page = await session('editor@newsroom.test', 'ar')
  await page.goto(`${server.url}/admin`)
  await page.getByTestId('editorial-dashboard').waitFor()
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir.toLowerCase()])).toEqual(['ar', 'rtl'])
  await screenshot(page, 'editions-01-admin-in-arabic')
  await page.context().close()
})

test('the Arabic edition is edited right to left; a paragraph with an English name in it is stored as right to left', async () => {
  const page = await session('editor@newsroom.test')
  await page.goto(`${server.url}/admin/collections/articles/${articleId}?locale=ar`)
  await page.getByTestId('workflow-stage').waitFor()
  // The Arabic edition has its own stage: not started.
  await expect(page.getByTestId('workflow-stage').textContent()).resolves.toBe('Draft')
  const title = page.locator('#field-title')
  expect(await title.getAttribute('data-rtl')).toBe('true')
  await title.fill(ARABIC_TITLE)
  const editor = page.locator('[data-lexical-editor="true"]').first()
  await expect(editor.evaluate((node) => getComputedStyle(node).direction)).resolves.toBe('rtl')
  await editor.click()
  await page.keyboard.type(ARABIC_PARAGRAPH)

  const arabic = async () => (await api(server.url, `/api/articles/${articleId}?draft=true&depth=0&locale=ar`, { token: editorToken })).body
  // Autosave keeps the draft of this edition.
  await waitFor(async () => JSON.stringify((await arabic()).body ?? {}).includes('Mustafa al-Kadhimi') && (await arabic()).title === ARABIC_TITLE, 30_000, 'the Arabic draft to autosave')
  const saved = await arabic()
  const paragraph = saved.body.root.children.find((node: { children?: Array<{ text?: string }> }) => node.children?.some((child) => child.text?.includes('Mustafa al-Kadhimi')))
  expect(paragraph.direction).toBe('rtl')
  expect(paragraph.children.map((child: { text: string }) => child.text).join('')).toBe(ARABIC_PARAGRAPH)
  await screenshot(page, 'editions-02-editing-arabic')

  // The English edition is untouched and still live.
  const english = await api(server.url, `/api/articles/${articleId}?depth=0&locale=en`)
  expect(english.body).toMatchObject({ title: 'Militias defy the government in Baghdad', _status: 'published' })
  await page.context().close()
})

test('the published Arabic edition reads right to left, in Arabic, with a link to the English edition', async () => {
  for (const stage of ['in_review', 'approved', 'published']) await step(articleId, 'ar', stage)
  const slug = (await api(server.url, `/api/articles/${articleId}?depth=0&locale=ar`)).body.slug as string
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } })
  const page = await context.newPage()
  const response = await page.goto(`${server.url}/ar/read/${encodeURIComponent(slug)}`)
  expect(response?.status()).toBe(200)
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl'])
  await expect(page.locator('h1').textContent()).resolves.toBe(ARABIC_TITLE)
  // Mixed direction: the English name sits inside the right-to-left paragraph, in reading order.
  const paragraph = page.locator('article p', { hasText: 'Mustafa al-Kadhimi' })
  await expect(paragraph.evaluate((node) => getComputedStyle(node).direction)).resolves.toBe('rtl')
  await expect(paragraph.textContent()).resolves.toBe(ARABIC_PARAGRAPH)
  const english = page.locator('nav.editions a[hreflang="en"]')
  await expect(english.textContent()).resolves.toBe('English')
  await screenshot(page, 'editions-03-reading-arabic')
  await english.click()
  await page.waitForURL(/\/read\/militias-defy-the-government-in-baghdad$/)
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr'])
  await context.close()
})

import type { Browser } from 'playwright-core'

import type { BrowserHarness } from '../helpers/browser'
import type { ServerProcess } from '../helpers/serverProcess'

import { lexicalFromParagraphs } from '../../src/richtext/paragraphs'
import { registerStaff, screenshot, startBrowserHarness } from '../helpers/browser'
import { api } from '../helpers/http'

/**
 * The example frontend's search page in a real browser (docs/search.md): a reader types words,
 * gets ranked hits with the matched words marked, narrows them by topic, pages through them, and
 * searches the Arabic edition right to left. Screenshots in tests/artifacts/screenshots.
 */
const password = 'a long enough password'
let harness: BrowserHarness
let server: ServerProcess
let browser: Browser
let token: string

const publish = async (body: Record<string, unknown>, locale = 'en') => {
  const created = await api(server.url, `/api/articles?locale=${locale}`, { method: 'POST', token, body })
  if (created.status !== 201) throw new Error(JSON.stringify(created.body))
  for (const stage of ['in_review', 'approved', 'published']) {
    const moved = await api(server.url, `/api/articles/${created.body.doc.id}?draft=true&locale=${locale}`, { method: 'PATCH', token, body: { stage } })
    if (moved.status !== 200) throw new Error(JSON.stringify(moved.body))
  }
}

beforeAll(async () => {
  harness = await startBrowserHarness({ SEED_DEMO: 'false' })
  ;({ server, browser } = harness)
  await registerStaff(server.url, password, [{ email: 'editor@newsroom.test', role: 'editor', name: 'Eddie Editor' }])
  token = (await api(server.url, '/api/users/login', { method: 'POST', body: { email: 'editor@newsroom.test', password } })).body.token
  const tag = await api(server.url, '/api/tags', { method: 'POST', token, body: { name: 'Security' } })
  await publish({ title: 'Kadhimi orders an inquiry', body: lexicalFromParagraphs(['Prime Minister Mustafa al-Kadhimi ordered an inquiry into the raid on the Kataib Hezbollah base.']), tags: [tag.body.doc.id] })
  for (let i = 1; i <= 11; i++) await publish({ title: `Briefing ${i}: Kadhimi in Erbil`, body: lexicalFromParagraphs([`Day ${i} of talks: Kadhimi met Kurdish leaders in Erbil.`]) })
  await publish({ title: 'الكاظمي يأمر بالتحقيق', body: lexicalFromParagraphs(['أمر رئيس الوزراء مصطفى الكاظمي بالتحقيق في الهجوم على مقر كتائب حزب الله في بغداد.']) }, 'ar')
}, 300_000)

afterAll(() => harness?.stop())

test('a reader searches, sees the matched words marked, narrows by topic and pages on', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 1000 } })).newPage()
  await page.goto(`${server.url}/search`)
  await page.getByLabel('Search articles').fill('kadhimi hezbollah')
  await page.keyboard.press('Enter')
  await page.locator('.hit').first().waitFor()
  expect(await page.locator('.hit h2').allTextContents()).toEqual(['Kadhimi orders an inquiry'])
  expect(await page.locator('.hit mark').allTextContents()).toEqual(['Kadhimi', 'Hezbollah'])
  await screenshot(page, 'search-01-hits')

  await page.getByLabel('Search articles').fill('kadhimi')
  await page.locator('select[name="tag"]').selectOption('security')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.waitForURL(/tag=security/)
  expect(await page.locator('.hit h2').allTextContents()).toEqual(['Kadhimi orders an inquiry'])

  await page.locator('select[name="tag"]').selectOption('')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.waitForURL((url) => !url.search.includes('tag=security'))
  expect(await page.locator('.count').textContent()).toBe('12 articles')
  expect(await page.locator('.hit').count()).toBe(10)
  await page.getByRole('link', { name: 'Next' }).click()
  await page.waitForURL(/page=2/)
  expect(await page.locator('.hit').count()).toBe(2)
  expect(await page.locator('.pager span').textContent()).toBe('Page 2 of 2')
  await page.context().close()
})

test('the Arabic edition’s search page reads right to left and marks the prefixed form', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage()
  await page.goto(`${server.url}/ar/search`)
  expect(await page.evaluate(() => [document.documentElement.lang, getComputedStyle(document.body).direction])).toEqual(['ar', 'rtl'])
  await page.locator('#q').fill('التحقيق')
  await page.keyboard.press('Enter')
  await page.locator('.hit').first().waitFor()
  expect(await page.locator('.hit h2').allTextContents()).toEqual(['الكاظمي يأمر بالتحقيق'])
  expect(await page.locator('.hit mark').allTextContents()).toEqual(['بالتحقيق'])
  expect(await page.locator('.snippet').evaluate((node) => getComputedStyle(node).direction)).toBe('rtl')
  await screenshot(page, 'search-02-arabic')
  await page.context().close()
})

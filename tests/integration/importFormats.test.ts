import type { AddressInfo } from 'node:net'

import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

import type { Article } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'

import { importFiles, summarize } from '../../src/import/importFiles'
import { startCms } from '../helpers/cms'

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import')
let cms: TestCms
let scratch: string
let images: http.Server
let imageBase: string

beforeAll(async () => {
  // The stand-in image server listens on 127.0.0.1, which the importer refuses unless allowed (importSafety.test.ts).
  process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1'
  cms = await startCms()
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-formats-'))
  // Stands in for the old site's image server: /pipeline.png is an image, anything else 404s.
  const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#225588' } }).png().toBuffer()
  images = http.createServer((req, res) => {
    if (req.url === '/pipeline.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve))
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`
})
afterAll(async () => {
  delete process.env.IMPORT_ALLOWED_HOSTS
  await new Promise((resolve) => images?.close(resolve))
  await cms?.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

const wordpressExport = (imagePath = 'pipeline.png') => {
  const file = path.join(scratch, `wordpress-${imagePath.replace(/\W/g, '')}.xml`)
  fs.writeFileSync(file, fs.readFileSync(path.join(fixtures, 'wordpress.xml'), 'utf8').replace('IMAGE_BASE/pipeline.png', `${imageBase}/${imagePath}`))
  return file
}

const bySlug = async (slug: string) =>
  (await cms.payload.find({ collection: 'articles', where: { slug: { equals: slug } }, draft: true, depth: 1, overrideAccess: true })).docs[0] as Article

type Node = { type: string; tag?: string; listType?: string; text?: string; url?: string; fields?: { url?: string }; value?: unknown; children?: Node[] }
const blocks = (article: Article) => article.body.root.children as unknown as Node[]
const textOf = (node: Node): string => node.text ?? (node.children ?? []).map(textOf).join('')
const findAll = (nodes: Node[], type: string): Node[] => nodes.flatMap((node) => [...(node.type === type ? [node] : []), ...findAll(node.children ?? [], type)])
const names = (docs: unknown) => ((docs ?? []) as Array<{ name: string }>).map((doc) => doc.name).sort()

describe('Markdown with front matter', () => {
  test('title, slug, authors, tags, date, excerpt and a body with headings, a link, an image, a list and a quote', async () => {
    const [result] = await importFiles(cms.payload, [path.join(fixtures, 'militia-economy.md')])
    expect(result).toMatchObject({ ok: true, status: 'created', slug: 'militia-economy', warnings: [] })
    const article = await bySlug('militia-economy')
    expect(article).toMatchObject({ title: 'How the militias fund themselves', _status: 'draft', publishedAt: '2024-03-05T08:00:00.000Z', excerpt: 'Checkpoints, contracts and smuggling keep the armed groups paid.' })
    expect(names(article.authors)).toEqual(['Lina Haddad', 'Omar Saleh'])
    expect(names(article.tags)).toEqual(['Economy', 'Iraq'])

    const body = blocks(article)
    expect(body.map((node) => (node.type === 'heading' ? node.tag : node.type))).toEqual(['paragraph', 'h2', 'paragraph', 'upload', 'list', 'quote', 'h3', 'paragraph'])
    const [link] = findAll(body, 'link')
    expect(link?.fields?.url).toBe('https://example.org/checkpoints')
    expect(textOf(link!)).toBe('roadside checkpoints')
    expect(findAll(body, 'listitem').map(textOf)).toEqual(['Port fees', 'Fuel smuggling', 'Public contracts'])
    expect(textOf(body[5]!)).toBe('"Nobody moves a truck without paying," a driver said.')
    const upload = body[3]!
    // Read at depth 1, the upload node holds its media document.
    const media = upload.value as { filename: string; alt: string; mimeType: string }
    expect(media).toMatchObject({ filename: 'map-of-basra.png', alt: "A map of Basra's port", mimeType: 'image/png' })
  })

  test('a heading can be the title; a file with no title is reported and the others import', async () => {
    const results = await importFiles(cms.payload, [path.join(fixtures, 'no-title.md'), path.join(fixtures, 'heading-title.md')])
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/No title: add "title: …" to the front matter/) })
    expect(results[1]).toMatchObject({ ok: true, status: 'created', title: 'A title taken from the heading' })
    expect(blocks(await bySlug('a-title-taken-from-the-heading')).map(textOf)).toEqual(['Only one paragraph, by nobody in particular.'])
  })

  test('bad front matter is named: invalid YAML, an impossible date', async () => {
    const yaml = path.join(scratch, 'bad-yaml.md')
    fs.writeFileSync(yaml, '---\ntitle: [unclosed\n---\nBody.\n')
    const date = path.join(scratch, 'bad-date.md')
    fs.writeFileSync(date, '---\ntitle: Dated\ndate: the day after tomorrow\n---\nBody.\n')
    const results = await importFiles(cms.payload, [yaml, date])
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/front matter is not valid YAML/) })
    expect(results[1]).toMatchObject({ ok: false, error: expect.stringMatching(/date "the day after tomorrow" is not a date/) })
  })
})

describe('WordPress export (WXR)', () => {
  test('posts arrive with author, categories and tags, date, excerpt, body and image; pages become pages, broken posts reported', async () => {
    const results = await importFiles(cms.payload, [wordpressExport()])
    expect(results.map((result) => result.ok)).toEqual([true, true, false])
    expect(results[1]).toMatchObject({ kind: 'page', slug: 'about-us', status: 'created' })
    const page = await cms.payload.findByID({ collection: 'pages', id: (results[1] as { id: number }).id, draft: true, overrideAccess: true })
    expect(page).toMatchObject({ title: 'About us', _status: 'draft', importSource: expect.stringMatching(/^wordpress:.*#2$/) })
    expect(JSON.stringify(page.body)).toContain('We are a small team.')
    expect(results[2]).toMatchObject({ error: 'The post has no title.' })
    expect(summarize(results)).toMatchObject({ created: 2, skipped: 0, failed: 1 })

    const article = await bySlug('oil-revenues-kurdish-budget')
    expect(article).toMatchObject({ title: 'Oil revenues and the Kurdish budget', publishedAt: '2023-11-02T09:15:00.000Z', excerpt: 'A decade-long quarrel over oil money.', _status: 'draft' })
    expect(names(article.authors)).toEqual(['Karim Nasser'])
    expect(names(article.tags)).toEqual(['Energy', 'Kurdistan'])
    const body = blocks(article)
    expect(body.map((node) => (node.type === 'heading' ? node.tag : node.type))).toEqual(['paragraph', 'h2', 'paragraph', 'upload', 'quote', 'list'])
    expect(textOf(body[0]!)).toBe('Erbil and Baghdad have argued over oil money for a decade.')
    expect(findAll(body, 'link')[0]?.fields?.url).toBe('https://example.org/pipeline')
    expect(findAll(body, 'listitem').map(textOf)).toEqual(['Salaries', 'Debts'])
  })

  test('approved comments wait for publication, then a re-run attaches them once; spam never comes', async () => {
    const file = wordpressExport()
    const [draftRun] = await importFiles(cms.payload, [file])
    expect(draftRun).toMatchObject({ ok: true, status: 'unchanged', comments: { created: 0, waiting: 1 } })

    const article = await bySlug('oil-revenues-kurdish-budget')
    await cms.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' }, overrideAccess: true, context: { workflowBypass: true } })
    const [liveRun] = await importFiles(cms.payload, [file])
    expect(liveRun).toMatchObject({ ok: true, comments: { created: 1, unchanged: 0 } })
    const [again] = await importFiles(cms.payload, [file])
    expect(again).toMatchObject({ ok: true, comments: { created: 0, unchanged: 1 } })

    const comments = await cms.payload.find({ collection: 'comments', where: { article: { equals: article.id } }, overrideAccess: true })
    expect(comments.docs).toHaveLength(1)
    expect(comments.docs[0]).toMatchObject({ authorName: 'Dara', email: 'dara@example.com', body: 'Salaries have been late for months.', status: 'approved', createdAt: '2023-11-03T10:00:00.000Z' })
  })

  test('an image that cannot be fetched is reported as a warning and the post still imports (the deleted article\'s redirects went with it, so its old /?p= address is this one\'s again)', async () => {
    await cms.payload.delete({ collection: 'articles', where: { slug: { equals: 'oil-revenues-kurdish-budget' } }, overrideAccess: true })
    const [result] = await importFiles(cms.payload, [wordpressExport('gone.png')])
    expect(result).toMatchObject({
      ok: true,
      status: 'created',
      warnings: [expect.stringMatching(/gone\.png left out: the server answered 404/)],
      redirects: { created: 1, unchanged: 0 },
    })
    expect(blocks(await bySlug('oil-revenues-kurdish-budget')).some((node) => node.type === 'upload')).toBe(false)
  })
})

describe('Blogger export (Atom)', () => {
  test('posts arrive with labels as tags, author, date, slug from the address and body; comments wait for publication', async () => {
    const results = await importFiles(cms.payload, [path.join(fixtures, 'blogger.xml')])
    // Articles first, then what was skipped, then what is broken.
    expect(results.map((result) => result.ok)).toEqual([true, 'skipped', false])
    expect(results[1]).toMatchObject({ reason: 'a Blogger settings, not a post or page' })
    expect(results[2]).toMatchObject({ error: '"A post with nothing in it" has no content.' })
    expect(results[0]).toMatchObject({ slug: 'why-turnout-fell', comments: { waiting: 1 } })

    const article = await bySlug('why-turnout-fell')
    expect(article).toMatchObject({ title: 'Why turnout fell in Baghdad', publishedAt: '2022-06-14T04:30:00.000Z' })
    expect(names(article.authors)).toEqual(['Huda Karim'])
    expect(names(article.tags)).toEqual(['Elections', 'Iraq'])
    const body = blocks(article)
    expect(body.map((node) => (node.type === 'heading' ? node.tag : node.type))).toEqual(['paragraph', 'h3', 'paragraph', 'quote', 'list'])
    expect(body[4]!.listType).toBe('number')
    expect(findAll(body, 'link')[0]?.fields?.url).toBe('https://example.org/boycott')

    await cms.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' }, overrideAccess: true, context: { workflowBypass: true } })
    const [rerun] = await importFiles(cms.payload, [path.join(fixtures, 'blogger.xml')])
    expect(rerun).toMatchObject({ ok: true, comments: { created: 1 } })
    const comments = await cms.payload.find({ collection: 'comments', where: { article: { equals: article.id } }, overrideAccess: true })
    expect(comments.docs.map((comment) => [comment.authorName, comment.body])).toEqual([['Samir', 'Great piece, \nthank you.']])
  })

  test('malformed XML is reported with its line, and the other files go on', async () => {
    const results = await importFiles(cms.payload, [path.join(fixtures, 'malformed.xml'), path.join(fixtures, 'heading-title.md')])
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/not well-formed XML \(line \d+\)/) })
    expect(results[1]).toMatchObject({ ok: true })
  })
})

test('re-running every importer duplicates nothing', async () => {
  const files = [path.join(fixtures, 'militia-economy.md'), path.join(fixtures, 'blogger.xml'), wordpressExport()]
  await importFiles(cms.payload, files)
  const count = async () => Object.fromEntries(await Promise.all((['articles', 'authors', 'tags', 'media', 'comments'] as const).map(async (c) => [c, (await cms.payload.count({ collection: c, overrideAccess: true })).totalDocs])))
  const before = await count()
  const results = await importFiles(cms.payload, files)
  expect(summarize(results)).toMatchObject({ created: 0, updated: 0, comments: 0 })
  expect(await count()).toEqual(before)
})

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { parse as parseDisposition } from 'content-disposition'

import type { TestCms } from '../helpers/cms'
import type { StaffMember } from '../helpers/staff'

import { importFiles } from '../../src/import/importFiles'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api } from '../helpers/http'
import { createStaff } from '../helpers/staff'

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import')
let cms: TestCms
let editor: StaffMember
let author: StaffMember
let articleId: number
let scratch: string

beforeAll(async () => {
  cms = await startCms()
  await createStaff(cms.payload, cms.baseUrl, 'admin')
  editor = await createStaff(cms.payload, cms.baseUrl, 'editor')
  author = await createStaff(cms.payload, cms.baseUrl, 'author')
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-export-'))
  const [result] = await importFiles(cms.payload, [path.join(fixtures, 'militia-economy.md')])
  articleId = (result as { id: number }).id
})
afterAll(async () => {
  await cms?.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

test('one article as Markdown: front matter and the body with headings, links, lists, quotes and images', async () => {
  const response = await fetch(`${cms.baseUrl}/api/articles/${articleId}/export?format=markdown`, { headers: { authorization: `JWT ${editor.token}` } })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/text\/markdown/)
  expect(parseDisposition(response.headers.get('content-disposition')!)).toEqual({ type: 'attachment', parameters: { filename: 'militia-economy.md' } })
  const markdown = await response.text()
  expect(markdown).toMatch(/^---\ntitle: How the militias fund themselves\nslug: militia-economy\nauthors:\n {2}- Lina Haddad\n {2}- Omar Saleh\ntags:\n {2}- Iraq\n {2}- Economy\ndate: 2024-03-05T08:00:00.000Z\nexcerpt:/)
  expect(markdown).toContain('## Checkpoints')
  expect(markdown).toContain('[roadside checkpoints](https://example.org/checkpoints)')
  expect(markdown).toMatch(/!\[A map of Basra's port\]\(\/api\/media\/file\/map-of-basra\.png\)/)
  expect(markdown).toMatch(/^- Port fees$/m)
  expect(markdown).toContain('> "Nobody moves a truck without paying," a driver said.')

  // What is exported imports again as the same article: nothing new is created.
  const file = path.join(scratch, 'militia-economy.md')
  fs.writeFileSync(file, markdown)
  const before = (await cms.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs
  const [again] = await importFiles(cms.payload, [file])
  expect(again).toMatchObject({ ok: true, id: articleId, warnings: [] })
  expect((await cms.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(before)
  const reimported = await cms.payload.findByID({ collection: 'articles', id: articleId, draft: true, depth: 0, overrideAccess: true })
  expect(reimported.body.root.children.map((node) => node.type)).toEqual(['paragraph', 'heading', 'paragraph', 'upload', 'list', 'quote', 'heading', 'paragraph'])
})

test('one article as JSON, with its authors and tags, without workflow internals', async () => {
  const { status, headers, body } = await api(cms.baseUrl, `/api/articles/${articleId}/export?format=json`, { token: editor.token })
  expect(status).toBe(200)
  expect(parseDisposition(headers.get('content-disposition')!)).toEqual({ type: 'attachment', parameters: { filename: 'militia-economy.json' } })
  expect(body).toMatchObject({ id: articleId, title: 'How the militias fund themselves', slug: 'militia-economy', authors: [{ name: 'Lina Haddad' }, { name: 'Omar Saleh' }] })
  expect(body.body.root.children).toHaveLength(8)
  expect(body).not.toHaveProperty('history')
})

test('the whole collection as JSON, latest versions (drafts included)', async () => {
  await createArticle(cms.payload, { title: 'Second story', authors: [author.authorId!] })
  const { status, body } = await api(cms.baseUrl, '/api/articles/export', { token: editor.token })
  expect(status).toBe(200)
  expect(body.totalDocs).toBe(2)
  expect(body.articles.map((article: { title: string }) => article.title).sort()).toEqual(['How the militias fund themselves', 'Second story'])
})

test('an article with an Arabic slug downloads under its name (RFC 6266 filename*), not a 500', async () => {
  const arabic = await createArticle(cms.payload, { title: 'العراق اليوم' })
  const result = await fetch(`${cms.baseUrl}/api/articles/${arabic.id}/export?format=markdown`, { headers: { authorization: `JWT ${editor.token}` } })
  expect(result.status).toBe(200)
  const disposition = result.headers.get('content-disposition')!
  expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('العراق-اليوم.md')}`)
  // An ASCII fallback for old clients, and the real name for the rest.
  expect(parseDisposition(disposition).parameters.filename).toBe('العراق-اليوم.md')
  await cms.payload.delete({ collection: 'articles', id: arabic.id, overrideAccess: true })
})

test('exports are for staff; bad formats are named; access still applies', async () => {
  expect((await api(cms.baseUrl, `/api/articles/${articleId}/export`)).status).toBe(401)
  expect((await api(cms.baseUrl, '/api/articles/export')).status).toBe(401)
  const pdf = await api(cms.baseUrl, `/api/articles/${articleId}/export?format=pdf`, { token: editor.token })
  expect(pdf.status).toBe(400)
  expect(pdf.body.errors[0].message).toBe('Unknown format "pdf": use json or markdown.')
  expect((await api(cms.baseUrl, '/api/articles/999999/export', { token: editor.token })).status).toBe(404)
})

test('npm run export writes Markdown files for the whole collection', async () => {
  const out = path.join(scratch, 'cli')
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'export', '--', '--format', 'markdown', '--out', out], {
    env: { ...process.env, DATABASE_URL: cms.database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    timeout: 120_000,
  })
  expect(stdout).toContain(`2 articles written to ${out}/ as markdown`)
  expect(fs.readdirSync(out).sort()).toEqual(['militia-economy.md', 'second-story.md'])
  expect(fs.readFileSync(path.join(out, 'second-story.md'), 'utf8')).toMatch(/^---\ntitle: Second story\n/)

  // A slug stored before the slug rule that names a path never writes outside the folder.
  const escaping = await createArticle(cms.payload, { title: 'Escaping slug' })
  await cms.payload.db.updateOne({ collection: 'articles', where: { id: { equals: escaping.id } }, data: { slug: '../../escaped' } })
  const { docs: versions } = await cms.payload.db.findVersions({ collection: 'articles', where: { parent: { equals: escaping.id } }, limit: 0 } as never)
  for (const version of versions) await cms.payload.db.updateVersion({ collection: 'articles', id: version.id, versionData: { ...version, version: { ...version.version, slug: '../../escaped' } } } as never)
  const second = path.join(scratch, 'cli-2')
  await promisify(execFile)('npm', ['run', '--silent', 'export', '--', '--format', 'markdown', '--out', second], {
    env: { ...process.env, DATABASE_URL: cms.database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    timeout: 120_000,
  })
  expect(fs.readdirSync(second)).toContain(`article-${escaping.id}.md`)
  expect(fs.existsSync(path.resolve(second, '../../escaped.md'))).toBe(false)
}, 240_000)

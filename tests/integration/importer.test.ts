import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import type { TestCms } from '../helpers/cms'

import { importFiles } from '../../src/import/importFiles'
import { parsePlainTextArticle } from '../../src/import/formats/plainText'
import { paragraphsFromLexical } from '../../src/richtext/paragraphs'
import { seedDemoContent, DEMO_TAGS } from '../../src/seed/demo'
import { startCms } from '../helpers/cms'
import { createTestDatabase } from '../helpers/testDatabase'
import { api, graphql } from '../helpers/http'
import { demoArticleFile, sampleArticleFiles } from '../helpers/samples'

let cms: TestCms
let scratch: string
beforeAll(async () => {
  cms = await startCms()
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-'))
})
afterAll(async () => {
  await cms?.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

const count = async (collection: 'articles' | 'authors' | 'tags') =>
  (await cms.payload.count({ collection, overrideAccess: true })).totalDocs

describe('plain-text importer', () => {
  test('every sample arrives as a draft with its title, author and all paragraphs, and no boilerplate', async () => {
    const files = sampleArticleFiles()
    const results = await importFiles(cms.payload, files, { tags: ['Iraq', 'Security'] })
    expect(results.every((result) => result.ok === true && result.status === 'created')).toBe(true)

    for (const file of files) {
      const expected = parsePlainTextArticle(fs.readFileSync(file, 'utf8'))
      const { docs } = await cms.payload.find({
        collection: 'articles',
        where: { title: { equals: expected.title } },
        draft: true,
        depth: 1,
      })
      expect(docs).toHaveLength(1)
      const article = docs[0]!
      expect(article._status).toBe('draft')
      expect(article.authors).toEqual([expect.objectContaining({ name: expected.byline })])
      expect((article.tags ?? []).map((tag) => typeof tag === 'object' && tag.name)).toEqual(['Iraq', 'Security'])
      const paragraphs = paragraphsFromLexical(article.body)
      expect(paragraphs).toEqual(expected.paragraphs)
      expect(paragraphs.join('\n')).not.toMatch(/No comments:|Post a Comment/)
    }
    // Imported drafts are not public until an editor publishes them.
    const anonymous = await api(cms.baseUrl, '/api/articles')
    expect(anonymous.body.docs).toEqual([])
  })

  test('re-running the import changes nothing and duplicates nothing', async () => {
    const before = { articles: await count('articles'), authors: await count('authors'), tags: await count('tags') }
    const results = await importFiles(cms.payload, sampleArticleFiles(), { tags: ['Iraq', 'Security'] })
    expect(results.map((result) => result.ok === true && result.status)).toEqual(results.map(() => 'unchanged'))
    expect({ articles: await count('articles'), authors: await count('authors'), tags: await count('tags') }).toEqual(before)
  })

  test('an edited file updates its article in place: found by its path (its import identity), not by its title\'s slug', async () => {
    const [sample] = sampleArticleFiles()
    const [first] = await importFiles(cms.payload, [sample!], { tags: ['Iraq', 'Security'] })
    // The same file name in another folder is the same post to the importer: the path is relative to what was given.
    const edited = path.join(scratch, path.basename(sample!))
    fs.writeFileSync(edited, fs.readFileSync(sample!, 'utf8').replace(/\s*$/, '\nA correction was appended to this article.\nNo comments:\n'))
    const articlesBefore = await count('articles')
    const [result] = await importFiles(cms.payload, [edited], { tags: ['Iraq', 'Security'] })
    expect(result).toMatchObject({ ok: true, status: 'updated', id: (first as { id: number }).id, warnings: [] })
    expect(await count('articles')).toBe(articlesBefore)
    const article = await cms.payload.findByID({ collection: 'articles', id: (result as { id: number }).id, draft: true })
    expect(paragraphsFromLexical(article.body).at(-1)).toBe('A correction was appended to this article.')

    // The same text under another name is another post: a new article beside it, never an overwrite.
    const renamed = path.join(scratch, 'renamed-copy.txt')
    fs.copyFileSync(edited, renamed)
    const [copy] = await importFiles(cms.payload, [renamed])
    expect(copy).toMatchObject({ ok: true, status: 'created', slug: `${article.slug}-2`, warnings: [`slug "${article.slug}" is taken by another article; this one is at "${article.slug}-2"`] })
    expect(await count('articles')).toBe(articlesBefore + 1)
    await cms.payload.delete({ collection: 'articles', id: (copy as { id: number }).id, overrideAccess: true })
  })

  test('a broken file is reported with its reason and the others still import', async () => {
    const empty = path.join(scratch, 'empty.txt')
    const good = path.join(scratch, 'good.txt')
    fs.writeFileSync(empty, '\n\n')
    fs.writeFileSync(good, 'A second story\nBy Sara Writer\nIts only paragraph.\n')
    const results = await importFiles(cms.payload, [empty, path.join(scratch, 'missing.txt'), good])
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) })
    expect(results[1]).toMatchObject({ ok: false, error: expect.stringMatching(/ENOENT|no such file/) })
    expect(results[2]).toMatchObject({ ok: true, status: 'created' })
    const author = await cms.payload.find({ collection: 'authors', where: { name: { equals: 'Sara Writer' } } })
    expect(author.totalDocs).toBe(1)
  })

  test('npm run import works from the command line against the configured database', async () => {
    // Its own empty database of the same kind, so the CLI's output does not depend on the tests above.
    const database = await createTestDatabase()
    const run = () =>
      promisify(execFile)('npm', ['run', '--silent', 'import', '--', '--tags', 'Iraq', demoArticleFile], {
        env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
        timeout: 120_000,
      })
    try {
      const first = await run()
      expect(first.stdout).toMatch(/^created\s+.*demo-article\.txt -> \/iraqi-militias-defy-government/m)
      expect(first.stdout).toMatch(/1 created, 0 updated, 0 unchanged, 0 skipped, 0 failed; 0 comments added; 0 redirects added, 0 already there; 0 warnings/)
      const second = await run()
      expect(second.stdout).toMatch(/^unchanged\s/m)
    } finally {
      await database.drop()
    }
  }, 180_000)
})

describe('demo content', () => {
  test('on an empty database the sample is published with its author and tags; GraphQL answers at once', async () => {
    // The importer tests above wrote drafts; the seed only runs on a database with no articles.
    expect(await seedDemoContent(cms.payload)).toBe(false)
    await cms.payload.delete({ collection: 'articles', where: { id: { exists: true } }, overrideAccess: true })
    expect(await seedDemoContent(cms.payload)).toBe(true)
    expect(await seedDemoContent(cms.payload)).toBe(false)

    const { body } = await graphql(
      cms.baseUrl,
      '{ Articles(where: { slug: { equals: "iraqi-militias-defy-government-expand-networks-and-pressure" } }) { docs { title publishedAt authors { name } tags { name } } } }',
    )
    const [article] = body.data.Articles.docs
    expect(article.title).toBe('Iraqi militias defy government, expand networks and pressure')
    expect(article.publishedAt).toBeTruthy()
    expect(article.authors).toEqual([{ name: 'Ali Mamouri' }])
    expect(article.tags.map((tag: { name: string }) => tag.name).sort()).toEqual([...DEMO_TAGS].sort())
  })
})

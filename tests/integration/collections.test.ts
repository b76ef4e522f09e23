import type { Article } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'

import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'

import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'

let cms: TestCms
beforeAll(async () => {
  cms = await startCms()
})
afterAll(async () => {
  await cms?.close()
})

const newArticle = (data: Partial<Article>) => createArticle(cms.payload, data)

describe('articles', () => {
  test('the slug is generated from the title and new articles are drafts', async () => {
    const article = await newArticle({ title: 'Baghdad’s New Militias: A Guide' })
    expect(article.slug).toBe('baghdads-new-militias-a-guide')
    expect(article._status).toBe('draft')
    expect(article.publishedAt).toBeFalsy()
  })

  test('an editor-chosen slug is kept (normalised) instead of the title', async () => {
    const article = await newArticle({ title: 'Some long headline', slug: 'Short Slug' })
    expect(article.slug).toBe('short-slug')
  })

  test('slugs are unique: a second article with the same slug gets the next free -2, -3 (the issue asked for that instead of a 400)', async () => {
    const first = await newArticle({ title: 'Same headline twice' })
    const second = await newArticle({ title: 'Same headline twice' })
    const third = await newArticle({ title: 'Something else', slug: 'same-headline-twice' })
    expect([first.slug, second.slug, third.slug]).toEqual(['same-headline-twice', 'same-headline-twice-2', 'same-headline-twice-3'])
  })

  test('publishing stamps publishedAt once and keeps a backdated one', async () => {
    const published = await newArticle({ title: 'Published now', _status: 'published' })
    expect(published._status).toBe('published')
    expect(Date.parse(published.publishedAt!)).toBeGreaterThan(Date.now() - 60_000)

    const backdated = await newArticle({
      title: 'Backdated',
      _status: 'published',
      publishedAt: '2020-10-20T08:00:00.000Z',
    })
    expect(backdated.publishedAt).toBe('2020-10-20T08:00:00.000Z')
  })

  test('title and body are required, with errors that name the fields', async () => {
    await expect(
      cms.payload.create({ collection: 'articles', data: {} as Article, overrideAccess: true, draft: false }),
    ).rejects.toThrow(/title|body/i)
  })

  test('relationships to authors and tags populate with their public fields', async () => {
    const author = await cms.payload.create({ collection: 'authors', data: { name: 'Jane Reporter' } as never })
    const tag = await cms.payload.create({ collection: 'tags', data: { name: 'Middle East' } as never })
    expect(author.slug).toBe('jane-reporter')
    expect(tag.slug).toBe('middle-east')
    const article = await newArticle({ title: 'With relations', authors: [author.id], tags: [tag.id] })
    const found = await cms.payload.findByID({ collection: 'articles', id: article.id, depth: 1 })
    expect(found.authors).toEqual([expect.objectContaining({ id: author.id, name: 'Jane Reporter', slug: 'jane-reporter' })])
    expect(found.tags).toEqual([expect.objectContaining({ id: tag.id, name: 'Middle East', slug: 'middle-east' })])
  })

  test('drafts keep versions: saving a draft over a published article leaves the live version intact', async () => {
    const live = await newArticle({ title: 'Live story', _status: 'published' })
    await cms.payload.update({
      collection: 'articles',
      id: live.id,
      data: { title: 'Live story (edited draft)' },
      draft: true,
      overrideAccess: true,
    })
    const published = await cms.payload.findByID({ collection: 'articles', id: live.id })
    const draft = await cms.payload.findByID({ collection: 'articles', id: live.id, draft: true })
    expect(published.title).toBe('Live story')
    expect(draft.title).toBe('Live story (edited draft)')
    const versions = await cms.payload.findVersions({ collection: 'articles', where: { parent: { equals: live.id } } })
    expect(versions.totalDocs).toBeGreaterThanOrEqual(2)
  })
})

describe('media', () => {
  test('an uploaded image is stored under the media folder with its resized variants', async () => {
    const png = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#336699' } }).png().toBuffer()
    const media = await cms.payload.create({
      collection: 'media',
      data: { alt: 'A blue rectangle' },
      file: { data: png, mimetype: 'image/png', name: 'blue.png', size: png.length },
    })
    expect(media.width).toBe(2000)
    expect(media.sizes?.thumbnail?.width).toBe(300)
    expect(media.sizes?.card?.width).toBe(768)
    expect(media.sizes?.hero?.width).toBe(1600)
    expect(fs.existsSync(path.join(process.env.MEDIA_DIR!, media.filename!))).toBe(true)
    expect(fs.existsSync(path.join(process.env.MEDIA_DIR!, media.sizes!.thumbnail!.filename!))).toBe(true)
    // The file is served; HEAD answers as GET does (it was a 404).
    const get = await fetch(`${cms.baseUrl}/api/media/file/${media.filename}`)
    const head = await fetch(`${cms.baseUrl}/api/media/file/${media.filename}`, { method: 'HEAD' })
    expect([get.status, head.status]).toEqual([200, 200])
    expect(head.headers.get('content-type')).toBe('image/png')
  })

  test('alt text is required and non-images are refused', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer()
    await expect(
      cms.payload.create({ collection: 'media', data: {} as never, file: { data: png, mimetype: 'image/png', name: 'x.png', size: png.length } }),
    ).rejects.toThrow(/alt/i)
    const text = Buffer.from('not an image')
    await expect(
      cms.payload.create({ collection: 'media', data: { alt: 'text' }, file: { data: text, mimetype: 'text/plain', name: 'x.txt', size: text.length } }),
    ).rejects.toThrow()
  })
})

describe('comments', () => {
  test('a comment on a published article starts pending, even if the sender asks for approved', async () => {
    const article = await newArticle({ title: 'Open for comments', _status: 'published' })
    const comment = await cms.payload.create({
      collection: 'comments',
      data: { article: article.id, authorName: 'Reader', email: 'reader@example.com', body: 'Thanks!', status: 'approved' },
      overrideAccess: false,
    })
    // The sender is not told the status (a spammer must not learn it was filed as spam).
    expect(comment.status).toBeUndefined()
    const stored = await cms.payload.findByID({ collection: 'comments', id: comment.id })
    expect(stored.status).toBe('pending')
    const reply = await cms.payload.create({
      collection: 'comments',
      data: { article: article.id, parent: comment.id, authorName: 'Other', email: 'o@example.com', body: 'Agreed.', status: 'pending' },
      overrideAccess: false,
    })
    // The parent is still pending, so an anonymous reader gets its id, never its content.
    expect(reply.parent).toBe(comment.id)
  })

  test('a comment on a draft is refused with a clear 400', async () => {
    const draft = await newArticle({ title: 'Not yet live' })
    await expect(
      cms.payload.create({
        collection: 'comments',
        data: { article: draft.id, authorName: 'Reader', email: 'reader@example.com', body: 'Early!', status: 'pending' },
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/published article/) })
  })
})

describe('users', () => {
  test('the first account becomes an admin; later ones default to contributor', async () => {
    const { totalDocs } = await cms.payload.count({ collection: 'users' })
    expect(totalDocs).toBe(0)
    const first = await cms.payload.create({
      collection: 'users',
      data: { email: 'founder@newsroom.test', password: 'a long enough password' } as never,
    })
    expect(first.role).toBe('admin')
    const second = await cms.payload.create({
      collection: 'users',
      data: { email: 'second@newsroom.test', password: 'a long enough password' } as never,
    })
    expect(second.role).toBe('contributor')
  })
})

import type { TestCms } from '../helpers/cms'

import { repairSlugs } from '../../src/slugs/repair'
import { startCms } from '../helpers/cms'
import { createArticle } from '../helpers/content'
import { api } from '../helpers/http'

let cms: TestCms
beforeAll(async () => {
  cms = await startCms()
})
afterAll(async () => {
  await cms?.close()
})

/** Stores a slug as the old rule (Payload's slugify) did, under the slug field's hook. */
async function storeSlug(collection: 'articles' | 'authors' | 'tags', id: number, slug: string) {
  await cms.payload.db.updateOne({ collection, where: { id: { equals: id } }, data: { slug } })
  if (collection === 'articles') {
    const { docs } = await cms.payload.db.findVersions({ collection, where: { parent: { equals: id } }, limit: 0, sort: '-updatedAt' } as never)
    for (const version of docs) {
      await cms.payload.db.updateVersion({ collection, id: version.id, versionData: { ...version, version: { ...version.version, slug } } } as never)
    }
  }
}

describe('npm run slugs:repair', () => {
  test('finds slugs stored badly, fixes them through Payload, and keeps old published addresses as redirects', async () => {
    const arabic = await createArticle(cms.payload, { title: 'الميليشيات العراقية تتحدى الحكومة', _status: 'published' })
    await storeSlug('articles', arabic.id, '---')
    const accented = await createArticle(cms.payload, { title: 'Ünïcödé Ça va? Überraschung' })
    await storeSlug('articles', accented.id, 'ncd-a-va-berraschung')
    const typed = await createArticle(cms.payload, { title: 'A headline', slug: 'chosen-by-an-editor' })
    const tag = await cms.payload.create({ collection: 'tags', data: { name: 'العراق' } as never, overrideAccess: true })
    await storeSlug('tags', tag.id, '-')

    const planned = await repairSlugs(cms.payload, { dryRun: true })
    expect(planned.map(({ collection, from, to }) => [collection, from, to])).toEqual([
      ['articles', '---', 'الميليشيات-العراقية-تتحدى-الحكومة'],
      ['articles', 'ncd-a-va-berraschung', 'unicode-ca-va-uberraschung'],
      ['tags', '-', 'العراق'],
    ])
    // A dry run changes nothing.
    expect((await cms.payload.findByID({ collection: 'articles', id: arabic.id, overrideAccess: true })).slug).toBe('---')

    const done = await repairSlugs(cms.payload)
    expect(done.map(({ to }) => to)).toEqual(['الميليشيات-العراقية-تتحدى-الحكومة', 'unicode-ca-va-uberraschung', 'العراق'])
    const live = await api(cms.baseUrl, `/api/articles/${arabic.id}?depth=0`)
    expect(live.body).toMatchObject({ slug: 'الميليشيات-العراقية-تتحدى-الحكومة', _status: 'published' })
    expect((await cms.payload.findByID({ collection: 'articles', id: accented.id, draft: true, overrideAccess: true })).slug).toBe('unicode-ca-va-uberraschung')
    expect((await cms.payload.findByID({ collection: 'articles', id: typed.id, draft: true, overrideAccess: true })).slug).toBe('chosen-by-an-editor')
    expect((await cms.payload.findByID({ collection: 'tags', id: tag.id, overrideAccess: true })).slug).toBe('العراق')
    // The published article's old address now leads to it.
    const resolved = await api(cms.baseUrl, `/api/redirects/resolve?path=${encodeURIComponent('/read/---')}`)
    expect(resolved.body).toMatchObject({ status: 301, article: { id: arabic.id, slug: 'الميليشيات-العراقية-تتحدى-الحكومة' } })
    // Running it again finds nothing left to do.
    expect(await repairSlugs(cms.payload)).toEqual([])
  })
})

import type { TestCms } from '../helpers/cms'

import { and, eq } from '@payloadcms/db-postgres/drizzle'

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

/**
 * Stores a slug (the English edition's) as the old rule (Payload's slugify) did, under the slug
 * field's hook: straight into the per-locale tables on SQL, the localized value on MongoDB.
 */
async function storeSlug(collection: 'articles' | 'authors' | 'tags', id: number, slug: string) {
  const db = cms.payload.db as unknown as { name: string; drizzle?: any; tables?: Record<string, any> }
  const localized = collection !== 'authors'
  if (!db.drizzle || !db.tables) {
    await cms.payload.db.updateOne({ collection, where: { id: { equals: id } }, data: { slug: localized ? { en: slug } : slug } })
  } else if (localized) {
    const table = db.tables[`${collection}_locales`]
    await db.drizzle.update(table).set({ slug }).where(and(eq(table._parentID, id), eq(table._locale, 'en')))
  } else {
    await cms.payload.db.updateOne({ collection, where: { id: { equals: id } }, data: { slug } })
  }
  if (collection === 'articles') {
    if (db.drizzle && db.tables) {
      const versions = db.tables._articles_v
      const locales = db.tables._articles_v_locales
      const ids = (await db.drizzle.select({ id: versions.id }).from(versions).where(eq(versions.parent, id))).map((row: { id: number }) => row.id)
      for (const versionId of ids) await db.drizzle.update(locales).set({ version_slug: slug }).where(and(eq(locales._parentID, versionId), eq(locales._locale, 'en')))
    } else {
      const { docs } = await cms.payload.db.findVersions({ collection, where: { parent: { equals: id } }, limit: 0, sort: '-updatedAt' } as never)
      for (const version of docs) {
        await cms.payload.db.updateVersion({ collection, id: version.id, versionData: { ...version, version: { ...version.version, slug: { en: slug } } } } as never)
      }
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

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import type { TestCms } from '../helpers/cms'

import { importFiles } from '../../src/import/importFiles'
import { startCms } from '../helpers/cms'
import { api } from '../helpers/http'

/**
 * The importers and the editions (docs/editions.md): `--locale ar` writes the Arabic edition, and
 * a post that translates another (`translation_of`, or `--translation-of`) becomes the Arabic
 * edition of the article its original was imported as, found by that post's import identity.
 */
let cms: TestCms
let scratch: string

const write = (name: string, text: string) => {
  const file = path.join(scratch, name)
  fs.writeFileSync(file, text)
  return file
}

const ENGLISH = `---
id: basra-water-2024
title: Basra's water crisis deepens
author: Rana Writer
tags: [Iraq, Water]
date: 2024-06-01
---
Salt water reached the taps of Basra again this summer.
`
const ARABIC = `---
id: basra-water-2024-ar
translation_of: basra-water-2024
title: أزمة المياه في البصرة تتفاقم
author: رنا الكاتبة
tags: [العراق]
---
وصلت المياه المالحة إلى صنابير البصرة مرة أخرى هذا الصيف، بحسب Mustafa al-Kadhimi.
`

beforeAll(async () => {
  cms = await startCms()
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-editions-'))
})
afterAll(async () => {
  await cms?.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

const article = (id: number, locale: string) => cms.payload.findByID({ collection: 'articles', id, locale: locale as 'en', draft: true, depth: 1, overrideAccess: true })

describe('--locale and translations', () => {
  let id: number

  test('a translation becomes the Arabic edition of its original’s article, leaving the English edition and what they share alone', async () => {
    const [english] = await importFiles(cms.payload, [write('basra.md', ENGLISH)])
    expect(english).toMatchObject({ ok: true, status: 'created' })
    id = (english as { id: number }).id
    const [arabic] = await importFiles(cms.payload, [write('basra.ar.md', ARABIC)], { locale: 'ar' })
    expect(arabic).toMatchObject({ ok: true, status: 'updated', id, slug: 'أزمة-المياه-في-البصرة-تتفاقم' })

    const ar = await article(id, 'ar')
    expect(ar).toMatchObject({ title: 'أزمة المياه في البصرة تتفاقم', stage: 'draft' })
    expect(JSON.stringify(ar.body)).toContain('Mustafa al-Kadhimi')
    const en = await article(id, 'en')
    expect(en).toMatchObject({ title: "Basra's water crisis deepens", slug: 'basras-water-crisis-deepens', publishedAt: '2024-06-01T00:00:00.000Z' })
    // The bylines and tags the editions share are the original's.
    expect((en.authors as Array<{ name: string }>).map((author) => author.name)).toEqual(['Rana Writer'])
    expect((en.tags as Array<{ slug: string }>).map((tag) => tag.slug).sort()).toEqual(['iraq', 'water'])
    expect((await cms.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(1)
  })

  test('importing both again changes nothing', async () => {
    const again = await importFiles(cms.payload, [path.join(scratch, 'basra.md')])
    const againArabic = await importFiles(cms.payload, [path.join(scratch, 'basra.ar.md')], { locale: 'ar' })
    expect([...again, ...againArabic].map((result) => (result as { status?: string }).status)).toEqual(['unchanged', 'unchanged'])
  })

  test('--publish with --locale ar publishes the Arabic edition only', async () => {
    const [published] = await importFiles(cms.payload, [path.join(scratch, 'basra.ar.md')], { locale: 'ar', publish: true })
    expect(published).toMatchObject({ ok: true, status: 'updated', id })
    expect((await api(cms.baseUrl, `/api/articles/${id}?locale=ar&depth=0`)).body.title).toBe('أزمة المياه في البصرة تتفاقم')
    expect((await api(cms.baseUrl, `/api/articles/${id}?locale=en&depth=0`)).status).toBe(404)
  })

  test('an Arabic post that translates nothing is an article of its own, with no English edition', async () => {
    const [own] = await importFiles(cms.payload, [write('mosul.ar.md', '---\nid: mosul-ar\ntitle: إعادة إعمار الموصل\n---\nنص عن الموصل.\n')], { locale: 'ar' })
    expect(own).toMatchObject({ ok: true, status: 'created', slug: 'إعادة-إعمار-الموصل' })
    const en = await article((own as { id: number }).id, 'en')
    expect(en.title ?? null).toBeNull()
  })

  test('a translation of a post never imported is refused, saying what to import first', async () => {
    const [orphan] = await importFiles(cms.payload, [write('orphan.ar.md', '---\ntranslation_of: never-imported\ntitle: يتيم\n---\nنص.\n')], { locale: 'ar' })
    expect(orphan).toMatchObject({ ok: false })
    expect((orphan as { error: string }).error).toMatch(/translates markdown:id:never-imported, but no article was imported from it: import the original first/)
  })

  test('--translation-of attaches every post of a run to one article', async () => {
    const [attached] = await importFiles(cms.payload, [write('mosul-summary.ar.txt', 'الموصل بعد الحرب\nرنا الكاتبة\nفقرة واحدة عن الموصل.\n')], { locale: 'ar', translationOf: 'markdown:id:mosul-ar' })
    expect([attached!.ok, (attached as { error?: string }).error]).toEqual([true, undefined])
    expect(attached).toMatchObject({ status: 'updated' })
    expect((await article((attached as { id: number }).id, 'ar')).title).toBe('الموصل بعد الحرب')
  })
})

describe('the command', () => {
  const run = (args: string[]) =>
    promisify(execFile)('npm', ['run', '--silent', 'import', '--', ...args], { env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' }, timeout: 60_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    )

  test('refuses an unknown edition, and --translation-of without one', async () => {
    const unknown = await run(['--locale', 'fr', 'x.md'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/--locale fr is no edition: use en or ar/)
    const noLocale = await run(['--translation-of', 'markdown:id:x', 'x.md'])
    expect(noLocale.code).toBe(2)
    expect(noLocale.stderr).toMatch(/--translation-of writes another edition of an article: name it with --locale \(ar\)/)
  }, 120_000)
})

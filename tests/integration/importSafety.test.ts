import type { AddressInfo } from 'node:net'

import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

import type { Article } from '../../src/payload-types'
import type { TestCms } from '../helpers/cms'

import { importFiles } from '../../src/import/importFiles'
import { startCms } from '../helpers/cms'

// Images in import files must not reach the internal network or files outside the import's folder.
let cms: TestCms
let scratch: string
let folder: string
let server: http.Server
let port: number
const requested: string[] = []

beforeAll(async () => {
  delete process.env.IMPORT_ALLOWED_HOSTS
  cms = await startCms()
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-safety-')))
  folder = path.join(scratch, 'import')
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true })
  const png = await sharp({ create: { width: 12, height: 8, channels: 3, background: '#aa3322' } }).png().toBuffer()
  // Outside the import's folder: must never be published.
  fs.writeFileSync(path.join(scratch, 'private.png'), png)
  fs.writeFileSync(path.join(scratch, 'private-absolute.png'), png)
  // Inside: may be imported, also by an absolute path and through a link that stays inside.
  fs.writeFileSync(path.join(folder, 'inside.png'), png)
  fs.writeFileSync(path.join(folder, 'sub', 'inside-absolute.png'), png)
  fs.symlinkSync(path.join(folder, 'inside.png'), path.join(folder, 'inside-link.png'))
  // Links that lead out of the folder.
  fs.symlinkSync(path.join(scratch, 'private.png'), path.join(folder, 'escape.png'))
  fs.symlinkSync(scratch, path.join(folder, 'parent'))

  // Stands in for an internal service (and, when allow-listed, for an old site's image server).
  server = http.createServer((req, res) => {
    requested.push(req.url ?? '')
    if (req.url?.startsWith('/to-loopback/')) res.writeHead(302, { location: `http://127.0.0.1:${port}/secret-${req.url.slice(13)}` }).end()
    else if (req.url?.startsWith('/to-metadata/')) res.writeHead(302, { location: `http://169.254.169.254/latest/${req.url.slice(13)}` }).end()
    else if (req.url === '/loop.png') res.writeHead(302, { location: '/loop.png' }).end()
    else if (req.url?.endsWith('.png')) res.writeHead(200, { 'content-type': 'image/png' }).end(png)
    else if (req.url === '/drawing.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  delete process.env.IMPORT_ALLOWED_HOSTS
  await new Promise((resolve) => server?.close(resolve))
  await cms?.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})
beforeEach(() => {
  requested.length = 0
})

let counter = 0
/** One Markdown article with one image, in the import folder. */
function markdownWith(src: string): string {
  const file = path.join(folder, `article-${++counter}.md`)
  fs.writeFileSync(file, `---\ntitle: Image case ${counter}\n---\n\nThe text before.\n\n![An image](${src})\n\nThe text after.\n`)
  return file
}

const mediaCount = async () => (await cms.payload.count({ collection: 'media', overrideAccess: true })).totalDocs
const hasUpload = (article: Article) => article.body.root.children.some((node) => node.type === 'upload')
const articleOf = async (result: unknown) =>
  cms.payload.findByID({ collection: 'articles', id: (result as { id: number }).id, draft: true, depth: 0, overrideAccess: true })

/** Imports `file` and checks that the article arrived without its image, with a warning matching `reason`. */
async function expectLeftOut(file: string, src: string, reason: RegExp) {
  const before = await mediaCount()
  const [result] = await importFiles(cms.payload, [file])
  expect(result).toMatchObject({ ok: true, status: 'created' })
  expect(result!.warnings).toHaveLength(1)
  expect(result!.warnings[0]).toContain(`image ${src} left out: `)
  expect(result!.warnings[0]).toMatch(reason)
  expect(hasUpload(await articleOf(result))).toBe(false)
  expect(await mediaCount()).toBe(before)
}

describe('image downloads follow the SSRF rules', () => {
  test.each([
    ['http://127.0.0.1:PORT/direct.png', /127\.0\.0\.1, a private, loopback.*IMPORT_ALLOWED_HOSTS/],
    ['http://localhost:PORT/named.png', /"localhost" resolves to (127\.0\.0\.1|::1)/],
    ['http://[::1]:PORT/v6.png', /::1.*internal address/],
    ['http://[::ffff:127.0.0.1]:PORT/mapped.png', /::ffff:7f00:1.*internal address/],
    ['http://[::127.0.0.1]:PORT/compatible.png', /::7f00:1.*internal address/],
    ['http://169.254.169.254/latest/meta-data.png', /169\.254\.169\.254.*internal address/],
    ['http://10.0.0.1/private.png', /10\.0\.0\.1.*internal address/],
    ['http://2130706433:PORT/decimal.png', /127\.0\.0\.1.*internal address/],
  ])('%s is left out with a warning, never requested', async (template, reason) => {
    const src = template.replace('PORT', String(port))
    await expectLeftOut(markdownWith(src), src, reason)
    expect(requested).toEqual([])
  })

  test('other schemes are refused', async () => {
    const src = `file://${path.join(scratch, 'private.png')}`
    await expectLeftOut(markdownWith(src), src, /only http\(s\) addresses and files inside the import file's folder/)
  })

  describe('with the test server allow-listed (IMPORT_ALLOWED_HOSTS)', () => {
    afterEach(() => {
      delete process.env.IMPORT_ALLOWED_HOSTS
    })

    test('an allowed host is downloaded and stored', async () => {
      process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1'
      const before = await mediaCount()
      const [result] = await importFiles(cms.payload, [markdownWith(`http://127.0.0.1:${port}/allowed.png`)])
      expect(result).toMatchObject({ ok: true, status: 'created', warnings: [] })
      expect(hasUpload(await articleOf(result))).toBe(true)
      expect(await mediaCount()).toBe(before + 1)
      expect(requested).toEqual(['/allowed.png'])
    })

    test('a redirect to an internal address is refused at the hop: to the metadata service', async () => {
      process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1'
      const src = `http://127.0.0.1:${port}/to-metadata/meta.png`
      await expectLeftOut(markdownWith(src), src, /169\.254\.169\.254.*internal address/)
      expect(requested).toEqual(['/to-metadata/meta.png'])
    })

    test('a redirect to an internal address is refused at the hop: from an allowed name to 127.0.0.1', async () => {
      process.env.IMPORT_ALLOWED_HOSTS = 'localhost'
      const src = `http://localhost:${port}/to-loopback/hop.png`
      await expectLeftOut(markdownWith(src), src, /"127\.0\.0\.1" resolves to 127\.0\.0\.1.*internal address/)
      expect(requested).toEqual(['/to-loopback/hop.png'])
    })

    test('redirects are bounded', async () => {
      process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1'
      const src = `http://127.0.0.1:${port}/loop.png`
      await expectLeftOut(markdownWith(src), src, /more than 5 redirects/)
      expect(requested).toHaveLength(6)
    })

    test('only raster images are stored (SVG can carry script)', async () => {
      process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1'
      const src = `http://127.0.0.1:${port}/drawing.svg`
      await expectLeftOut(markdownWith(src), src, /not a JPEG, PNG, GIF, WebP or AVIF image \(image\/svg\+xml\)/)
    })
  })

  test('WordPress and Blogger exports follow the same rules', async () => {
    const wordpress = path.join(folder, 'wordpress.xml')
    const fixture = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/import/wordpress.xml'), 'utf8')
    fs.writeFileSync(wordpress, fixture.replace('IMAGE_BASE/pipeline.png', 'http://169.254.169.254/pipeline.png'))
    const blogger = path.join(folder, 'blogger.xml')
    fs.writeFileSync(
      blogger,
      `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom'>
  <id>tag:blogger.com,1999:blog-5</id>
  <entry>
    <id>tag:blogger.com,1999:blog-5.post-1</id>
    <published>2022-06-14T07:30:00.000+03:00</published>
    <category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>
    <title type='text'>A Blogger post with a local image</title>
    <content type='html'>&lt;p&gt;Text.&lt;/p&gt;&lt;img src="../private.png" alt="x"/&gt;&lt;p&gt;More.&lt;/p&gt;</content>
    <link rel='alternate' type='text/html' href='https://example.blogspot.com/2022/06/local-image.html' title='A Blogger post with a local image'/>
    <author><name>Huda Karim</name></author>
  </entry>
</feed>`,
    )
    const before = await mediaCount()
    const [post, , , bloggerPost] = await importFiles(cms.payload, [wordpress, blogger])
    expect(post).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^image http:\/\/169\.254\.169\.254\/pipeline\.png left out: .*internal address/)] })
    expect(bloggerPost).toMatchObject({ ok: true, warnings: [expect.stringMatching(/^image \.\.\/private\.png left out: .*outside the import file's folder/)] })
    expect(await mediaCount()).toBe(before)
  })
})

describe('local images stay inside the import file\'s folder', () => {
  test.each([
    ['../private.png', /outside the import file's folder/],
    ['../../private.png', /outside the import file's folder/],
    ['sub/../../private.png', /outside the import file's folder/],
    ['ABSOLUTE_OUTSIDE', /outside the import file's folder/],
    ['/etc/passwd', /outside the import file's folder/],
    ['escape.png', /symbolic link to .*private\.png, outside the import file's folder/],
    ['parent/private.png', /symbolic link to .*private\.png, outside the import file's folder/],
  ])('%s is left out with a warning', async (template, reason) => {
    const src = template.replace('ABSOLUTE_OUTSIDE', path.join(scratch, 'private-absolute.png'))
    await expectLeftOut(markdownWith(src), src, reason)
  })

  test('nothing outside the folder was published', async () => {
    const { docs } = await cms.payload.find({ collection: 'media', where: { filename: { like: 'private' } }, overrideAccess: true })
    expect(docs).toEqual([])
    const { docs: escaped } = await cms.payload.find({ collection: 'media', where: { filename: { like: 'escape' } }, overrideAccess: true })
    expect(escaped).toEqual([])
  })

  test.each(['inside.png', 'ABSOLUTE_INSIDE', 'inside-link.png'])('%s inside the folder is imported', async (template) => {
    const src = template.replace('ABSOLUTE_INSIDE', path.join(folder, 'sub', 'inside-absolute.png'))
    const [result] = await importFiles(cms.payload, [markdownWith(src)])
    expect(result).toMatchObject({ ok: true, status: 'created', warnings: [] })
    expect(hasUpload(await articleOf(result))).toBe(true)
  })
})

import type { Payload } from 'payload'

import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { request } from 'undici'

import type { ImageResolver } from './richText'

import { pinnedAgent, vetTarget } from '../webhooks/safeTarget'

const MAX_IMAGE_BYTES = 20 * 1024 * 1024
const DOWNLOAD_TIMEOUT_MS = 15_000
const MAX_REDIRECTS = 5
const TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif' }
// SVG and other types are left out: they are published as they are, and SVG can carry script.
const DOWNLOADABLE = new Set(Object.values(TYPES))
const IMAGE_ADDRESSES = { what: 'Image addresses', setting: 'IMPORT_ALLOWED_HOSTS' }

type Image = { data: Buffer; mimetype: string }

/** An image that must not be had; the message becomes the entry's warning. */
class RefusedImage extends Error {}

/**
 * Resolves the images of imported articles to media documents. A path is read only from inside
 * the import file's folder (real paths: no `..`, no absolute path or symbolic link leading out);
 * an http(s) address is downloaded only from public addresses (the webhook SSRF rules, each
 * redirect vetted again, the connection pinned to the vetted addresses) unless its host is in
 * `allowedHosts` (IMPORT_ALLOWED_HOSTS); downloads are size and time limited. The same image
 * (by file name) is stored once and reused, also across runs. An image that is refused or cannot
 * be had is reported through `warn` and left out; the article still imports.
 */
export function imageResolver(payload: Payload, baseDir: string, warn: (message: string) => void, { allowedHosts = [] as string[] } = {}): ImageResolver {
  const known = new Map<string, number | string | undefined>()
  return async (src, alt) => {
    if (known.has(src)) return known.get(src)
    let id: number | string | undefined
    try {
      // This CMS's own media address (what its exports write): the library's image by that name, or nothing; no file is read.
      const ownMedia = /^\/api\/media\/file\/([^/?#]+)$/.exec(src)
      if (ownMedia) {
        const { docs } = await payload.find({ collection: 'media', where: { filename: { equals: decodeURIComponent(ownMedia[1]!) } }, limit: 1, depth: 0, overrideAccess: true })
        if (!docs[0]) throw new RefusedImage('no image of that name in the media library')
        known.set(src, docs[0].id)
        return docs[0].id
      }
      const remote = /^https?:\/\//i.test(src)
      if (!remote && /^[a-z][a-z0-9+.-]*:/i.test(src)) throw new RefusedImage('only http(s) addresses and files inside the import file\'s folder are imported')
      // Checked before the library is searched: a refused source must not even link an existing image.
      const local = remote ? undefined : await localImagePath(baseDir, src)
      if (remote) await vetTarget(src, allowedHosts, IMAGE_ADDRESSES)
      const name = decodeURIComponent(path.basename(remote ? new URL(src).pathname : src)) || 'image'
      const existing = await payload.find({ collection: 'media', where: { filename: { equals: name } }, limit: 1, depth: 0, overrideAccess: true })
      if (existing.docs[0]) {
        id = existing.docs[0].id
      } else {
        const { data, mimetype } = local ? await readLocal(local) : await download(src, allowedHosts)
        const created = await payload.create({
          collection: 'media',
          data: { alt: alt || name.replace(/\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ') },
          file: { data, mimetype, name, size: data.length },
          overrideAccess: true,
        })
        id = created.id
      }
    } catch (error) {
      warn(`image ${src} left out: ${error instanceof Error ? error.message : String(error)}`)
    }
    known.set(src, id)
    return id
  }
}

const isInside = (folder: string, file: string) => {
  const relative = path.relative(folder, file)
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative)
}

/** The real path of a local image, which must lie inside the import file's folder. */
async function localImagePath(baseDir: string, src: string): Promise<string> {
  const folder = path.resolve(baseDir)
  const realFolder = await fs.realpath(folder)
  const wanted = path.resolve(folder, src)
  if (!isInside(folder, wanted) && !isInside(realFolder, wanted)) throw new RefusedImage(`${src} is outside the import file's folder (${folder})`)
  const real = await fs.realpath(wanted).catch(() => {
    throw new Error(`no such file ${wanted}`)
  })
  if (!isInside(realFolder, real)) throw new RefusedImage(`${src} is a symbolic link to ${real}, outside the import file's folder (${folder})`)
  return real
}

async function readLocal(file: string): Promise<Image> {
  const mimetype = TYPES[path.extname(file).toLowerCase()]
  if (!mimetype) throw new Error('not a JPEG, PNG, GIF, WebP or AVIF file')
  // O_NOFOLLOW: a link swapped in after the real path was checked is not followed.
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new Error('not a file')
    if (stat.size > MAX_IMAGE_BYTES) throw new Error('larger than 20 MB')
    return { data: await handle.readFile(), mimetype }
  } finally {
    await handle.close()
  }
}

/** Drops a response body unread; the abort it causes is expected, not an error to report. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }) {
  body.on('error', () => undefined)
  body.destroy()
}

/**
 * Downloads an image. Redirects are followed by hand, at most MAX_REDIRECTS, and every hop is
 * vetted like the first, so a public address cannot redirect the importer to an internal one.
 */
async function download(src: string, allowedHosts: string[]): Promise<Image> {
  const signal = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)
  let address = src
  for (let hop = 0; ; hop++) {
    const { url, addresses } = await vetTarget(address, allowedHosts, IMAGE_ADDRESSES)
    const agent = pinnedAgent(addresses, DOWNLOAD_TIMEOUT_MS)
    try {
      const response = await request(url, {
        method: 'GET',
        dispatcher: agent,
        headers: { accept: [...DOWNLOADABLE].join(', '), 'user-agent': 'newsroom-cms-import/1' },
        headersTimeout: DOWNLOAD_TIMEOUT_MS,
        bodyTimeout: DOWNLOAD_TIMEOUT_MS,
        signal,
      })
      const status = response.statusCode
      if (status >= 300 && status < 400) {
        discard(response.body)
        const location = response.headers.location
        if (typeof location !== 'string' || !location) throw new Error(`the server answered ${status} without a Location`)
        if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`)
        address = new URL(location, url).href
        continue
      }
      if (status < 200 || status >= 300) {
        discard(response.body)
        throw new Error(`the server answered ${status}`)
      }
      const header = response.headers['content-type']
      const mimetype = (typeof header === 'string' ? header : '').split(';')[0]!.trim().toLowerCase()
      if (!DOWNLOADABLE.has(mimetype)) {
        discard(response.body)
        throw new Error(`not a JPEG, PNG, GIF, WebP or AVIF image (${mimetype || 'no content type'})`)
      }
      if (Number(response.headers['content-length'] ?? 0) > MAX_IMAGE_BYTES) {
        discard(response.body)
        throw new Error('larger than 20 MB')
      }
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length
        if (size > MAX_IMAGE_BYTES) {
          discard(response.body)
          throw new Error('larger than 20 MB')
        }
        chunks.push(chunk as Buffer)
      }
      return { data: Buffer.concat(chunks), mimetype }
    } finally {
      await agent.destroy().catch(() => undefined)
    }
  }
}

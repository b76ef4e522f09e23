import type { Payload } from 'payload'

import fs from 'node:fs/promises'
import path from 'node:path'

import type { ImageResolver } from './richText'

const MAX_IMAGE_BYTES = 20 * 1024 * 1024
const DOWNLOAD_TIMEOUT_MS = 15_000
const TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif' }

/**
 * Resolves the images of imported articles to media documents: a relative path is read next to
 * the import file, an http(s) address is downloaded (size and time limited). The same image
 * (by file name) is stored once and reused, also across runs. A missing image is reported
 * through `warn` and left out; the article still imports.
 */
export function imageResolver(payload: Payload, baseDir: string, warn: (message: string) => void): ImageResolver {
  const known = new Map<string, number | string | undefined>()
  return async (src, alt) => {
    if (known.has(src)) return known.get(src)
    let id: number | string | undefined
    try {
      const remote = /^https?:\/\//i.test(src)
      const name = decodeURIComponent(path.basename(remote ? new URL(src).pathname : src)) || 'image'
      const existing = await payload.find({ collection: 'media', where: { filename: { equals: name } }, limit: 1, depth: 0, overrideAccess: true })
      if (existing.docs[0]) {
        id = existing.docs[0].id
      } else {
        const { data, mimetype } = remote ? await download(src) : await readLocal(path.resolve(baseDir, src))
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

async function readLocal(file: string): Promise<{ data: Buffer; mimetype: string }> {
  const mimetype = TYPES[path.extname(file).toLowerCase()]
  if (!mimetype) throw new Error('not a JPEG, PNG, GIF, WebP or AVIF file')
  const data = await fs.readFile(file).catch(() => {
    throw new Error(`no such file ${file}`)
  })
  return { data, mimetype }
}

async function download(url: string): Promise<{ data: Buffer; mimetype: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' })
  if (!response.ok) throw new Error(`the server answered ${response.status}`)
  const mimetype = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
  if (!mimetype.startsWith('image/')) throw new Error(`not an image (${mimetype || 'no content type'})`)
  if (Number(response.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES) throw new Error('larger than 20 MB')
  const data = Buffer.from(await response.arrayBuffer())
  if (data.length > MAX_IMAGE_BYTES) throw new Error('larger than 20 MB')
  return { data, mimetype }
}
